import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { unreadable } from '../cells.js';

export const sectionMissing: Rule = {
  meta: {
    id: 'section-missing',
    url: ruleUrl('section-missing'),
    severity: 'warn',
    description: 'The guide has levers, a level mapping, a strategy and sources.',
  },
  check(guide, file) {
    if (unreadable(file)) return;
    const missing: Array<[boolean, string, string]> = [
      [guide.levers.length === 0, 'levers', 'a numbered list of levers under a "Global Levers" title'],
      [guide.levelMapping === null, 'a level mapping', 'a "**Level Mapping:**" paragraph'],
      [guide.strategy === null, 'a strategy', 'a block quote starting with "**Negotiate Up Strategy:**"'],
      [guide.sources.length === 0, 'sources', 'a bullet list under "**Evidence & Sources**"'],
    ];
    for (const [absent, what, expected] of missing) {
      if (!absent) continue;
      report(file, this.meta, `Unexpected guide without ${what}, expected ${expected}`, guide.title.position);
    }
  },
};

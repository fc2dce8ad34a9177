import type { Placeholder } from '../../model/guide.js';
import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';

export const placeholderMalformed: Rule = {
  meta: {
    id: 'placeholder-malformed',
    url: ruleUrl('placeholder-malformed'),
    severity: 'warn',
    description: 'Placeholders are closed, not empty, and have no empty choice.',
  },
  check(guide, file) {
    const all: Placeholder[] = [
      ...guide.placeholders,
      ...guide.levers.flatMap((lever) => lever.placeholders),
      ...(guide.strategy?.placeholders ?? []),
    ];
    const seen = new Set<string>();
    for (const placeholder of all) {
      const p = placeholder.position;
      const key = `${p.line}:${p.column}:${p.endLine}:${p.endColumn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const shown = placeholder.text.length > 40 ? `${placeholder.text.slice(0, 39)}…` : placeholder.text;
      let reason: string | null = null;
      if (!placeholder.closed) {
        reason = `Unexpected unclosed placeholder "[${shown}", expected a closing "]"`;
      } else if (placeholder.text.trim() === '') {
        reason = 'Unexpected empty placeholder "[]", expected choices like "[A/B]"';
      } else if (placeholder.choices.some((choice) => choice.trim() === '')) {
        reason = `Unexpected empty choice in placeholder "[${shown}]", expected text between every "/"`;
      }
      if (reason) report(file, this.meta, reason, p);
    }
  },
};

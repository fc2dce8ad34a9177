import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';

export const frontMatterInvalid: Rule = {
  meta: {
    id: 'front-matter-invalid',
    url: ruleUrl('front-matter-invalid'),
    severity: 'error',
    description: 'A front-matter block is closed, valid YAML and a mapping, and its `updated:` is a date.',
  },
  check(_guide, file) {
    const matter = file.data.frontMatter;
    if (!matter) return;
    for (const problem of matter.problems) report(file, this.meta, problem.reason, problem.position);
    const updated = matter.updated;
    if (updated && parseUpdated(updated.text) === null) {
      report(file, this.meta, `Unexpected updated "${updated.text}", expected a date like 2026-03-05 or a month like 2026-03`, updated.position);
    }
  },
};

/** The last day `updated:` stands for (a month stands for its last day), as YYYY-MM-DD, or null when it is not a date. */
export function parseUpdated(text: string): string | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = match[3] === undefined ? last : Number(match[3]);
  if (day < 1 || day > last) return null;
  return `${match[1]}-${match[2]}-${String(day).padStart(2, '0')}`;
}

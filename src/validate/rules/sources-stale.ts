import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';
import { unreadable } from '../cells.js';
import { parseUpdated } from './front-matter-invalid.js';

/** How old a guide's newest source may be (config `maxAgeMonths`). */
export const DEFAULT_MAX_AGE_MONTHS = 18;

/** `date` (YYYY-MM-DD) plus `months`, the day clamped to the month's length (2025-12-31 + 18 → 2027-06-30). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The newest year (1990-2199) a source names: "Levels.fyi offers (2025-2026)" → 2026. */
export function newestYear(sources: readonly string[]): number | null {
  let newest: number | null = null;
  for (const source of sources) {
    for (const match of source.matchAll(/(?<![\d.])(19[9]\d|2[01]\d\d)(?![\d.])/g)) {
      const year = Number(match[1]);
      if (newest === null || year > newest) newest = year;
    }
  }
  return newest;
}

export const sourcesStale: Rule = {
  meta: {
    id: 'sources-stale',
    url: ruleUrl('sources-stale'),
    severity: 'warn',
    description: "The guide's `updated:` date, else the newest year its sources cite, is at most maxAgeMonths (18) old.",
  },
  check(guide, file, { date, maxAgeMonths }) {
    if (date === undefined || unreadable(file)) return;
    const updated = file.data.frontMatter?.updated;
    const updatedDay = updated ? parseUpdated(updated.text) : null;
    // front-matter-invalid reports an `updated:` that is not a date.
    if (updated && updatedDay === null) return;
    let anchor: string;
    let what: string;
    let position;
    if (updated && updatedDay !== null) {
      anchor = updatedDay;
      what = `updated ${updated.text.trim()}`;
      position = updated.position;
    } else {
      const year = newestYear(guide.sources);
      if (year === null) return;
      // A year cited stands for its last day: "2025" data may be from December.
      anchor = `${year}-12-31`;
      what = `newest source year ${year}`;
      position = guide.sections.find((s) => /source|evidence|reference|citation/i.test(s.title))?.position ?? guide.title.position;
    }
    const freshUntil = addMonths(anchor, maxAgeMonths);
    if (date <= freshUntil) return;
    report(
      file,
      this.meta,
      `Unexpected ${what}, expected sources at most ${maxAgeMonths} months old on ${date} (stale since ${nextDay(freshUntil)}); refresh the figures and their sources`,
      position,
    );
  },
};

import type { Rule } from '../rule.js';
import { report, ruleUrl } from '../rule.js';

function key(region: string): string {
  return region.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

export const regionDuplicate: Rule = {
  meta: {
    id: 'region-duplicate',
    url: ruleUrl('region-duplicate'),
    severity: 'error',
    description: 'Each region appears once in the band table.',
  },
  check(guide, file) {
    const seen = new Map<string, number>();
    for (const band of guide.bands) {
      const k = key(band.region);
      if (k === '') continue;
      const firstLine = seen.get(k);
      if (firstLine === undefined) {
        seen.set(k, band.cells.region.position.line);
        continue;
      }
      report(
        file,
        this.meta,
        `Unexpected second row for region "${band.region.trim()}", expected each region once (first on line ${firstLine})`,
        band.cells.region.position,
      );
    }
  },
};

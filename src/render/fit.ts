// Chooses the fit a brief is drawn with: the template's page limit first, then no short remainder
// on the last page. Measure-only passes decide; renderBrief then draws once.
import type { Brief } from '../model/brief.js';
import { draw, type DrawOptions, type Measured } from './draw.js';
import { NORMAL_FIT, type Fit } from './styles.js';

/** Steps of fitting, tightest last: spacing first, then type size, then shortened lever text. */
const FIT_STEPS: readonly Fit[] = [
  NORMAL_FIT,
  { type: 1, space: 0.6, leverChars: 0 },
  { type: 0.92, space: 0.5, leverChars: 0 },
  { type: 0.86, space: 0.45, leverChars: 140 },
  { type: 0.8, space: 0.4, leverChars: 100 },
  { type: 0.8, space: 0.3, leverChars: 60 },
];

/** Spacings a re-flow tries, in order: tighter first (one page less), then looser. */
const REFLOW_SPACES = [0.75, 0.6, 0.45, 1.2, 1.4] as const;

/** A page whose content fills less than this share of its height must not hold only a remainder. */
export const MIN_LAST_PAGE_FILL = 0.25;
/** The cursor ends below the last text by the block's space after it: aim a little higher. */
const FILL_SLACK = 0.03;

/**
 * The fit a brief is drawn with, from measure-only passes (pages and the last page's fill, with
 * nothing painted: about a tenth of a full pass). A template with `maxPages` takes the first step that
 * fits, else the last; a brief whose last page would hold a short remainder takes the first
 * re-flow that pulls it back or fills it.
 */
export function chooseFit(brief: Brief, options: DrawOptions): Fit {
  const maxPages = options.template.settings.maxPages;
  // A try that runs past maxPages is stopped there.
  const measure = (fit: Fit, limit?: number): Measured => draw(brief, options, fit, { measureOnly: true, limit });
  const normal = measure(NORMAL_FIT, maxPages);
  if (maxPages !== undefined && normal.pages > maxPages) {
    for (const fit of FIT_STEPS.slice(1, -1)) if (measure(fit, maxPages).pages <= maxPages) return fit;
    return FIT_STEPS[FIT_STEPS.length - 1]!;
  }
  if (normal.pages > 1 && normal.lastFill < MIN_LAST_PAGE_FILL + FILL_SLACK) {
    // Re-flow: a slightly tighter set that needs one page less, never smaller type.
    // Else a slightly looser one that carries more onto the last page.
    for (const space of REFLOW_SPACES) {
      const fit = { type: 1, space, leverChars: 0 };
      const other = measure(fit);
      if (other.pages < normal.pages || (other.pages === normal.pages && other.lastFill >= MIN_LAST_PAGE_FILL + FILL_SLACK)) return fit;
    }
  }
  return NORMAL_FIT;
}

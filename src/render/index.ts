import { UsageError } from '../errors.js';
import type { Brief } from '../model/brief.js';
import { draw } from './draw.js';
import { chooseFit } from './fit.js';
import { UNDATED } from './format.js';
import { printable } from './glyphs.js';
import type { Template } from './template.js';

export { loadTemplate, parseTemplate, templateFields, type Template } from './template.js';
export { briefFileName, slugify } from './slug.js';
export { writeFileAtomic } from './atomic.js';

export { UNDATED, possessive } from './format.js';

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * The render date: `--date YYYY-MM-DD`, else `SOURCE_DATE_EPOCH` (seconds, UTC), else `UNDATED`
 * (1970-01-01: the brief prints no date). Never the clock, so the same inputs give the same bytes.
 */
export function resolveRenderDate(options: { date?: string; env: NodeJS.ProcessEnv | Record<string, string | undefined> }): string {
  if (options.date !== undefined) {
    if (!isCalendarDate(options.date)) throw new UsageError(`Unexpected --date "${options.date}", expected a calendar date as YYYY-MM-DD (e.g. 2026-03-05)`);
    return options.date;
  }
  const epoch = options.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,12}$/.test(epoch.trim())) throw new UsageError(`Unexpected SOURCE_DATE_EPOCH "${epoch}", expected whole seconds since 1970-01-01 UTC`);
    return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
  }
  return UNDATED;
}

export interface RenderOptions {
  template: Template;
  /** YYYY-MM-DD; `UNDATED` (1970-01-01) prints no date. */
  date: string;
  /** Encrypts the file (AES-256): needed to open it; printing allowed, copying and changes not. */
  password?: string;
  /** Written into the PDF's info (`OfferbriefOwner`): who the file belongs to, so `render` never overwrites another candidate's brief. */
  owner?: string;
}

/**
 * Renders a brief to PDF bytes with a template. Deterministic unless a password is given.
 * A template with `maxPages` is fitted into that many pages (tighter spacing, smaller type down to
 * a legible minimum, shortened lever text); any brief whose last page would hold only a short
 * remainder is set a little tighter when that pulls the remainder back.
 */
export async function renderBrief(brief: Brief, options: RenderOptions): Promise<Uint8Array> {
  if (!isCalendarDate(options.date)) throw new UsageError(`Unexpected render date "${options.date}", expected YYYY-MM-DD`);
  // Characters no font can draw print as "�" with a warning in the brief, never as a silent box.
  const checked = printable(brief);
  for (const warning of checked.warnings) if (!brief.warnings.includes(warning)) brief.warnings.push(warning);
  brief = checked.brief;
  const fit = chooseFit(brief, options);
  const drawn = draw(brief, options, fit, { measureOnly: false });
  drawn.doc.end();
  await drawn.ended;
  return drawn.output(drawn.chunks);
}

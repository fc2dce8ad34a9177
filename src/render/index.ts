import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { UsageError } from '../errors.js';
import type { Brief } from '../model/brief.js';
import { version } from '../version.js';
import { drawBlocks } from './blocks/markdown.js';
import type { RenderContext, StructElement } from './context.js';
import { directiveHooks } from './directives.js';
import { registerFonts } from './fonts.js';
import { printable } from './glyphs.js';
import { collectOutput } from './output.js';
import { formatLongDate, formatMoney, formatRange } from './format.js';
import { NORMAL_FIT, palette, style, type Fit } from './styles.js';
import { fieldValue, type Template } from './template.js';
import { drawLine, layout, sharedWidths } from './text.js';

export { loadTemplate, parseTemplate, templateFields, type Template } from './template.js';
export { briefFileName, slugify } from './slug.js';
export { writeFileAtomic } from './atomic.js';

/** The date of an undated brief: printed nowhere, used only for the PDF's metadata. */
export const UNDATED = '1970-01-01';

const PAGE_SIZES = { Letter: [612, 792], A4: [595.28, 841.89] } as const;

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

/** Adds the footer to every page, as an artifact: confidentiality, page X of Y, the guide's file and hash. */
function drawFooters(ctx: RenderContext): void {
  const { doc, brief, colors } = ctx;
  const range = doc.bufferedPageRange();
  const s = style('footer', colors);
  const margins = ctx.template.settings.margins;
  const right = ctx.left + ctx.width;
  const marked = doc as unknown as { markContent(tag: string, options?: unknown): unknown; endMarkedContent(): unknown };
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const savedBottom = page.margins.bottom;
    // Text below the bottom margin would make pdfkit add a page: lift the margin while writing.
    page.margins.bottom = 0;
    const top = page.height - margins.bottom + 16;
    const pageLabel = `Page ${i - range.start + 1} of ${range.count}`;
    const pageLaid = layout(ctx, [{ text: pageLabel, face: 'bold' }], s, ctx.width);
    const pageWidth = pageLaid.lines[0]?.width ?? 0;
    const left = layout(ctx, [{ text: `Confidential — prepared for ${brief.candidate.name}`, face: 'bold', color: colors.text }], s, ctx.width - pageWidth - 20);
    const guide = layout(ctx, [{ text: `${brief.guide.file} · sha256 ${brief.guide.sha256.slice(0, 12)}` }], s, ctx.width - 10);
    marked.markContent('Artifact', { type: 'Pagination' });
    doc.moveTo(ctx.left, top - 5).lineTo(right, top - 5).lineWidth(0.5).strokeColor(colors.rule).stroke();
    const first = left.lines[0];
    if (first) drawLine(ctx, first, left, ctx.left, top);
    if (pageLaid.lines[0]) drawLine(ctx, pageLaid.lines[0], pageLaid, right - pageWidth, top);
    const g = guide.lines[0];
    if (g) drawLine(ctx, g, guide, ctx.left, top + s.size * s.leading);
    marked.endMarkedContent();
    page.margins.bottom = savedBottom;
  }
}

/** Steps of fitting, tightest last: spacing first, then type size, then shortened lever text. */
const FIT_STEPS: readonly Fit[] = [
  NORMAL_FIT,
  { type: 1, space: 0.6, leverChars: 0 },
  { type: 0.92, space: 0.5, leverChars: 0 },
  { type: 0.86, space: 0.45, leverChars: 140 },
  { type: 0.8, space: 0.4, leverChars: 100 },
  { type: 0.8, space: 0.3, leverChars: 60 },
];

/** A page whose content fills less than this share of its height must not hold only a remainder. */
export const MIN_LAST_PAGE_FILL = 0.25;
/** The cursor ends below the last text by the block's space after it: aim a little higher. */
const FILL_SLACK = 0.03;

/** The document's title (`title` of the template's front matter, else the full brief's). */
const DEFAULT_TITLE = 'Negotiation brief: {{guide.role}} at {{guide.company}} — {{candidate.name}}';

interface Drawn {
  doc: PDFKit.PDFDocument;
  chunks: Buffer[];
  output: (chunks: Buffer[]) => Uint8Array;
  ended: Promise<void>;
  pages: number;
  /** Share of the last page's text column that is used. */
  lastFill: number;
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
  const maxPages = options.template.settings.maxPages;
  // A try that runs past maxPages is stopped there (it is thrown away); the last step is drawn whole.
  let drawn = draw(brief, options, NORMAL_FIT, maxPages);
  if (maxPages !== undefined && drawn.pages > maxPages) {
    for (const [i, fit] of FIT_STEPS.slice(1).entries()) {
      drawn = draw(brief, options, fit, i === FIT_STEPS.length - 2 ? undefined : maxPages);
      if (drawn.pages <= maxPages) break;
    }
  } else if (drawn.pages > 1 && drawn.lastFill < MIN_LAST_PAGE_FILL + FILL_SLACK) {
    // Re-flow: a slightly tighter set that needs one page less, never smaller type.
    // Else a slightly looser one that carries more onto the last page.
    for (const space of [0.75, 0.6, 0.45, 1.2, 1.4]) {
      const other = draw(brief, options, { type: 1, space, leverChars: 0 });
      if (other.pages < drawn.pages || (other.pages === drawn.pages && other.lastFill >= MIN_LAST_PAGE_FILL + FILL_SLACK)) {
        drawn = other;
        break;
      }
    }
  }
  drawn.doc.end();
  await drawn.ended;
  return drawn.output(drawn.chunks);
}

/** English possessive of a name: "Lumen Labs'" after a final s, "Scale AI's" otherwise. */
export function possessive(name: string, apostrophe = "'"): string {
  return /s$/i.test(name) ? `${name}${apostrophe}` : `${name}${apostrophe}s`;
}

/** Thrown when a fitting try needs more pages than allowed. */
class Overflow extends Error {}

/**
 * Draws every page of the brief with one fit; the document is not ended yet. With `limit`, a
 * draw that needs more pages stops at once and reports `pages: limit + 1`.
 */
function draw(brief: Brief, options: RenderOptions, fit: Fit, limit?: number): Drawn {
  const { template } = options;
  const settings = template.settings;
  const date = options.date === UNDATED ? null : options.date;
  const stamp = new Date(`${options.date}T00:00:00Z`);
  const [pageWidth, pageHeight] = PAGE_SIZES[settings.pageSize];
  const security = options.password
    ? {
        pdfVersion: '1.7ext3' as const,
        userPassword: options.password,
        // Random: knowing the user password must not give the right to change permissions.
        ownerPassword: randomBytes(24).toString('hex'),
        permissions: {
          printing: 'highResolution' as const,
          modifying: false,
          copying: false,
          annotating: false,
          fillingForms: false,
          contentAccessibility: true,
          documentAssembly: false,
        },
      }
    : { pdfVersion: '1.7' as const };
  const money = (n: number) => formatMoney(n, brief.currency);
  const range = (r: { low: number; high: number }) => formatRange(r, brief.currency);
  const resolve = (text: string) =>
    text.replace(/\{\{\s*([^{}]*?)\s*\}\}(?:(['’])s\b)?/g, (_, field: string, apostrophe: string | undefined) => {
      const value = fieldValue(field, brief, date, { money, range, longDate: formatLongDate });
      return apostrophe === undefined ? value : possessive(value, apostrophe);
    });
  const title = resolve(settings.title ?? DEFAULT_TITLE).replace(/\s+/g, ' ').trim();
  const doc = new PDFDocument({
    size: [pageWidth, pageHeight],
    margins: settings.margins,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    tagged: true,
    lang: settings.lang,
    displayTitle: true,
    subset: 'PDF/UA',
    font: null as unknown as string,
    info: {
      Title: title,
      Subject: brief.guide.title,
      Author: 'offerbrief',
      Keywords: ['salary negotiation', brief.guide.company, brief.guide.role, brief.region, ...brief.guide.tags].join(', '),
      Creator: `offerbrief ${version}`,
      CreationDate: stamp,
      ...(date !== null ? { ModDate: stamp } : {}),
      ...(options.owner !== undefined ? { OfferbriefOwner: options.owner } : {}),
    },
    ...security,
  } as unknown as PDFKit.PDFDocumentOptions);
  if (date === null) withoutCreationDate(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const output = collectOutput(doc);
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  registerFonts(doc);
  doc.font('regular');

  const root = (doc as unknown as { struct(type: string): StructElement }).struct('Document');
  (doc as unknown as { addStructure(e: StructElement): void }).addStructure(root);
  const ctx: RenderContext = {
    doc,
    brief,
    template,
    colors: palette(settings.accent, fit),
    date,
    left: settings.margins.left,
    width: pageWidth - settings.margins.left - settings.margins.right,
    top: settings.margins.top,
    bottom: pageHeight - settings.margins.bottom,
    y: settings.margins.top,
    parent: root,
    outline: null,
    widths: sharedWidths(),
  };

  if (limit !== undefined) {
    doc.on('pageAdded', () => {
      if (doc.bufferedPageRange().count > limit) throw new Overflow();
    });
  }
  try {
    drawBlocks(ctx, template.nodes as Parameters<typeof drawBlocks>[1], resolve, 0, 'paragraph', directiveHooks(ctx));
  } catch (error) {
    if (error instanceof Overflow) return { doc, chunks, output, ended, pages: limit! + 1, lastFill: 1 };
    throw error;
  }
  const lastFill = (ctx.y - ctx.top) / (ctx.bottom - ctx.top);
  root.end();
  drawFooters(ctx);
  return { doc, chunks, output, ended, pages: doc.bufferedPageRange().count, lastFill };
}

/**
 * An undated brief carries no creation date: pdfkit always writes one (the clock by default), in the
 * info dictionary and in the XMP metadata, so both are taken out. The file ID still hashes a fixed date.
 */
function withoutCreationDate(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { info: Record<string, unknown>; _addInfo(): void; appendXML(xml: string, newline?: boolean): void };
  delete d.info.CreationDate;
  const addInfo = d._addInfo;
  d._addInfo = function (this: typeof d) {
    const append = this.appendXML;
    this.info.CreationDate = new Date(0);
    this.appendXML = (xml, newline) => append.call(this, xml.replace(/\s*<xmp:CreateDate>[^<]*<\/xmp:CreateDate>/, ''), newline);
    try {
      addInfo.call(this);
    } finally {
      this.appendXML = append;
      delete this.info.CreationDate;
    }
  };
}

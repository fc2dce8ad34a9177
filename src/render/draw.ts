// Draws one brief into one PDF document with one fit: the renderer's single pass, which
// renderBrief repeats (measure-only) to choose the fit and then once for real.
import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Brief } from '../model/brief.js';
import { version } from '../version.js';
import { drawBlocks } from './blocks/markdown.js';
import { Overflow, type RenderContext, type StructElement } from './context.js';
import { directiveHooks } from './directives.js';
import { registerFonts } from './fonts.js';
import { collectOutput } from './output.js';
import { formatLongDate, formatMoney, formatRange, possessive, UNDATED } from './format.js';
import { palette, style, type Fit } from './styles.js';
import { fieldValue, type Template } from './template.js';
import { drawLine, layout, sharedWidths } from './text.js';

const PAGE_SIZES = { Letter: [612, 792], A4: [595.28, 841.89] } as const;

/** What one pass needs (renderBrief's options). */
export interface DrawOptions {
  template: Template;
  date: string;
  password?: string;
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

/** The document's title (`title` of the template's front matter, else the full brief's). */
const DEFAULT_TITLE = 'Negotiation brief: {{guide.role}} at {{guide.company}} — {{candidate.name}}';

/** What a pass tells about the layout: the same for a measure-only pass as for a full one. */
export interface Measured {
  pages: number;
  /** Share of the last page's text column that is used. */
  lastFill: number;
}

/** A full pass: the document, not yet ended, and where its bytes go. */
export interface Drawn extends Measured {
  doc: PDFKit.PDFDocument;
  chunks: Buffer[];
  output: (chunks: Buffer[]) => Uint8Array;
  ended: Promise<void>;
}

export interface PassOptions {
  /**
   * Lays out and paginates exactly as a full pass but paints and tags nothing (no text, shapes,
   * structure or footers): what choosing a fit needs, at a fraction of the cost.
   */
  measureOnly: boolean;
  /** A measure-only pass that needs more pages stops at once and reports `pages: limit + 1`. */
  limit?: number | undefined;
}

/**
 * The document measure-only passes lay out on: they paint nothing on it and add no pages to it
 * (newPage only counts them), so one serves every pass of the process; a new PDFDocument with its
 * fonts costs ~1 ms, about as much as the rest of a measure pass. Replaced now and then, so that whatever a pass
 * might leave on it cannot pile up over a long batch.
 */
let measuring: { doc: PDFKit.PDFDocument; uses: number } | null = null;
const MEASURING_DOC_USES = 500;

function measuringDoc(): PDFKit.PDFDocument {
  if (!measuring || measuring.uses >= MEASURING_DOC_USES) {
    const doc = new PDFDocument({ autoFirstPage: true, bufferPages: true, compress: false, font: null as unknown as string } as unknown as PDFKit.PDFDocumentOptions);
    registerFonts(doc);
    measuring = { doc, uses: 0 };
  }
  measuring.uses++;
  return measuring.doc.font('regular');
}

/** The document measure-only passes use now (for tests: it must stay one blank page). */
export function measuringDocument(): PDFKit.PDFDocument | null {
  return measuring?.doc ?? null;
}

/** The parent of a measure-only pass: it tags nothing (context.ts), so nothing is ever added. */
const NO_PARENT: StructElement = {
  add(): StructElement {
    throw new Error('a measure-only pass tags nothing');
  },
  end(): void {},
};

/** A measure-only pass: pages and the last page's fill, exactly as the full pass would find them. */
function measure(ctx: RenderContext, resolve: (text: string) => string): Measured {
  try {
    drawBlocks(ctx, ctx.template.nodes as Parameters<typeof drawBlocks>[1], resolve, 0, 'paragraph', directiveHooks(ctx));
  } catch (error) {
    if (error instanceof Overflow) return { pages: ctx.pageLimit! + 1, lastFill: 1 };
    throw error;
  }
  return { pages: ctx.pages, lastFill: (ctx.y - ctx.top) / (ctx.bottom - ctx.top) };
}

/**
 * Draws every page of the brief with one fit; the document is not ended yet. A measure-only pass
 * (with an optional page limit) only lays out and paginates.
 */
export function draw(brief: Brief, options: DrawOptions, fit: Fit, pass: { measureOnly: false }): Drawn;
export function draw(brief: Brief, options: DrawOptions, fit: Fit, pass: PassOptions): Measured;
export function draw(brief: Brief, options: DrawOptions, fit: Fit, pass: PassOptions): Drawn | Measured {
  const { template } = options;
  const settings = template.settings;
  const date = options.date === UNDATED ? null : options.date;
  const [pageWidth, pageHeight] = PAGE_SIZES[settings.pageSize];
  const money = (n: number) => formatMoney(n, brief.currency);
  const range = (r: { low: number; high: number }) => formatRange(r, brief.currency);
  const resolve = (text: string) =>
    text.replace(/\{\{\s*([^{}]*?)\s*\}\}(?:(['’])s\b)?/g, (_, field: string, apostrophe: string | undefined) => {
      const value = fieldValue(field, brief, date, { money, range, longDate: formatLongDate });
      return apostrophe === undefined ? value : possessive(value, apostrophe);
    });
  const frame = {
    brief,
    template,
    colors: palette(settings.accent, fit),
    date,
    left: settings.margins.left,
    width: pageWidth - settings.margins.left - settings.margins.right,
    top: settings.margins.top,
    bottom: pageHeight - settings.margins.bottom,
    y: settings.margins.top,
    outline: null,
    widths: sharedWidths(),
  };
  if (pass.measureOnly) return measure({ ...frame, doc: measuringDoc(), parent: NO_PARENT, measureOnly: true, pages: 1, pageLimit: pass.limit, computed: new Map() }, resolve);

  const stamp = new Date(`${options.date}T00:00:00Z`);
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
  const ctx: RenderContext = { ...frame, doc, parent: root, measureOnly: false, pages: 1, pageLimit: undefined, computed: new Map() };
  drawBlocks(ctx, template.nodes as Parameters<typeof drawBlocks>[1], resolve, 0, 'paragraph', directiveHooks(ctx));
  const lastFill = (ctx.y - ctx.top) / (ctx.bottom - ctx.top);
  root.end();
  drawFooters(ctx);
  return { doc, chunks, output, ended, pages: doc.bufferedPageRange().count, lastFill };
}

interface UndatedDoc {
  info: Record<string, unknown>;
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
  [ADD_INFO]?: () => void;
  [APPEND_XML]?: (xml: string, newline?: boolean) => void;
}

// Module-level functions with the originals in symbol-keyed fields, not closures per document:
// see output.ts (each different function stored over a prototype's method gave the document a
// hidden class of its own that kept it alive through the young generation).
const ADD_INFO = Symbol('addInfo');
const APPEND_XML = Symbol('appendXML');

function appendXmlWithoutCreateDate(this: UndatedDoc, xml: string, newline?: boolean): void {
  this[APPEND_XML]!.call(this, xml.replace(/\s*<xmp:CreateDate>[^<]*<\/xmp:CreateDate>/, ''), newline);
}

function addInfoWithoutCreationDate(this: UndatedDoc): void {
  const append = this.appendXML;
  this.info.CreationDate = new Date(0);
  this[APPEND_XML] = append;
  this.appendXML = appendXmlWithoutCreateDate;
  try {
    this[ADD_INFO]!.call(this);
  } finally {
    this.appendXML = append;
    delete this.info.CreationDate;
  }
}

/**
 * An undated brief carries no creation date: pdfkit always writes one (the clock by default), in the
 * info dictionary and in the XMP metadata, so both are taken out. The file ID still hashes a fixed date.
 */
function withoutCreationDate(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as UndatedDoc;
  delete d.info.CreationDate;
  d[ADD_INFO] = d._addInfo;
  d._addInfo = addInfoWithoutCreationDate;
}

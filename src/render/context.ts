import type { Brief } from '../model/brief.js';
import type { Palette } from './styles.js';
import type { Template } from './template.js';

/** A structure element of a tagged PDF (pdfkit's PDFStructureElement; absent from @types/pdfkit). */
export interface StructElement {
  add(child: StructElement | (() => void)): StructElement;
  end(): void;
}

/** An outline (bookmark) entry. */
export interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
}

/**
 * Everything one render needs. One object per document: the renderer keeps no module-level state
 * besides the parsed fonts and templates.
 */
export interface RenderContext {
  doc: PDFKit.PDFDocument;
  brief: Brief;
  template: Template;
  colors: Palette;
  /** The render date (YYYY-MM-DD), or null for an undated brief. */
  date: string | null;
  /** Left edge and width of the text column. */
  left: number;
  width: number;
  /** Top of the text column and the lowest y text may reach (above the footer). */
  top: number;
  bottom: number;
  /** Where the next block starts. */
  y: number;
  /** The structure element blocks are added to. */
  parent: StructElement;
  /** The outline entry of the current top-level heading (sections nest under it). */
  outline: OutlineItem | null;
  /** Measured string widths, keyed by face, size and text. */
  widths: Map<string, number>;
  /**
   * A pass that only paginates (see draw.ts): blocks lay out and move the cursor as always, but
   * nothing is painted or tagged. Drawing code that does not move the cursor may skip itself.
   */
  measureOnly: boolean;
  /** Pages so far of a measure-only pass (it adds none to its document: newPage counts them). */
  pages: number;
  /** A measure-only pass that would need more pages stops with Overflow. */
  pageLimit: number | undefined;
  /** What this pass built once, by builder and key (see `once`); a new pass starts empty. */
  computed: Map<Function, Map<object, unknown>>;
}

/**
 * `build(ctx, key)`, once per pass for each key: a block's table is built and measured for the
 * keep-with-next of the heading above it, for the space check before it, and again to draw it.
 * `build` must be a function of the pass (its brief, fit, palette and column) and `key` only.
 */
export function once<K extends object, T>(ctx: RenderContext, build: (ctx: RenderContext, key: K) => T, key: K): T {
  let built = ctx.computed.get(build) as Map<K, T> | undefined;
  if (!built) {
    built = new Map();
    ctx.computed.set(build, built);
  }
  if (built.has(key)) return built.get(key)!;
  const value = build(ctx, key);
  built.set(key, value);
  return value;
}

/** Thrown when a fitting try needs more pages than allowed. */
export class Overflow extends Error {}

/** pdfkit's structure API, typed once. */
export function struct(ctx: RenderContext, type: string, options: Record<string, unknown> = {}, children?: (() => void) | StructElement[]): StructElement {
  const doc = ctx.doc as unknown as {
    struct(type: string, options: Record<string, unknown>, children?: unknown): StructElement;
  };
  return doc.struct(type, options, children === undefined ? null : typeof children === 'function' ? [children] : children);
}

/** Adds a leaf element whose content `draw` paints, to the current parent. */
export function tagged(ctx: RenderContext, type: string, draw: () => void, options: Record<string, unknown> = {}): void {
  if (ctx.measureOnly) return draw();
  ctx.parent.add(struct(ctx, type, options, draw));
}

/**
 * Adds a leaf element whose content `draw` only paints, never moving the cursor (labels, chart
 * text): a measure-only pass skips it whole. Leaves that may break across pages use `tagged`.
 */
export function paint(ctx: RenderContext, type: string, draw: () => void, options: Record<string, unknown> = {}): void {
  if (ctx.measureOnly) return;
  ctx.parent.add(struct(ctx, type, options, draw));
}

/** Runs `draw` with a container element (Sect, L, Table...) as the parent of the blocks it adds. */
export function container(ctx: RenderContext, type: string, draw: () => void, options: Record<string, unknown> = {}): void {
  if (ctx.measureOnly) return draw();
  const element = struct(ctx, type, options);
  ctx.parent.add(element);
  const previous = ctx.parent;
  ctx.parent = element;
  try {
    draw();
  } finally {
    ctx.parent = previous;
    element.end();
  }
}

/**
 * Paints decoration (rules, backgrounds, bars) as an artifact a screen reader skips. Call it only
 * between tagged leaves: pdfkit closes open marked content when an artifact starts.
 */
export function artifact(ctx: RenderContext, draw: () => void): void {
  if (ctx.measureOnly) return;
  const doc = ctx.doc as unknown as { markContent(tag: string, options?: unknown): unknown; endMarkedContent(): unknown };
  doc.markContent('Artifact');
  draw();
  doc.endMarkedContent();
}

/** Starts a new page and puts the cursor at its top. */
export function newPage(ctx: RenderContext): void {
  if (ctx.measureOnly) {
    ctx.pages++;
    if (ctx.pageLimit !== undefined && ctx.pages > ctx.pageLimit) throw new Overflow();
    ctx.y = ctx.top;
    return;
  }
  // continueOnNewPage (not in @types/pdfkit) carries open marked content over, so a paragraph
  // split across pages stays one tagged element.
  (ctx.doc as unknown as { continueOnNewPage(): void }).continueOnNewPage();
  ctx.y = ctx.top;
}

/** Moves to a new page unless `height` points still fit below the cursor. */
export function ensureSpace(ctx: RenderContext, height: number): void {
  if (ctx.y + height > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
}

export function remaining(ctx: RenderContext): number {
  return ctx.bottom - ctx.y;
}

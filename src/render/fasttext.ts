/**
 * A shorter path for the renderer's most frequent drawing call, `doc.text(text, x, y, {lineBreak:
 * false})` for a piece of one line in one look, writing the same content as pdfkit 0.20 (pinned
 * at 0.20.2).
 *
 * pdfkit's general text path copies its options, measures the text twice, joins the glyph arrays of
 * every word into new arrays and writes each operator as its own chunk; for the few hundred pieces
 * of a brief that was a large part of a render. This writes the same operators in one chunk, from
 * pdfkit's (shared) word layouts, with each piece's words found once per process. Anything it
 * does not cover (links, underlines, positioned glyphs of shaped scripts, pending `continued`
 * text, a standard font) goes through `doc.text`; tests/render/fasttext.test.ts checks the bytes.
 */

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface GlyphRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: Position[];
  advanceWidth: number;
}

interface EmbeddedFontInternals {
  id: string;
  ascender: number;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  layoutCached(text: string): GlyphRun;
  /** pdfkit's word layouts (fonts.ts shares one object per face across documents). */
  layoutCache?: object;
  ref(): unknown;
}

interface DocInternals {
  _font: unknown;
  _fontSize: number;
  _textOptions: unknown;
  _fillColor: unknown;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** pdfkit's number formatting for content streams (PDFObject.number). */
function num(n: number): string {
  if (n > -1e21 && n < 1e21) return `${Math.round(n * 1e6) / 1e6}`;
  throw new Error(`unsupported number: ${n}`);
}

const hexes: string[] = [];
function hex(gid: number): string {
  return (hexes[gid] ??= `0000${gid.toString(16)}`.slice(-4));
}

function isEmbedded(font: unknown): font is EmbeddedFontInternals {
  const f = font as Partial<EmbeddedFontInternals> | null;
  return !!f && typeof f.layoutCached === 'function' && !!f.subset && Array.isArray(f.widths) && Array.isArray(f.unicode);
}

/** pdfkit's word split of `EmbeddedFont.layout`: each word keeps the space or tab after it. */
function words(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** What a word's layout means for the TJ operator, the same in every document. */
interface RunShape {
  /** Glyphs placed off the baseline (shaped scripts): left to pdfkit. */
  offset: boolean;
  /** Indexes of the glyphs followed by a kerning adjustment, and the adjustments as written. */
  kernAt: number[];
  kerns: string[];
  /** The adjustment written after the run's last glyph when a piece ends with it. */
  tail: string;
}

const shapes = new WeakMap<GlyphRun, RunShape>();

function shapeOf(run: GlyphRun): RunShape {
  let shape = shapes.get(run);
  if (!shape) {
    const kernAt: number[] = [];
    const kerns: string[] = [];
    let offset = false;
    run.positions.forEach((p, i) => {
      if (p.xOffset || p.yOffset) offset = true;
      if (p.xAdvance - p.advanceWidth !== 0) {
        kernAt.push(i);
        kerns.push(num(-(p.xAdvance - p.advanceWidth)));
      }
    });
    const last = run.positions[run.positions.length - 1];
    shape = { offset, kernAt, kerns, tail: last ? num(-(last.xAdvance - last.advanceWidth)) : '0' };
    shapes.set(run, shape);
  }
  return shape;
}

/** A piece of text laid out in one face: its words' layouts, as pdfkit's `layout` makes them. */
interface PieceShape {
  runs: GlyphRun[];
  shapes: RunShape[];
  offset: boolean;
  /** The sum of the words' advances, in pdfkit's order. */
  advance: number;
}

/**
 * Pieces by text, per face: a brief's pieces mostly recur in every brief (the template's and the
 * guide's text). Keyed by pdfkit's process-wide word cache of the face, which fonts.ts replaces when
 * it is full: the pieces then go with the words they were made of.
 */
const pieces = new WeakMap<object, Map<string, PieceShape>>();
const PIECES_LIMIT = 10_000;

function pieceOf(font: EmbeddedFontInternals, text: string): PieceShape {
  const words_ = font.layoutCache;
  let table = words_ ? pieces.get(words_) : undefined;
  let piece = table?.get(text);
  if (!piece) {
    const runs = words(text).map((w) => font.layoutCached(w));
    const shapes = runs.map(shapeOf);
    let advance = 0;
    for (const run of runs) advance += run.advanceWidth;
    piece = { runs, shapes, offset: shapes.some((s) => s.offset), advance };
    if (words_) {
      if (!table || table.size >= PIECES_LIMIT) {
        table = new Map();
        pieces.set(words_, table);
      }
      table.set(text, piece);
    }
  }
  return piece;
}

/**
 * Appends a word's glyph codes to the TJ operator being built: the hex between its kerning
 * adjustments, each segment closed by its adjustment. Numbers each glyph in the document's subset as
 * pdfkit's EmbeddedFont.encode does (includeGlyph keeps the first number it gave a glyph, so calling
 * it again for a word already drawn changes nothing). The codes are built anew for every draw, not
 * kept per document: kept, they lived as long as the document, outlived the young generation and
 * were most of what a batch worker promoted to the old one.
 */
function appendRun(font: EmbeddedFontInternals, run: GlyphRun, shape: RunShape, into: { tj: string; segment: string }): void {
  let k = 0;
  const glyphs = run.glyphs;
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i]!;
    const gid = font.subset.includeGlyph(glyph.id);
    into.segment += hex(gid);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    if (shape.kernAt[k] === i) {
      into.tj += `${into.tj === '' ? '' : ' '}<${into.segment}> ${shape.kerns[k]!}`;
      into.segment = '';
      k++;
    }
  }
}

/**
 * Writes `text` at (x, y) (top of the line box) in the current font, size and fill colour, as
 * `doc.text(text, x, y, { lineBreak: false })` would. Returns false, having written nothing, when
 * the text needs pdfkit's general path.
 */
export function drawTextFast(document: PDFKit.PDFDocument, text: string, x: number, y: number): boolean {
  const doc = document as unknown as DocInternals;
  const font = doc._font;
  if (!isEmbedded(font) || doc._textOptions || text.includes('\n')) return false;
  const { runs, shapes: runShapes, offset, advance } = pieceOf(font, text);
  if (offset) return false;

  doc.x = x;
  doc.y = y;
  if (text.length > 0) {
    const size = doc._fontSize;
    const height = doc.page.height;
    const dy = (font.ascender / 1000) * size;
    // pdfkit's save(), flip of the y axis and restore() around the text leave the CTM as it was.
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    // pdfkit's TJ: glyph codes in <hex> segments, each closed by its last glyph's adjustment.
    const built = { tj: '', segment: '' };
    for (let r = 0; r < runs.length; r++) appendRun(font, runs[r]!, runShapes[r]!, built);
    let tj = built.tj;
    if (built.segment !== '') tj += `${tj === '' ? '' : ' '}<${built.segment}> ${runShapes[runShapes.length - 1]!.tail}`;
    let content = `q\n1 0 0 -1 0 ${num(height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(height - y - dy)} Tm\n/${font.id} ${num(size)} Tf\n`;
    if (tj !== '') content += `[${tj}] TJ\n`;
    doc.addContent(`${content}ET\nQ`);
  }
  // pdfkit moves the cursor by the text's width (widthOfString with no spacing or scaling).
  doc.x += ((advance * (doc._fontSize / 1000) + 0) * 100) / 100;
  return true;
}

const fills = new Map<string, string>();

/** `doc.fillColor(color)` for a `#rrggbb` colour, with the operators built once per process. */
export function fillColorFast(document: PDFKit.PDFDocument, color: string): void {
  let ops = fills.get(color);
  if (ops === undefined) {
    if (!/^#[0-9a-f]{6}$/i.test(color)) {
      document.fillColor(color);
      return;
    }
    const value = parseInt(color.slice(1), 16);
    // pdfkit writes the colour space, then the components divided by 255, unrounded.
    ops = `/DeviceRGB cs\n${[value >> 16, (value >> 8) & 0xff, value & 0xff].map((part) => part / 255).join(' ')} scn`;
    if (fills.size >= 1024) fills.clear();
    fills.set(color, ops);
  }
  const doc = document as unknown as DocInternals;
  doc.addContent(ops);
  doc._fillColor = [color, undefined];
}

/** `doc.text(text, x, y, { lineBreak: false })`, by the short path when it applies. */
export function drawText(document: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  if (!drawTextFast(document, text, x, y)) document.text(text, x, y, { lineBreak: false });
}

import bidiModule, { type Bidi } from 'bidi-js';
import type { FaceName } from './fonts.js';
import { DEJAVU_COMMON, faceHasGlyph, fallbackFor, useFace } from './fonts.js';
import type { RenderContext } from './context.js';
import { newPage } from './context.js';
import { drawTextFast, fillColorFast } from './fasttext.js';
import type { TextStyle } from './styles.js';

/** A run of text in one look. `\n` inside `text` forces a line break. */
export interface Run {
  text: string;
  face?: FaceName;
  color?: string;
  link?: string;
  underline?: boolean;
  /** A background box behind the run (unfilled slots, inline code). */
  background?: string;
}

/** A piece of a laid-out line: text in one look at an offset from the line's start. */
export interface Piece {
  text: string;
  face: FaceName;
  color: string;
  link?: string;
  underline?: boolean;
  background?: string;
  x: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

/** Lines of a paragraph, ready to draw, with the style they were measured in. */
export interface LaidOut {
  lines: Line[];
  style: TextStyle;
  lineHeight: number;
  height: number;
}

/** Widths of strings per face and size, shared by every document of the process (bounded). */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 200_000;

/** The process-wide width cache, emptied when it grows past its limit. */
export function sharedWidths(): Map<string, number> {
  if (widthCache.size > WIDTH_CACHE_LIMIT) widthCache.clear();
  return widthCache;
}

export function measure(ctx: RenderContext, face: FaceName, size: number, text: string): number {
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = ctx.widths.get(key);
  if (width === undefined) {
    width = useFace(ctx.doc, face).fontSize(size).widthOfString(text);
    ctx.widths.set(key, width);
  }
  return width;
}

interface Atom {
  run: Run;
  text: string;
  kind: 'word' | 'space' | 'break';
}

/** Stands for a space no line may break at while a run is split into words. */
const GLUE = '\u2063';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/**
 * Spans printed on one line, whatever the width: an amount after a currency code ("CHF 24K/yr"),
 * a range written with spaced dashes ("$188K – $235K"), a date ("5 March 2026"), "◀ you".
 */
const UNBREAKABLE = new RegExp(
  [
    `\\b[A-Z]{3} [−-]?\\d[\\d.,]*[KMB]?(?:\\/\\w+)?(?: ?[–—] ?(?:[A-Z]{3} )?[−-]?\\d[\\d.,]*[KMB]?)?`,
    `[−-]?[^\\s\\d]{0,3}\\d[\\d.,]*[KMB%]? [–—] [^\\s\\d]{0,3}\\d[\\d.,]*[KMB%]?`,
    `\\b\\d{1,2} ${MONTH}(?: \\d{4})?\\b`,
    `${MONTH} \\d{1,2}(?:, \\d{4})?\\b`,
    '◀ you',
  ].join('|'),
  'g',
);

/** The text with the spaces inside unbreakable spans replaced by GLUE. */
export function glued(text: string): string {
  if (!/\d|◀/.test(text)) return text;
  return text.replace(UNBREAKABLE, (span) => span.replace(/ /g, GLUE));
}

/**
 * The run cut where its face lacks a character a fallback face draws (names in Chinese, Japanese
 * or Korean): those characters get the fallback face, the rest keep the run as it was.
 */
export function withFallbackFaces(run: Run, base: FaceName): Run[] {
  if (DEJAVU_COMMON.test(run.text)) return [run];
  const face = run.face ?? base;
  const out: Run[] = [];
  let text = '';
  let current: FaceName | undefined = run.face;
  const flush = () => {
    if (text) out.push(current === run.face ? { ...run, text } : { ...run, text, face: current });
    text = '';
  };
  for (const ch of run.text) {
    const code = ch.codePointAt(0)!;
    let next: FaceName | undefined = run.face;
    if (code >= 0x250 && !/\s/u.test(ch) && !faceHasGlyph(face, code)) next = fallbackFor(face, code) ?? run.face;
    if (next !== current) {
      flush();
      current = next;
    }
    text += ch;
  }
  flush();
  return out.length === 1 && out[0]!.face === run.face ? [run] : out;
}

function atomsOf(runs: Run[], base: FaceName): Atom[] {
  const atoms: Atom[] = [];
  for (const run of runs.flatMap((r) => withFallbackFaces(r, base))) {
    for (const part of glued(run.text).split(/(\n|[ \t\r\f\v\u00a0]+)/)) {
      if (part === '') continue;
      if (part === '\n') atoms.push({ run, text: '\n', kind: 'break' });
      else if (/^[ \t\r\f\v\u00a0]+$/.test(part)) atoms.push({ run, text: ' ', kind: 'space' });
      else atoms.push({ run, text: part.includes(GLUE) ? part.replaceAll(GLUE, ' ') : part, kind: 'word' });
    }
  }
  return atoms;
}

/**
 * Laid-out paragraphs by content, style and width, shared by every document of the process: a
 * brief lays out the template's fixed text (and measures blocks before drawing them) the same way
 * every time, and each measure pass of the fit lays out the same paragraphs again. Lines and
 * pieces are never changed once laid out. The look is found by the style object itself (styles
 * and palettes are memoised, see styles.ts), then by the width; a paragraph of one plain run
 * (most) by its text string itself, others by a key of all their runs: a hit builds no string.
 * Turned over when full (`previousByStyleKey`).
 */
type Laid = Pick<LaidOut, 'lines'>;
interface WidthCache {
  /** One run with no look of its own, by its text. */
  plain: Map<string, Laid>;
  /** Anything else, by a key of every run's look and text (fields are length-prefixed). */
  other: Map<string, Laid>;
}
type StyleCache = Map<number, WidthCache>;
let byStyleKey = new Map<string, StyleCache>();
let byStyleObject = new WeakMap<TextStyle, StyleCache>();
let cachedLayouts = 0;
/**
 * The generation before the current one: a layout found there moves to the current one. So when
 * the cache turns over, the text every brief lays out (the template's, a guide's) survives, and
 * what no brief asked for since (the paragraphs of earlier candidates) goes: at most twice the
 * limit is kept, and a batch's memory stops growing once the first turnover is done. (Emptying
 * the whole cache at 5,000 layouts made it 2-3 times as large and laid the fixed text out again.)
 */
let previousByStyleKey = new Map<string, StyleCache>();
const LAYOUT_CACHE_LIMIT = 2_000;

/**
 * What a paragraph's lines depend on: face, size and colour, not the leading, which sets only
 * the height. So the re-flow's measure passes, whose styles differ from the first pass's only in
 * their leading, find the first pass's lines.
 */
function styleKeyOf(style: TextStyle): string {
  return `${style.face}|${style.size}|${style.color.length}:${style.color}`;
}

function previousLayout(style: TextStyle, width: number, plain: boolean, key: string): Laid | undefined {
  const cache = previousByStyleKey.get(styleKeyOf(style))?.get(width);
  return cache && (plain ? cache.plain : cache.other).get(key);
}

function styleCache(style: TextStyle): StyleCache {
  let cache = byStyleObject.get(style);
  if (cache) return cache;
  const key = styleKeyOf(style);
  cache = byStyleKey.get(key);
  if (!cache) {
    cache = new Map();
    byStyleKey.set(key, cache);
  }
  byStyleObject.set(style, cache);
  return cache;
}

function lookCache(style: TextStyle, width: number): WidthCache {
  const styles = styleCache(style);
  let cache = styles.get(width);
  if (!cache) {
    cache = { plain: new Map(), other: new Map() };
    styles.set(width, cache);
  }
  return cache;
}

function isPlain(run: Run): boolean {
  return run.face === undefined && !run.underline && run.color === undefined && run.link === undefined && run.background === undefined;
}

function runsKey(runs: Run[]): string {
  let key = `${runs.length}`;
  for (const r of runs) {
    key +=
      `|${r.face ?? ''}|${r.underline ? 1 : 0}` +
      `|${r.color === undefined ? '-' : `${r.color.length}:${r.color}`}` +
      `|${r.link === undefined ? '-' : `${r.link.length}:${r.link}`}` +
      `|${r.background === undefined ? '-' : `${r.background.length}:${r.background}`}` +
      `|${r.text.length}:${r.text}`;
  }
  return key;
}

/**
 * Breaks runs into lines no wider than `width`: at spaces, and inside a word only when the word
 * alone is wider than the line (long URLs). Measures with the real font, so the height is exact.
 */
export function layout(ctx: RenderContext, runs: Run[], style: TextStyle, width: number): LaidOut {
  const plain = runs.length === 1 && isPlain(runs[0]!);
  const key = plain ? runs[0]!.text : runsKey(runs);
  let cache = lookCache(style, width);
  let laid = (plain ? cache.plain : cache.other).get(key);
  if (!laid) {
    laid = previousLayout(style, width, plain, key) ?? layoutLines(ctx, runs, style, width);
    if (cachedLayouts >= LAYOUT_CACHE_LIMIT) {
      previousByStyleKey = byStyleKey;
      byStyleKey = new Map();
      byStyleObject = new WeakMap();
      cachedLayouts = 0;
      cache = lookCache(style, width);
    }
    (plain ? cache.plain : cache.other).set(key, laid);
    cachedLayouts++;
  }
  // The lines are the same for every leading (see styleKeyOf); the height is this style's.
  const lineHeight = style.size * style.leading;
  return { lines: laid.lines, style, lineHeight, height: laid.lines.length * lineHeight };
}

/** Letters of scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

// bidi-js@1.1.0 is CommonJS whose module.exports is the factory (its types say `export default`).
const bidiFactory = bidiModule as unknown as () => Bidi;
let bidi: Bidi | null = null;

/**
 * A line holding right-to-left text, as the Unicode bidirectional algorithm orders it on the page
 * (bidi-js, paragraph direction left to right): its pieces cut where the direction or the look
 * changes, and a right-to-left stretch also at each space, then placed in visual order. fontkit
 * shapes each right-to-left word into its glyphs from right to left, so words keep their order
 * and the space after a word stays after it ("محمد علي" reads محمد first, from the right).
 */
export function visualOrder(ctx: RenderContext, pieces: Piece[], size: number): Piece[] {
  bidi ??= bidiFactory();
  const text = pieces.map((p) => p.text).join('');
  const owner = new Uint16Array(text.length);
  let at = 0;
  pieces.forEach((p, k) => {
    owner.fill(k, at, at + p.text.length);
    at += p.text.length;
  });
  const levels = bidi.getEmbeddingLevels(text, 'ltr');
  const order = bidi.getReorderedIndices(text, levels);
  // Runs of visual positions: one piece, one level, logical indices in step (up for left to right,
  // down for right to left), a right-to-left run cut at spaces (a surrogate pair stays whole: tested).
  const out: Piece[] = [];
  let x = 0;
  let i = 0;
  while (i < order.length) {
    const first = order[i]!;
    const rtl = (levels.levels[first]! & 1) === 1;
    const step = rtl ? -1 : 1;
    let j = i + 1;
    while (
      j < order.length &&
      order[j] === order[j - 1]! + step &&
      owner[order[j]!] === owner[first] &&
      (levels.levels[order[j]!]! & 1) === (rtl ? 1 : 0) &&
      !(rtl && (text[order[j]!] === ' ' || text[order[j - 1]!] === ' '))
    ) {
      j++;
    }
    const from = rtl ? order[j - 1]! : first;
    const to = (rtl ? first : order[j - 1]!) + 1;
    const piece = pieces[owner[first]!]!;
    const chunk = text.slice(from, to);
    const width = measure(ctx, piece.face, size, chunk);
    out.push({ ...piece, text: chunk, x, width });
    x += width;
    i = j;
  }
  return out;
}

function layoutLines(ctx: RenderContext, runs: Run[], style: TextStyle, width: number): Laid {
  const size = style.size;
  const lines: Line[] = [];
  let pieces: Piece[] = [];
  let x = 0;
  let pendingSpace: { piece: Omit<Piece, 'x' | 'width'>; width: number } | null = null;

  const faceOf = (run: Run): FaceName => run.face ?? style.face;
  const finish = () => {
    lines.push({ pieces: pieces.some((p) => RIGHT_TO_LEFT.test(p.text)) ? visualOrder(ctx, pieces, size) : pieces, width: x });
    pieces = [];
    x = 0;
    pendingSpace = null;
  };
  const place = (run: Run, text: string, w: number) => {
    const last = pieces[pieces.length - 1];
    const face = faceOf(run);
    const color = run.color ?? style.color;
    if (
      last &&
      last.face === face &&
      last.color === color &&
      last.link === run.link &&
      last.underline === run.underline &&
      last.background === run.background &&
      Math.abs(last.x + last.width - x) < 0.001
    ) {
      last.text += text;
      last.width += w;
    } else {
      pieces.push({ text, face, color, link: run.link, underline: run.underline, background: run.background, x, width: w });
    }
    x += w;
  };

  const atoms = atomsOf(runs, style.face);
  let i = 0;
  while (i < atoms.length) {
    const atom = atoms[i]!;
    if (atom.kind === 'break') {
      finish();
      i++;
      continue;
    }
    if (atom.kind === 'space') {
      if (pieces.length > 0) {
        const face = faceOf(atom.run);
        pendingSpace = {
          piece: { text: ' ', face, color: atom.run.color ?? style.color, link: atom.run.link, underline: atom.run.underline, background: atom.run.background },
          width: measure(ctx, face, size, ' '),
        };
      }
      i++;
      continue;
    }
    // A word: consecutive word atoms with no space between them (e.g. "**bold**," is one word).
    const word: Atom[] = [];
    while (i < atoms.length && atoms[i]!.kind === 'word') word.push(atoms[i++]!);
    const widths = word.map((a) => measure(ctx, faceOf(a.run), size, a.text));
    const wordWidth = widths.reduce((a, b) => a + b, 0);
    const spaceWidth = pendingSpace?.width ?? 0;
    if (pieces.length > 0 && x + spaceWidth + wordWidth > width + 0.01) {
      // Keep the space at the end of the line (not counted in its width): text copied or read
      // aloud from the PDF keeps its word breaks.
      const last = pieces[pieces.length - 1];
      if (last && pendingSpace) last.text += ' ';
      finish();
    }
    if (pieces.length > 0 && pendingSpace) {
      const sp = pendingSpace;
      place({ text: ' ', face: sp.piece.face, color: sp.piece.color, link: sp.piece.link, underline: sp.piece.underline, background: sp.piece.background }, ' ', sp.width);
    }
    pendingSpace = null;
    if (wordWidth <= width + 0.01) {
      word.forEach((a, k) => place(a.run, a.text, widths[k]!));
      continue;
    }
    // Wider than a whole line: cut after dashes and slashes (ranges, URLs), else between characters.
    for (const a of word) {
      const face = faceOf(a.run);
      for (const part of a.text.split(/(?<=[–—\-/])/)) {
        const w = measure(ctx, face, size, part);
        if (w <= width + 0.01) {
          if (pieces.length > 0 && x + w > width + 0.01) finish();
          place(a.run, part, w);
          continue;
        }
        for (const ch of Array.from(part)) {
          const cw = measure(ctx, face, size, ch);
          if (pieces.length > 0 && x + cw > width + 0.01) finish();
          place(a.run, ch, cw);
        }
      }
    }
  }
  if (pieces.length > 0 || lines.length === 0) finish();
  return { lines };
}

/**
 * `run` laid out on one line, shortened with an ellipsis to fit `width` (labels in a fixed
 * column). Measured like any text, so a name in another script is cut at its real width.
 */
export function fittedLine(ctx: RenderContext, run: Run, style: TextStyle, width: number): LaidOut {
  const oneLine = (text: string) => layout(ctx, [{ ...run, text }], style, Number.MAX_SAFE_INTEGER);
  let laid = oneLine(run.text);
  if ((laid.lines[0]?.width ?? 0) <= width) return laid;
  const chars = Array.from(run.text);
  while (chars.length > 1) {
    chars.pop();
    laid = oneLine(`${chars.join('').trimEnd()}…`);
    if ((laid.lines[0]?.width ?? 0) <= width) break;
  }
  return laid;
}

/** Draws one laid-out line with its top at `y`. */
export function drawLine(ctx: RenderContext, line: Line, laid: LaidOut, left: number, y: number): void {
  if (ctx.measureOnly) return;
  const doc = ctx.doc;
  const size = laid.style.size;
  doc.fontSize(size);
  for (const piece of line.pieces) {
    useFace(doc, piece.face);
    const textTop = y + (laid.lineHeight - doc.currentLineHeight()) / 2;
    if (piece.background) {
      const pad = 1.5;
      doc.save();
      doc.roundedRect(left + piece.x - pad, textTop - 0.5, piece.width + 2 * pad, doc.currentLineHeight() + 1, 1.5).fill(piece.background);
      doc.restore();
    }
    fillColorFast(doc, piece.color);
    if (!piece.link && !piece.underline && drawTextFast(doc, piece.text, left + piece.x, textTop)) continue;
    doc.text(piece.text, left + piece.x, textTop, {
      lineBreak: false,
      ...(piece.link ? { link: piece.link } : {}),
      ...(piece.underline ? { underline: true } : {}),
    });
  }
}

/**
 * Draws laid-out lines from the cursor, moving to new pages as needed. Keeps at least two lines
 * together at the foot of a page and never leaves a single last line alone on the next page.
 */
export function drawLines(ctx: RenderContext, laid: LaidOut, left: number = ctx.left): void {
  const { lines, lineHeight } = laid;
  let index = 0;
  while (index < lines.length) {
    const fit = Math.max(0, Math.floor((ctx.bottom - ctx.y + 0.01) / lineHeight));
    const left_ = lines.length - index;
    let take = Math.min(fit, left_);
    if (take < left_) {
      // Orphan: one line alone at the foot of a page; widow: one line alone at the top of the next.
      if (take === 1 && left_ > 1) take = 0;
      else if (left_ - take === 1 && take > 2) take -= 1;
    }
    if (take === 0) {
      if (ctx.y <= ctx.top + 0.01) take = 1; // a page cannot hold even one line: draw anyway
      else {
        newPage(ctx);
        continue;
      }
    }
    for (let k = 0; k < take; k++) {
      drawLine(ctx, lines[index + k]!, laid, left, ctx.y);
      ctx.y += lineHeight;
    }
    index += take;
    if (index < lines.length) newPage(ctx);
  }
}

/** Height of the first `count` lines: what must fit for a block to start on this page. */
export function headHeight(laid: LaidOut, count = 2): number {
  return Math.min(laid.lines.length, count) * laid.lineHeight;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontkitFont } from 'fontkit';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';
import { prepareFaceParts, useCachedFontFile, useFastSubsets, type PreparedFaceParts } from './subset.js';

/** The faces the styles of `styles.ts` name: DejaVu, registered on every document. */
export type BaseFace = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

/**
 * Faces for the characters DejaVu lacks: Han and kana (Noto Sans SC), Hangul and what SC lacks
 * (Noto Sans KR), each in a regular and a bold weight. They come from optional npm packages and are
 * parsed and registered only when a brief holds such a character.
 */
export type FallbackFace = 'cjk' | 'cjkBold' | 'hangul' | 'hangulBold';

/** Characters every DejaVu face draws: most text is only these, and is not looked at one by one. */
export const DEJAVU_COMMON = /^[\u0000-\u024f\u2010-\u2027\u2190-\u2199\u25b6-\u25c0]*$/;

/** Every face the renderer uses; a run of text names one of these. */
export type FaceName = BaseFace | FallbackFace;

const FILES: Record<BaseFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

/**
 * Parsed fonts, keyed by file path. Parsing a TrueType file costs far more than a page of text,
 * so each face is parsed once per process and the same fontkit object serves every document.
 */
const cache = new Map<string, FontkitFont>();

/** The fonts' folder, resolved once: module resolution costs more than a page of text. */
let folder: string | undefined;

function fontFolder(): string {
  if (folder === undefined) {
    const require = createRequire(import.meta.url);
    folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  }
  return folder;
}

/** Parsed fonts by face: the same objects as `cache`, without building the path each time. */
const faces = new Map<FaceName, FontkitFont>();

/** Where each fallback face comes from: an optional dependency, a file inside it. */
export const FALLBACK_FILES: Record<FallbackFace, { pkg: string; file: string }> = {
  cjk: { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  cjkBold: { pkg: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
  hangul: { pkg: '@expo-google-fonts/noto-sans-kr', file: '400Regular/NotoSansKR_400Regular.ttf' },
  hangulBold: { pkg: '@expo-google-fonts/noto-sans-kr', file: '700Bold/NotoSansKR_700Bold.ttf' },
};

export function isFallbackFace(face: FaceName): face is FallbackFace {
  return face in FALLBACK_FILES;
}

/** Fallback faces looked for, by face: the parsed font, or null when its package is not installed. */
const fallbacks = new Map<FallbackFace, FontkitFont | null>();

/**
 * The fontkit object of a fallback face, parsed on first use, or null when its optional package
 * is missing (`npm install --omit=optional`): the caller then prints "�" with a warning.
 * Plain fontkit: the DejaVu fast paths below are checked against DejaVu's files only.
 */
export function loadFallback(face: FallbackFace): FontkitFont | null {
  if (fallbacks.has(face)) return fallbacks.get(face)!;
  const { pkg, file } = FALLBACK_FILES[face];
  let font: FontkitFont | null = null;
  try {
    const require = createRequire(import.meta.url);
    const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    font = fontkit.create(readFileSync(path));
    memoizeGlyphDecoding(font);
  } catch {
    font = null;
  }
  fallbacks.set(face, font);
  return font;
}

/** The fallback face whose script `code` belongs to (whether or not that face has it), or null. */
export function scriptFallback(code: number): FallbackFace | null {
  if (isHangul(code)) return 'hangul';
  if (isCjk(code)) return 'cjk';
  return null;
}

function isHangul(code: number): boolean {
  return (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xac00 && code <= 0xd7ff);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x2fdf) || // radicals
    (code >= 0x3000 && code <= 0x30ff) || // CJK punctuation, hiragana, katakana
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0x20000 && code <= 0x3134f)
  );
}

function has(font: FontkitFont | null, code: number): boolean {
  return !!font && (font as unknown as { hasGlyphForCodePoint(c: number): boolean }).hasGlyphForCodePoint(code);
}

/** Whether a face draws `code`: a base face from DejaVu, a fallback face when its package is installed. */
export function faceHasGlyph(face: FaceName, code: number): boolean {
  return isFallbackFace(face) ? has(loadFallback(face), code) : has(loadFace(face), code);
}

/**
 * The face that draws `code` in place of `face` when DejaVu lacks it: Noto Sans SC first (Han in
 * Chinese forms, kana), then Noto Sans KR (Hangul); bold styles take the bold weights. Null when
 * no installed face has it.
 */
export function fallbackFor(face: FaceName, code: number): FallbackFace | null {
  const bold = face === 'bold' || face === 'boldItalic' || face === 'cjkBold' || face === 'hangulBold';
  for (const candidate of (bold ? ['cjkBold', 'hangulBold'] : ['cjk', 'hangul']) as FallbackFace[]) {
    if (has(loadFallback(candidate), code)) return candidate;
  }
  return null;
}

/**
 * The base faces' constant subset parts (subset.ts), made when the bundle was built
 * (scripts/bundle.mjs): a JSON string keyed by file name. Undefined outside the bundle.
 */
declare const OFFERBRIEF_PREPARED_FACES: string | undefined;
let prepared: Record<string, PreparedFaceParts | undefined> | undefined;

function preparedFaces(): Record<string, PreparedFaceParts | undefined> | undefined {
  if (typeof OFFERBRIEF_PREPARED_FACES === 'undefined') return undefined;
  prepared ??= JSON.parse(OFFERBRIEF_PREPARED_FACES) as Record<string, PreparedFaceParts | undefined>;
  return prepared;
}

/** The prepared form of the base faces (for scripts/bundle.mjs). */
export function prepareBundledFaces(): string {
  const out: Record<string, PreparedFaceParts | null> = {};
  for (const face of Object.keys(FILES) as BaseFace[]) out[FILES[face]] = prepareFaceParts(loadFace(face));
  return JSON.stringify(out);
}

/** The fontkit object of one base face, parsed on first use. */
export function loadFace(face: BaseFace): FontkitFont {
  const known = faces.get(face);
  if (known) return known;
  const path = join(fontFolder(), FILES[face]);
  let font = cache.get(path);
  if (!font) {
    const bytes = readFileSync(path);
    font = fontkit.create(bytes);
    memoizeGlyphDecoding(font);
    preloadTables(font, bytes);
    useSimpleLayout(font, bytes);
    useFastSubsets(font, bytes, preparedFaces()?.[FILES[face]]);
    cache.set(path, font);
  }
  faces.set(face, font);
  return font;
}

/**
 * Reads the `post` header and the `loca` offsets straight from the file into fontkit's table cache.
 * fontkit would decode `post` with all of its ~6,000 glyph names (pdfkit only needs the italic angle
 * and fixed-pitch flag) and `loca` one number at a time: together most of a cold process's font cost.
 */
function preloadTables(font: FontkitFont, bytes: Uint8Array): void {
  const f = font as unknown as {
    _tables: Record<string, unknown>;
    directory: { tables: Record<string, { offset: number; length: number } | undefined> };
    head: { indexToLocFormat: number };
  };
  const view = (tag: string) => {
    const t = f.directory.tables[tag];
    return t ? new DataView(bytes.buffer, bytes.byteOffset + t.offset, t.length) : null;
  };
  const post = view('post');
  if (post && post.byteLength >= 32 && !('post' in f._tables)) {
    f._tables.post = {
      version: post.getInt32(0) / 65536,
      italicAngle: post.getInt32(4) / 65536,
      underlinePosition: post.getInt16(8),
      underlineThickness: post.getInt16(10),
      isFixedPitch: post.getUint32(12),
      minMemType42: post.getUint32(16),
      maxMemType42: post.getUint32(20),
      minMemType1: post.getUint32(24),
      maxMemType1: post.getUint32(28),
    };
  }
  const loca = view('loca');
  if (loca && !('loca' in f._tables)) {
    const version = f.head.indexToLocFormat;
    const count = version === 0 ? loca.byteLength / 2 : loca.byteLength / 4;
    const offsets = new Array<number>(count);
    for (let i = 0; i < count; i++) offsets[i] = version === 0 ? loca.getUint16(i * 2) * 2 : loca.getUint32(i * 4);
    f._tables.loca = { version, offsets };
  }
}

/** Kerning pairs of a TrueType `kern` table (format 0), keyed `left * 65536 + right`, in font units. */
export function readKernPairs(bytes: Uint8Array, offset: number, length: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  if (length < 4 || view.getUint16(0) !== 0) return pairs;
  const tables = view.getUint16(2);
  let at = 4;
  for (let t = 0; t < tables && at + 6 <= length; t++) {
    const size = view.getUint16(at + 2);
    const coverage = view.getUint16(at + 4);
    const format = coverage >> 8;
    const horizontal = (coverage & 1) === 1;
    const minimum = (coverage & 2) === 2;
    const crossStream = (coverage & 4) === 4;
    if (format === 0 && horizontal && !minimum && !crossStream) {
      const count = view.getUint16(at + 6);
      for (let i = 0; i < count; i++) {
        const p = at + 14 + i * 6;
        if (p + 6 > length) break;
        pairs.set(view.getUint16(p) * 65536 + view.getUint16(p + 2), view.getInt16(p + 4));
      }
    }
    at += size;
  }
  return pairs;
}

/**
 * Text the simple layout handles exactly: no combining marks (which shaping offsets over their
 * letter), no invisible format characters (soft hyphen, zero-width space and joiners, direction
 * marks, which shaping hides), no scripts that need shaping. Tested code point by code point.
 */
function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0300) {
      if (c === 0xad) return false;
      continue;
    }
    if (c >= 0x0370 && c < 0x0590) {
      if (c >= 0x0483 && c <= 0x0489) return false;
      continue;
    }
    if (c >= 0x1e00 && c < 0x2c00) {
      if ((c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || (c >= 0x20d0 && c <= 0x20ff)) return false;
      continue;
    }
    return false;
  }
  return true;
}

/** A glyph and a position as fontkit gives them, the parts `useSimpleLayout` reads and makes. */
type SimpleGlyph = { id: number; advanceWidth: number; codePoints: number[] };
type SimplePosition = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };

/**
 * Replaces fontkit's OpenType shaper with a lookup of glyphs and advance widths plus the font's
 * `kern` pairs, for text in Latin, Greek or Cyrillic letters, punctuation and symbols (— → € £ ₹ ≥).
 * For DejaVu this gives the same glyphs and positions as full shaping (which only kerns such text)
 * at a small part of the cost: the first shaping of a face decodes its GSUB/GPOS tables, about
 * 100 ms per face in a cold process. Other text still goes through fontkit's shaper.
 */
function useSimpleLayout(font: FontkitFont, bytes: Uint8Array): void {
  const target = font as unknown as {
    layout(text: string, features?: unknown): unknown;
    glyphForCodePoint(cp: number): SimpleGlyph;
    directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  };
  const shape = target.layout.bind(font);
  let kern: Map<number, number> | null = null;
  // fontkit looks each code point up in the cmap and returns the one glyph object of its id.
  const byCodePoint = new Map<number, SimpleGlyph>();
  target.layout = (text: string, features?: unknown) => {
    if (features !== undefined || !isSimpleText(text)) return shape(text, features);
    if (!kern) {
      const table = target.directory.tables.kern;
      kern = table ? readKernPairs(bytes, table.offset, table.length) : new Map();
    }
    const glyphs: SimpleGlyph[] = [];
    const positions: SimplePosition[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let glyph = byCodePoint.get(cp);
      if (glyph === undefined) {
        glyph = target.glyphForCodePoint(cp);
        byCodePoint.set(cp, glyph);
      }
      const previous = glyphs[glyphs.length - 1];
      if (previous) positions[positions.length - 1]!.xAdvance += kern.get(previous.id * 65536 + glyph.id) ?? 0;
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return new SimpleRun(glyphs, positions);
  };
}

/**
 * A run of `useSimpleLayout`: its advance is read after pdfkit scales the positions, like fontkit's
 * GlyphRun.advanceWidth; pdfkit keeps the run in its layout cache and reads it for every use of the
 * word, so it is summed once. A class, not an object literal with a getter: V8 (Node 20) gives
 * each such literal a hidden class of its own, in the old generation, holding the getter's closure,
 * so every freshly shaped run outlived the young generation (documents of 100 lines, each shaping
 * its words anew: 51 KB promoted per document, 4.7 KB as a class). It matters where words are new:
 * a cold render, a batch's first briefs; a batch's later briefs find their words in the cache.
 */
class SimpleRun {
  private advance: number | undefined;
  constructor(
    readonly glyphs: SimpleGlyph[],
    readonly positions: SimplePosition[],
  ) {}

  get advanceWidth(): number {
    if (this.advance === undefined) {
      let sum = 0;
      for (const p of this.positions) sum += p.xAdvance;
      this.advance = sum;
    }
    return this.advance;
  }
}

/**
 * fontkit keeps one glyph object per glyph id, but re-reads the glyph's outline from the file each
 * time a document's font subset includes it. The outline never changes: read it once per glyph.
 */
function memoizeGlyphDecoding(font: FontkitFont): void {
  type Glyph = { _decode?: () => unknown; __offerbriefDecoded?: true };
  const target = font as unknown as { getGlyph(id: number, codePoints?: number[]): Glyph | null };
  const getGlyph = target.getGlyph.bind(font);
  target.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && typeof glyph._decode === 'function' && !glyph.__offerbriefDecoded) {
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
      glyph.__offerbriefDecoded = true;
    }
    return glyph;
  };
}

/**
 * Shaped words, per font file. pdfkit caches the layout of each word per document; shaping
 * (fontkit's GSUB/GPOS lookups) is most of a render's time, and a word shapes the same in every
 * document, so the cache is shared by all documents of the process. Bounded: cleared when full.
 */
const layouts = new Map<string, Record<string, unknown>>();
const LAYOUT_CACHE_LIMIT = 50_000;
const layoutUses = new Map<string, number>();

function sharedLayoutCache(file: string): Record<string, unknown> {
  let cache = layouts.get(file);
  const uses = (layoutUses.get(file) ?? 0) + 1;
  layoutUses.set(file, uses);
  // Counting keys is linear: check the size every 256 documents only.
  if (!cache || (uses % 256 === 0 && Object.keys(cache).length > LAYOUT_CACHE_LIMIT)) {
    cache = Object.create(null) as Record<string, unknown>;
    layouts.set(file, cache);
  }
  return cache;
}

/**
 * Registers every face on a document under its `FaceName`. pdfkit 0.20 accepts a fontkit object as
 * the source, but @types/pdfkit only knows paths and buffers: the casts live here. Each face's
 * pdfkit font then uses the process-wide layout cache (an unused face is still not embedded).
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of Object.keys(FILES) as BaseFace[]) {
    (doc.registerFont as (name: string, src: unknown) => PDFKit.PDFDocument)(face, loadFace(face));
    doc.font(face);
    const embedded = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
    if (embedded?.layoutCache) embedded.layoutCache = sharedLayoutCache(FILES[face]);
    if (embedded) useCachedFontFile(embedded);
  }
}

/**
 * Makes `face` the document's current font, registering a fallback face on the document the first
 * time one of its characters is measured or drawn (a brief without them never embeds it).
 */
export function useFace(doc: PDFKit.PDFDocument, face: FaceName): PDFKit.PDFDocument {
  if (isFallbackFace(face)) {
    const registered = (doc as unknown as { _registeredFonts: Record<string, unknown> })._registeredFonts;
    if (!registered[face]) {
      const font = loadFallback(face);
      // Never asked for a face it does not have: the text layout only picks installed faces.
      if (!font) throw new Error(`font face ${face} is not installed`);
      (doc.registerFont as (name: string, src: unknown) => PDFKit.PDFDocument)(face, font);
    }
  }
  return doc.font(face);
}

export type { PDFDocument };

import { deflateSync } from 'node:zlib';
import type { FontkitFont } from 'fontkit';

/**
 * A faster `encode()` for fontkit's TrueType subsets, with the same bytes as fontkit's.
 *
 * pdfkit embeds each used face of every document by encoding its font subset with fontkit, which
 * writes the tables field by field through `restructure` (and copies the hinting programs byte by
 * byte): about a millisecond per face, the largest part of a warm render. The subset is made of
 * parts that never change for a face (the head, hhea and maxp tables but for two counts, and the
 * cvt, prep and fpgm programs) and of each glyph's outline, copied from the font file (with the
 * component ids of a composite glyph renumbered). Here the constant parts are encoded once per
 * face by fontkit itself (for the bundled faces, when the bundle is built) and each glyph is read
 * once per process; a subset is then assembled by copying bytes. Tested: every glyph of every
 * face, and random sets, give fontkit's bytes.
 */

interface GlyphEntry {
  /** The glyph's bytes in the font's `glyf` table (empty for glyphs without outline). */
  bytes: Uint8Array;
  /** For a composite glyph: the component glyph ids and where they sit in `bytes`. */
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

interface FaceParts {
  /** Encoded subsets by glyph list, most recently used last (see `encodeCached`). */
  encoded: Map<string, Uint8Array>;
  /** Encoded tables in fontkit's order; `null` marks where the per-subset tables go. */
  order: string[];
  fixed: Map<string, Uint8Array>;
  locaVersion: number;
  glyphs: Map<number, GlyphEntry>;
  glyf: Uint8Array;
  loca: number[];
}

interface Subset {
  font: FontkitFont;
  glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

interface FontInternals {
  loca: { version: number; offsets: number[] };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  _variationProcessor?: unknown;
  createSubset(): Subset;
}

/** Splits an encoded sfnt into its tables, in directory order. */
function readTables(bytes: Uint8Array): { tag: string; data: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(4);
  const tables: { tag: string; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.push({ tag, data: bytes.slice(offset, offset + length) });
  }
  return tables;
}

// Flags of a composite glyph's component (the TrueType `glyf` table), as fontkit@2.0.4 reads them.
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The component glyph ids of a composite glyph and where each sits in its bytes, read like
 * fontkit's TTFGlyph._decodeComposite; null for a simple or empty glyph. fontkit's `_decode` would
 * also parse every point of a simple glyph's outline, which the subset only copies.
 */
export function compositeComponents(bytes: Uint8Array): GlyphEntry['components'] {
  if (bytes.length < 10) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt16(0) >= 0) return null;
  const components: { glyphID: number; pos: number }[] = [];
  let at = 10;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS && at + 4 <= bytes.length) {
    flags = view.getUint16(at);
    components.push({ glyphID: view.getUint16(at + 2), pos: at + 2 });
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
  }
  return components;
}

function glyphEntry(font: FontInternals, parts: FaceParts, gid: number): GlyphEntry {
  let entry = parts.glyphs.get(gid);
  if (!entry) {
    const glyph = font.getGlyph(gid);
    const bytes = parts.glyf.subarray(parts.loca[gid]!, parts.loca[gid + 1]!);
    entry = { bytes, components: compositeComponents(bytes), advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    parts.glyphs.set(gid, entry);
  }
  return entry;
}

/** The constant tables of a face, taken from fontkit's own encoding of a one-glyph subset. */
function faceParts(font: FontInternals, probe: Subset, fileBytes: Uint8Array): FaceParts | null {
  const glyfTable = font.directory.tables.glyf;
  if (!glyfTable || font._variationProcessor) return null;
  const tables = readTables(probe.encode());
  const expected = ['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx'];
  if (!expected.every((tag) => tables.some((t) => t.tag === tag))) return null;
  const fixed = new Map<string, Uint8Array>();
  for (const t of tables) if (t.tag !== 'loca' && t.tag !== 'glyf' && t.tag !== 'hmtx') fixed.set(t.tag, t.data);
  return assembleParts(font, fileBytes, tables.map((t) => t.tag), fixed);
}

function assembleParts(font: FontInternals, fileBytes: Uint8Array, order: string[], fixed: Map<string, Uint8Array>): FaceParts {
  const glyfTable = font.directory.tables.glyf!;
  return {
    encoded: new Map(),
    order,
    fixed,
    locaVersion: font.loca.version,
    glyphs: new Map(),
    glyf: fileBytes.subarray(glyfTable.offset, glyfTable.offset + glyfTable.length),
    loca: font.loca.offsets,
  };
}

/**
 * A face's constant parts as JSON, made when the bundle is built (scripts/bundle.mjs) by the
 * probe above, so a cold render encodes no probe (14 ms less: fontkit's table encoders never run).
 * They hold for the file whose table directory (tags, checksums, lengths) gives `signature`.
 */
export interface PreparedFaceParts {
  signature: string;
  order: string[];
  /** The constant tables, base64. */
  fixed: Record<string, string>;
}

function signatureOf(font: FontInternals): string {
  return Object.entries(font.directory.tables)
    .map(([tag, t]) => `${tag}:${(t as { checkSum?: number } | undefined)?.checkSum}:${t?.length}`)
    .sort()
    .join(',');
}

/** The constant parts of each face `useFastSubsets` was given, once its first subset asked for them. */
const partsOfFont = new WeakMap<object, FaceParts | null>();

/** The prepared form of a face's constant parts (null for fonts the fast subsets do not handle). */
export function prepareFaceParts(font: FontkitFont): PreparedFaceParts | null {
  (font as unknown as FontInternals).createSubset();
  const parts = partsOfFont.get(font);
  if (!parts) return null;
  const fixed: Record<string, string> = {};
  for (const [tag, bytes] of parts.fixed) fixed[tag] = Buffer.from(bytes).toString('base64');
  return { signature: signatureOf(font as unknown as FontInternals), order: parts.order, fixed };
}

function preparedParts(font: FontInternals, fileBytes: Uint8Array, prepared: PreparedFaceParts | undefined): FaceParts | undefined {
  // Another file than the one prepared (a changed font package): made from the probe instead.
  if (!prepared || !font.directory.tables.glyf || font._variationProcessor || prepared.signature !== signatureOf(font)) return undefined;
  const fixed = new Map<string, Uint8Array>();
  for (const [tag, base64] of Object.entries(prepared.fixed)) fixed.set(tag, new Uint8Array(Buffer.from(base64, 'base64')));
  return assembleParts(font, fileBytes, prepared.order, fixed);
}

/** Encodes a subset like fontkit's TTFSubset.encode, from the face's cached parts. */
function encodeSubset(subset: Subset, font: FontInternals, parts: FaceParts): Uint8Array {
  const entries: GlyphEntry[] = [];
  const glyphBytes: Uint8Array[] = [];
  let glyfLength = 0;
  // Components of composite glyphs join the subset as they are met, like fontkit's _addGlyph.
  for (let i = 0; i < subset.glyphs.length; i++) {
    const entry = glyphEntry(font, parts, subset.glyphs[i]!);
    let bytes = entry.bytes;
    if (entry.components) {
      bytes = bytes.slice();
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const c of entry.components) view.setUint16(c.pos, subset.includeGlyph(c.glyphID));
    }
    entries.push(entry);
    glyphBytes.push(bytes);
    glyfLength += bytes.length;
  }
  const count = entries.length;
  const short = parts.locaVersion === 0;
  const sizes = new Map<string, number>();
  for (const tag of parts.order) {
    if (tag === 'loca') sizes.set(tag, (count + 1) * (short ? 2 : 4));
    else if (tag === 'glyf') sizes.set(tag, glyfLength);
    else if (tag === 'hmtx') sizes.set(tag, count * 4);
    else sizes.set(tag, parts.fixed.get(tag)!.length);
  }
  const headerLength = 12 + 16 * parts.order.length;
  let total = headerLength;
  for (const size of sizes.values()) total += size;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  // The directory, as fontkit writes it: tag "true", checksums left at 0.
  out.set([0x74, 0x72, 0x75, 0x65], 0);
  const numTables = parts.order.length;
  const maxPowerOf2 = 2 ** Math.floor(Math.log(numTables) / Math.LN2);
  view.setUint16(4, numTables);
  view.setUint16(6, maxPowerOf2 * 16);
  view.setUint16(8, Math.log(maxPowerOf2) / Math.LN2);
  view.setUint16(10, numTables * 16 - maxPowerOf2 * 16);
  let offset = headerLength;
  parts.order.forEach((tag, i) => {
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[at + k] = tag.charCodeAt(k);
    const size = sizes.get(tag)!;
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, size);
    if (tag === 'loca') {
      let glyphOffset = 0;
      for (let g = 0; g <= count; g++) {
        if (short) view.setUint16(offset + g * 2, glyphOffset >>> 1);
        else view.setUint32(offset + g * 4, glyphOffset);
        if (g < count) glyphOffset += glyphBytes[g]!.length;
      }
    } else if (tag === 'glyf') {
      let at2 = offset;
      for (const bytes of glyphBytes) {
        out.set(bytes, at2);
        at2 += bytes.length;
      }
    } else if (tag === 'hmtx') {
      entries.forEach((e, g) => {
        view.setUint16(offset + g * 4, e.advance);
        view.setInt16(offset + g * 4 + 2, e.bearing);
      });
    } else {
      out.set(parts.fixed.get(tag)!, offset);
      if (tag === 'maxp') view.setUint16(offset + 4, count);
      else if (tag === 'hhea') view.setUint16(offset + 34, count);
    }
    offset += size;
  });
  return out;
}

/**
 * The documents of a batch mostly use the same glyphs in the same order per face (the template's
 * text comes first), so most of their font files are equal: each face keeps its last encoded
 * subsets by glyph list. A hit returns the very same bytes object, whose compressed form is then
 * found in `deflated`. (Composite glyphs' components, which encoding appends to the subset, follow
 * from the list, and pdfkit reads nothing of the subset after encoding it.)
 */
const ENCODED_LIMIT = 24;
const deflated = new WeakMap<Uint8Array, Uint8Array>();

function encodeCached(subset: Subset, font: FontInternals, parts: FaceParts): Uint8Array {
  const encoded = parts.encoded;
  const key = subset.glyphs.join(',');
  let bytes = encoded.get(key);
  if (bytes) {
    encoded.delete(key);
  } else {
    bytes = encodeSubset(subset, font, parts);
    if (encoded.size >= ENCODED_LIMIT) encoded.delete(encoded.keys().next().value!);
  }
  encoded.set(key, bytes);
  return bytes;
}

/** The font file compressed as pdfkit would (zlib's default level), once per encoded subset. */
function deflateFontFile(bytes: Uint8Array): Uint8Array {
  let out = deflated.get(bytes);
  if (!out) {
    out = deflateSync(bytes);
    deflated.set(bytes, out);
  }
  return out;
}

interface PdfRef {
  compress: boolean;
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
  /** pdfkit's `end`, before `endDeflated`. */
  [END]?: (chunk?: Uint8Array) => void;
}

interface EmbeddingDoc {
  ref(data?: Record<string, unknown>): PdfRef;
  /** The document's `ref` while `refForFontFile` stands in for it. */
  [REF]?: (data?: Record<string, unknown>) => PdfRef;
}

interface EmbeddableFont {
  embed(): unknown;
  document: EmbeddingDoc;
  /** pdfkit's `embed`, before `embedWithCachedFontFile`. */
  [EMBED]?: () => unknown;
}

/*
 * Module-level functions stand in for pdfkit's methods, with what they need in symbol-keyed
 * fields, never closures made per object: V8 (Node 20) gives an object a hidden class of its own
 * for each different function stored over a prototype's method, and that class, in the old
 * generation, held the closure and with it the document (see output.ts).
 */
const END = Symbol('end');
const REF = Symbol('ref');
const EMBED = Symbol('embed');
const PARTS = Symbol('parts');

function endDeflated(this: PdfRef, chunk?: Uint8Array): void {
  this[END]!.call(this, chunk ? deflateFontFile(chunk) : chunk);
}

/** `ref` for the first object `embed()` makes, the font file; then the document's own again. */
function refForFontFile(this: EmbeddingDoc, data?: Record<string, unknown>): PdfRef {
  this.ref = this[REF]!;
  const fontFile = this.ref(data);
  if (fontFile.compress && Object.keys(fontFile.data).length === 0) {
    fontFile.compress = false;
    fontFile.data.Length = 0;
    fontFile.data.Filter = 'FlateDecode';
    fontFile[END] = fontFile.end;
    fontFile.end = endDeflated;
  }
  return fontFile;
}

function embedWithCachedFontFile(this: EmbeddableFont): unknown {
  const doc = this.document;
  const ref = doc.ref;
  doc[REF] = ref;
  doc.ref = refForFontFile;
  try {
    return this[EMBED]!.call(this);
  } finally {
    doc.ref = ref;
  }
}

/**
 * Makes a pdfkit EmbeddedFont write its font file already compressed, from `deflateFontFile`:
 * the same stream and dictionary as pdfkit's own compression (Length, then Filter). The font file
 * is the first object pdfkit's `embed()` creates.
 */
export function useCachedFontFile(embeddedFont: unknown): void {
  const font = embeddedFont as EmbeddableFont;
  if (typeof font.embed !== 'function' || !font.document) return;
  font[EMBED] = font.embed;
  font.embed = embedWithCachedFontFile;
}

interface PartedSubset extends Subset {
  [PARTS]?: { font: FontInternals; parts: FaceParts };
}

function encodeFromParts(this: PartedSubset): Uint8Array {
  const { font, parts } = this[PARTS]!;
  return encodeCached(this, font, parts);
}

/**
 * Makes the subsets of `font` encode from cached parts. Falls back to fontkit's encoding for fonts
 * it does not handle (variable fonts, CFF outlines).
 */
export function useFastSubsets(font: FontkitFont, fileBytes: Uint8Array, prepared?: PreparedFaceParts): void {
  const target = font as unknown as FontInternals;
  const createSubset = target.createSubset.bind(font);
  let parts: FaceParts | null | undefined = preparedParts(target, fileBytes, prepared);
  if (parts) partsOfFont.set(font, parts);
  target.createSubset = () => {
    if (parts === undefined) {
      parts = faceParts(target, createSubset(), fileBytes);
      partsOfFont.set(font, parts);
    }
    const subset: PartedSubset = createSubset();
    if (parts) {
      subset[PARTS] = { font: target, parts };
      subset.encode = encodeFromParts;
    }
    return subset;
  };
}

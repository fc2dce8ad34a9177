import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import type { FontkitFont } from 'fontkit';
import { describe, expect, test } from 'vitest';
import { loadFace, type BaseFace } from '../../src/render/fonts.js';
import { compositeComponents, prepareFaceParts, useFastSubsets, type PreparedFaceParts } from '../../src/render/subset.js';

// The renderer encodes font subsets itself (src/render/subset.ts), from tables prepared once per
// face: it must write exactly the bytes fontkit's own TTFSubset writes, for any set of glyphs.
const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const files: Record<BaseFace, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

interface Subset {
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
  glyphs: number[];
}

describe.each(Object.entries(files) as Array<[BaseFace, string]>)('subsets of %s', (face, file) => {
  const fast = loadFace(face) as unknown as { createSubset(): Subset; numGlyphs: number; glyphForCodePoint(cp: number): { id: number } };
  const plain = fontkit.create(readFileSync(join(folder, file))) as unknown as { createSubset(): Subset };

  test('equal fontkit\'s bytes for random glyph sets and texts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: 0, max: fast.numGlyphs - 1 }), { maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => [...s].map((c) => fast.glyphForCodePoint(c.codePointAt(0)!).id)),
        ),
        (glyphs) => {
          const a = fast.createSubset();
          const b = plain.createSubset();
          for (const g of glyphs) {
            a.includeGlyph(g);
            b.includeGlyph(g);
          }
          expect(a.glyphs).toEqual(b.glyphs);
          expect(Buffer.from(a.encode()).equals(Buffer.from(b.encode()))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  // The bundle holds each face's constant parts prepared at build time (scripts/bundle.mjs): a
  // subset made from them is fontkit's, with no probe encoded; parts of another file are ignored.
  test('equal fontkit\'s bytes from the parts prepared at build time, and only for their own file', () => {
    const glyphs = [...'Ask for $190K base — “walk away” below £150K'].map((c) => fast.glyphForCodePoint(c.codePointAt(0)!).id);
    const expected = plain.createSubset();
    for (const g of glyphs) expected.includeGlyph(g);
    const prepare = (of: unknown) => JSON.parse(JSON.stringify(prepareFaceParts(of as FontkitFont))) as PreparedFaceParts;
    const other = face === 'mono' ? 'regular' : 'mono';
    for (const [parts, probes] of [[prepare(fast), 0], [prepare(loadFace(other)), 1]] as const) {
      const bytes = readFileSync(join(folder, file));
      const font = fontkit.create(bytes) as unknown as { createSubset(): Subset };
      const original = font.createSubset.bind(font);
      let made = 0;
      font.createSubset = () => (made++, original());
      useFastSubsets(font as unknown as FontkitFont, bytes, parts);
      const subset = font.createSubset();
      for (const g of glyphs) subset.includeGlyph(g);
      expect(Buffer.from(subset.encode()).equals(Buffer.from(expected.encode()))).toBe(true);
      expect(made).toBe(1 + probes);
    }
  });

  // Every composite glyph's components are found in its bytes and renumbered, like fontkit's.
  test('equal fontkit\'s bytes for a subset of every glyph, in reverse order', () => {
    const a = fast.createSubset();
    const b = plain.createSubset();
    for (let g = fast.numGlyphs - 1; g >= 0; g--) {
      a.includeGlyph(g);
      b.includeGlyph(g);
    }
    const bytes = a.encode();
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(Buffer.from(bytes).equals(Buffer.from(b.encode()))).toBe(true);
  });
});

// The subset reads a composite glyph's components from its bytes instead of fontkit's `_decode`:
// the same ids at the same places for every glyph of every DejaVu file (two of them scale one).
test.each(readdirSync(folder).filter((f) => f.endsWith('.ttf')))('components of every glyph of %s match fontkit\'s', (file) => {
  const bytes = readFileSync(join(folder, file));
  const font = fontkit.create(bytes) as unknown as {
    numGlyphs: number;
    loca: { offsets: number[] };
    directory: { tables: { glyf: { offset: number } } };
    getGlyph(id: number): { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null };
  };
  const glyf = font.directory.tables.glyf.offset;
  let composites = 0;
  for (let g = 0; g < font.numGlyphs; g++) {
    const decoded = font.getGlyph(g)._decode();
    const expected = decoded && decoded.numberOfContours < 0 ? decoded.components!.map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null;
    if (expected) composites++;
    const own = compositeComponents(bytes.subarray(glyf + font.loca.offsets[g]!, glyf + font.loca.offsets[g + 1]!));
    if (JSON.stringify(own) !== JSON.stringify(expected)) expect(own, `glyph ${g}`).toEqual(expected);
  }
  expect(composites > 0 || file.startsWith('DejaVuMath')).toBe(true);
});

// DejaVu's faces never scale a component before another one follows: random composite glyphs
// cover the flags (word arguments, one, two or four scale numbers), read by fontkit's own code.
test('components of random composite glyphs match fontkit\'s reading', () => {
  const font = loadFace('regular') as unknown as {
    glyphForCodePoint(cp: number): object;
    _getTableStream(tag: string): { constructor: new (bytes: Uint8Array) => { pos: number } };
  };
  const glyphProto = Object.getPrototypeOf(font.glyphForCodePoint(0x41)) as { _decodeComposite(this: unknown, glyph: object, stream: { pos: number }, offset: number): void };
  const Stream = font._getTableStream('glyf').constructor;
  const component = fc.record({ glyphID: fc.integer({ min: 0, max: 0xffff }), words: fc.boolean(), scale: fc.constantFrom(0, 0x0008, 0x0040, 0x0080) });
  fc.assert(
    fc.property(fc.array(component, { minLength: 1, maxLength: 6 }), (parts) => {
      const bytes: number[] = [0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0];
      parts.forEach((c, i) => {
        const flags = (c.words ? 0x0001 : 0) | c.scale | (i < parts.length - 1 ? 0x0020 : 0);
        bytes.push(flags >> 8, flags & 0xff, c.glyphID >> 8, c.glyphID & 0xff, ...Array<number>(c.words ? 4 : 2).fill(1));
        bytes.push(...Array<number>(c.scale === 0x0008 ? 2 : c.scale === 0x0040 ? 4 : c.scale === 0x0080 ? 8 : 0).fill(0x40));
      });
      const glyph: { components?: { glyphID: number; pos: number }[] } = {};
      const stream = new Stream(Buffer.from(bytes));
      stream.pos = 10;
      glyphProto._decodeComposite.call({ _font: {} }, glyph, stream, 0);
      expect(compositeComponents(Uint8Array.from(bytes))).toEqual(glyph.components!.map((c) => ({ glyphID: c.glyphID, pos: c.pos })));
    }),
  );
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, test } from 'vitest';
import { loadFace, type BaseFace } from '../../src/render/fonts.js';

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
});

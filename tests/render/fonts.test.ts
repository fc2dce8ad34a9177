import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFace, readKernPairs } from '../../src/render/fonts.js';

type Run = { glyphs: Array<{ id: number }>; advanceWidth: number; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> };
const folder = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fullShaper = (file: string) => fontkit.create(readFileSync(join(folder, file))) as unknown as { layout(t: string): Run };
const words = 'To AVATAR Washington “Quoted” — → € £ ₹ ≥ ≤ ½ São Zürich Łódź Ωμέγα Москва $231K–$308K TS/SCI [slot] 15–20%'.split(' ');

describe('the simple layout', () => {
  it('gives the same glyphs and kerned positions as fontkit shaping (no fi/fl ligatures in these words)', () => {
    const pairs = [
      ['regular', 'DejaVuSans.ttf'],
      ['bold', 'DejaVuSans-Bold.ttf'],
      ['italic', 'DejaVuSans-Oblique.ttf'],
    ] as const;
    for (const [face, file] of pairs) {
      const full = fullShaper(file);
      const fast = loadFace(face) as unknown as { layout(t: string): Run };
      for (const word of words) {
        const a = full.layout(word);
        const b = fast.layout(word);
        expect(b.glyphs.map((g) => g.id), `${face} ${word}`).toEqual(a.glyphs.map((g) => g.id));
        expect(b.positions.map((p) => p.xAdvance), `${face} ${word}`).toEqual(a.positions.map((p) => p.xAdvance));
        expect(b.advanceWidth, `${face} ${word}`).toBe(a.advanceWidth);
      }
    }
  });

  // Every code point the simple layout takes instead of fontkit's shaper, between two letters:
  // a combining mark among them would be drawn without the offset that places it over its letter.
  it('takes only code points that shaping would place the same way, in every face', () => {
    const ranges: Array<[number, number]> = [[0x20, 0x2ff], [0x370, 0x58f], [0x1e00, 0x2bff]];
    const faces = [
      ['regular', 'DejaVuSans.ttf'],
      ['boldItalic', 'DejaVuSans-BoldOblique.ttf'],
      ['mono', 'DejaVuSansMono.ttf'],
    ] as const;
    for (const [face, file] of faces) {
      const full = fullShaper(file);
      const fast = loadFace(face) as unknown as { layout(t: string): Run };
      const differing: string[] = [];
      for (const [from, to] of ranges) {
        for (let cp = from; cp <= to; cp++) {
          const text = `a${String.fromCodePoint(cp)}b`;
          const a = full.layout(text);
          const b = fast.layout(text);
          const shape = (run: Run) => JSON.stringify([run.glyphs.map((g) => g.id), run.positions.map((p) => [p.xAdvance, p.xOffset, p.yOffset])]);
          if (shape(a) !== shape(b)) differing.push(cp.toString(16));
        }
      }
      expect(differing, face).toEqual([]);
    }
  });

  it('reads the kern pairs of the font', () => {
    const bytes = readFileSync(join(folder, 'DejaVuSans.ttf'));
    const font = fontkit.create(bytes) as unknown as { directory: { tables: { kern: { offset: number; length: number } } }; glyphForCodePoint(c: number): { id: number } };
    const kern = readKernPairs(bytes, font.directory.tables.kern.offset, font.directory.tables.kern.length);
    const id = (c: string) => font.glyphForCodePoint(c.codePointAt(0)!).id;
    expect(kern.size).toBe(2727);
    expect(kern.get(id('A') * 65536 + id('V'))).toBe(-131);
    expect(kern.get(id('T') * 65536 + id('o'))).toBe(-348);
  });
});

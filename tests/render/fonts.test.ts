import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFace, readKernPairs } from '../../src/render/fonts.js';

type Run = { glyphs: Array<{ id: number }>; positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }> };
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
      }
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

// Right-to-left text (Arabic, Hebrew) in a left-to-right brief: the Unicode bidirectional algorithm
// orders a line's words on the page; fontkit shapes each right-to-left word from right to left.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Brief } from '../../src/model/brief.js';
import type { RenderContext } from '../../src/render/context.js';
import { registerFonts } from '../../src/render/fonts.js';
import { parseTemplate, renderBrief } from '../../src/render/index.js';
import { visualOrder, type Piece } from '../../src/render/text.js';
import { readPdf } from './pdf.js';

const base = Brief.parse(JSON.parse(readFileSync(new URL('../fixtures/render/brief-ny.json', import.meta.url), 'utf8')));

function measuringContext(): RenderContext {
  const doc = new PDFDocument({ autoFirstPage: true, compress: false, font: null as unknown as string } as unknown as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  return { doc, widths: new Map() } as unknown as RenderContext;
}

const piece = (text: string, face: Piece['face'] = 'regular'): Piece => ({ text, face, color: '#000000', x: 0, width: 0 });

describe('visualOrder', () => {
  const ctx = measuringContext();

  it('puts a right-to-left phrase\'s first word rightmost, numbers inside it left to right, spaces between', () => {
    const out = visualOrder(ctx, [piece('For محمد 2026 علي, today')], 10);
    expect(out.map((p) => p.text)).toEqual(['For ', 'علي', ' ', '2026', ' ', 'محمد', ', today']);
    // Placed one after the other from the line's start, each at its own measured width.
    let x = 0;
    for (const p of out) {
      expect(p.x).toBeCloseTo(x, 6);
      expect(p.width).toBeGreaterThan(0);
      x += p.width;
    }
  });

  it('keeps each piece\'s look on the words it holds', () => {
    const out = visualOrder(ctx, [piece('Prepared for '), piece('שרה כהן', 'bold'), piece(' · London')], 10);
    expect(out.map((p) => [p.text, p.face])).toEqual([
      ['Prepared for ', 'regular'],
      ['כהן', 'bold'],
      [' ', 'bold'],
      ['שרה', 'bold'],
      [' · London', 'regular'],
    ]);
  });

  it('loses and adds no character, cuts no character in two, and places pieces end to end, for any mix', () => {
    const chars = fc.constantFrom('a', 'B', ' ', '7', '$', '(', ')', ',', 'é', 'س', 'ا', 'ر', 'ة', 'ש', 'ר', 'ה', '\u064e', '٣', '🚀', '—', '\u200f');
    const text = fc.array(chars, { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.constantFrom('regular', 'bold') as fc.Arbitrary<Piece['face']>), { minLength: 1, maxLength: 3 }), (parts) => {
        const pieces = parts.map(([t, face]) => piece(t, face));
        const out = visualOrder(ctx, pieces, 10);
        const all = pieces.map((p) => p.text).join('');
        expect([...out.map((p) => p.text).join('')].sort()).toEqual([...all].sort());
        let x = 0;
        for (const p of out) {
          expect(p.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
          expect(p.x).toBeCloseTo(x, 6);
          x += p.width;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a right-to-left name in the brief', () => {
  // pdfjs reads a line back in logical order by the same algorithm: it gets the name back only if
  // the words stand in visual order on the page (before: "علي محمدSmith", words swapped, space lost).
  it('reads back in its own order, one space between its words and after it', async () => {
    const brief = { ...base, candidate: { ...base.candidate, name: 'محمد علي Smith' } };
    const bytes = await renderBrief(brief, { template: parseTemplate('::cover\n', 'cover.md'), date: '2026-03-05' });
    const { text } = await readPdf(bytes);
    expect(text).toContain('Prepared for محمد علي Smith · ');
    expect(text).toContain('prepared for محمد علي Smith');
  });

  it('and a Hebrew one', async () => {
    const brief = { ...base, candidate: { ...base.candidate, name: 'שרה כהן' } };
    const { text } = await readPdf(await renderBrief(brief, { template: parseTemplate('::cover\n', 'cover.md'), date: '2026-03-05' }));
    expect(text).toContain('Prepared for שרה כהן · ');
  });
});

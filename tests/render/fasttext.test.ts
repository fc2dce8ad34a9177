import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { drawTextFast } from '../../src/render/fasttext.js';
import { registerFonts, type BaseFace } from '../../src/render/fonts.js';

// src/render/fasttext.ts writes `doc.text(text, x, y, { lineBreak: false })` itself: the file must
// be pdfkit 0.20.2's (the pinned version) byte for byte, including the subset's glyph numbering
// (first use in the document) when words recur, in any order, faces and sizes.

interface Draw {
  face: BaseFace;
  size: number;
  x: number;
  y: number;
  text: string;
}

async function pdfOf(draws: Draw[], fast: boolean): Promise<{ bytes: Buffer; fastDraws: number }> {
  const doc = new PDFDocument({ compress: false, font: null as unknown as string, info: { CreationDate: new Date(0) } } as unknown as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  registerFonts(doc);
  let fastDraws = 0;
  for (const draw of draws) {
    doc.font(draw.face).fontSize(draw.size);
    if (fast && drawTextFast(doc, draw.text, draw.x, draw.y)) fastDraws++;
    else doc.text(draw.text, draw.x, draw.y, { lineBreak: false });
  }
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), fastDraws };
}

// Kerning pairs (AV, To, Wa, y.), digits and currency, accented Latin, and words that recur.
const words = ['AVATAR', 'To', 'Wave', 'y.', 'offer', 'Offer', '$185,000', '€92.500', '£70k', 'Ørsted', 'façade', 'naïve', 'target', 'floor', '12%', '(base)', '—', 'x'];
const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
const draw = fc.record({
  face: fc.constantFrom<BaseFace>('regular', 'bold', 'italic', 'boldItalic', 'mono'),
  size: fc.constantFrom(7, 8.5, 9.5, 13, 20),
  x: fc.integer({ min: 36, max: 400 }),
  y: fc.integer({ min: 36, max: 700 }),
  text,
});

describe('drawTextFast', () => {
  test('writes the same file as doc.text, for recurring words in any face and size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(draw, { minLength: 1, maxLength: 12 }), async (draws) => {
        const fast = await pdfOf(draws, true);
        const plain = await pdfOf(draws, false);
        expect(fast.fastDraws).toBe(draws.length);
        expect(plain.bytes.length).toBeGreaterThan(1000);
        expect(fast.bytes.equals(plain.bytes)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test('a word drawn again keeps the glyph numbers of its first draw', async () => {
    const draws: Draw[] = [
      { face: 'regular', size: 9.5, x: 40, y: 40, text: 'Wave offer' },
      { face: 'regular', size: 9.5, x: 40, y: 60, text: 'AVATAR To' },
      { face: 'regular', size: 9.5, x: 40, y: 80, text: 'offer Wave AVATAR' },
    ];
    const fast = await pdfOf(draws, true);
    expect(fast.fastDraws).toBe(3);
    const text = fast.bytes.toString('latin1');
    // Three TJ operators; the recurring words' codes are the same in the third as in the first two.
    const operators = [...text.matchAll(/\[(.*?)\] TJ/g)].map((m) => m[1]!);
    expect(operators).toHaveLength(3);
    const codes = (tj: string) => [...tj.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]!).join('');
    expect(codes(operators[2]!).includes(codes(operators[0]!).slice(0, 8))).toBe(true);
    expect(fast.bytes.equals((await pdfOf(draws, false)).bytes)).toBe(true);
  });
});

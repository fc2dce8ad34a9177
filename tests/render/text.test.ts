import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { RenderContext } from '../../src/render/context.js';
import { registerFonts } from '../../src/render/fonts.js';
import { palette, style } from '../../src/render/styles.js';
import { layout, type LaidOut, type Run } from '../../src/render/text.js';

// The layout cache is shared by the process and turns over in generations (src/render/text.ts):
// whatever it holds, a paragraph must come out as a fresh layout would lay it out.
function context(): RenderContext {
  const doc = new PDFDocument({ autoFirstPage: true, compress: false, font: null as unknown as string } as unknown as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  return { doc, widths: new Map<string, number>() } as unknown as RenderContext;
}

const body = style('paragraph', palette('#1f4e79'));
const words = fc.array(fc.constantFrom('offer', 'base', '$182,000', 'equity', 'vesting', 'Zoë', 'an', 'a', 'negotiation', 'RSU', '—', 'target'), { minLength: 1, maxLength: 40 });
const text = words.map((w) => w.join(' '));

function plainCopy(laid: LaidOut) {
  return { lines: JSON.parse(JSON.stringify(laid.lines)) as unknown, lineHeight: laid.lineHeight, height: laid.height };
}

describe('the text layout cache', () => {
  it('gives the lines whatever the leading, and the height of the leading asked for', () => {
    const ctx = context();
    fc.assert(
      fc.property(text, fc.integer({ min: 60, max: 480 }), fc.double({ min: 1, max: 2, noNaN: true }), (paragraph, width, leading) => {
        const runs: Run[] = [{ text: paragraph }];
        const first = layout(ctx, runs, body, width);
        const other = { ...body, leading };
        const second = layout(ctx, runs, other, width);
        expect(second.lines).toEqual(first.lines);
        expect(second.lineHeight).toBe(body.size * leading);
        expect(second.height).toBe(second.lines.length * (body.size * leading));
        expect(first.height).toBe(first.lines.length * (body.size * body.leading));
      }),
      { numRuns: 200 },
    );
  });

  it('lays out a paragraph the same after the cache turned over, and keeps what recurs', () => {
    const ctx = context();
    const recurring: Run[] = [{ text: 'Your target is above the offer on every part of the package.' }];
    const firstSeen = plainCopy(layout(ctx, recurring, body, 300));
    const kept = layout(ctx, recurring, body, 300).lines;
    const early = Array.from({ length: 50 }, (_, i) => [{ text: `Paragraph ${i}: the offer's base, equity and bonus, one by one.` }]);
    const earlyLines = early.map((runs) => layout(ctx, runs, body, 240).lines);
    const before = early.map((runs) => plainCopy(layout(ctx, runs, body, 240)));
    // Far more new paragraphs than two generations hold, the recurring one asked for among them.
    for (let i = 0; i < 9_000; i++) {
      layout(ctx, [{ text: `filler ${i} ${i % 7 === 0 ? 'with a longer tail of words to wrap' : ''}` }], body, 200);
      if (i % 500 === 0) expect(layout(ctx, recurring, body, 300).lines).toBe(kept);
    }
    expect(layout(ctx, recurring, body, 300).lines).toBe(kept);
    expect(plainCopy(layout(ctx, recurring, body, 300))).toEqual(firstSeen);
    // The early paragraphs were dropped and are laid out again, to the same lines.
    early.forEach((runs, i) => expect(plainCopy(layout(ctx, runs, body, 240))).toEqual(before[i]));
    early.forEach((runs, i) => expect(layout(ctx, runs, body, 240).lines).not.toBe(earlyLines[i]));
  });
});

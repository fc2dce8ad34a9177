import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { RenderContext } from '../../src/render/context.js';
import { registerFonts } from '../../src/render/fonts.js';
import { NORMAL_FIT, palette, restyle, style } from '../../src/render/styles.js';
import { layout } from '../../src/render/text.js';

// The layout cache finds a look by its style object (src/render/text.ts): styles and palettes are
// memoised and frozen, and a look must never be mistaken for another.
function context(): RenderContext {
  const doc = new PDFDocument({ autoFirstPage: false });
  registerFonts(doc);
  return { doc, widths: new Map() } as unknown as RenderContext;
}

describe('memoised styles', () => {
  it('give one frozen palette per accent and fit values, whatever fit object carries them', () => {
    const a = palette('#1d4ed8', NORMAL_FIT);
    expect(palette('#1d4ed8', { type: 1, space: 1, leverChars: 0 })).toBe(a);
    expect(palette('#1d4ed8', { type: 1, space: 0.75, leverChars: 0 })).not.toBe(a);
    expect(palette('#0f766e', NORMAL_FIT)).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.fit)).toBe(true);
  });

  it('give one frozen style per palette and name; a fit scales it', () => {
    const colors = palette('#1d4ed8');
    const paragraph = style('paragraph', colors);
    expect(style('paragraph', colors)).toBe(paragraph);
    expect(paragraph).toEqual({ face: 'regular', size: 9.5, leading: 1.42, color: '#1f2328', spaceBefore: 0, spaceAfter: 6 });
    expect(() => {
      (paragraph as { size: number }).size = 12;
    }).toThrow(TypeError);
    const tight = style('paragraph', palette('#1d4ed8', { type: 0.8, space: 0.5, leverChars: 0 }));
    expect(tight.size).toBe(7.6);
    expect(tight.spaceAfter).toBe(3);
  });

  it('restyle gives the same object for the same change and the base itself for none', () => {
    const cell = style('tableCell', palette('#1d4ed8'));
    const bold = restyle(cell, { face: 'bold' });
    expect(restyle(cell, { face: 'bold' })).toBe(bold);
    expect(bold).toEqual({ ...cell, face: 'bold' });
    expect(restyle(cell, { face: cell.face, size: cell.size })).toBe(cell);
    expect(restyle(cell, { size: 10 })).not.toBe(restyle(cell, { size: 11 }));
  });
});

describe('the layout cache', () => {
  const text = 'Ask for the target first and let the recruiter name the band before any number of yours.';

  it('lays out equal looks alike, whether or not the style object is the memoised one', () => {
    const ctx = context();
    const paragraph = style('paragraph', palette('#1d4ed8'));
    const a = layout(ctx, [{ text }], paragraph, 200);
    const b = layout(ctx, [{ text }], { ...paragraph }, 200);
    expect(b.lines).toBe(a.lines);
    expect(a.lines.map((l) => l.pieces.map((p) => p.text).join(''))).toEqual(b.lines.map((l) => l.pieces.map((p) => p.text).join('')));
  });

  it('never hands one look the lines of another: size, face, colour, width and run looks all count', () => {
    const ctx = context();
    const colors = palette('#1d4ed8');
    const paragraph = style('paragraph', colors);
    const base = layout(ctx, [{ text }], paragraph, 200);
    const bigger = layout(ctx, [{ text }], restyle(paragraph, { size: 14 }), 200);
    expect(bigger.lines.length).toBeGreaterThan(base.lines.length);
    expect(bigger.height).toBeGreaterThan(base.height);
    const bold = layout(ctx, [{ text }], restyle(paragraph, { face: 'bold' }), 200);
    expect(bold.lines[0]!.pieces[0]!.face).toBe('bold');
    const muted = layout(ctx, [{ text }], style('small', colors), 200);
    expect(muted.lines[0]!.pieces[0]!.color).toBe('#5b636e');
    const wider = layout(ctx, [{ text }], paragraph, 400);
    expect(wider.lines.length).toBeLessThan(base.lines.length);
    const coloured = layout(ctx, [{ text, color: '#c0392b' }], paragraph, 200);
    expect(coloured.lines[0]!.pieces[0]!.color).toBe('#c0392b');
    const linked = layout(ctx, [{ text, link: 'https://example.org/bands' }], paragraph, 200);
    expect(linked.lines[0]!.pieces[0]!.link).toBe('https://example.org/bands');
    expect(layout(ctx, [{ text }], paragraph, 200).lines).toBe(base.lines);
  });
});

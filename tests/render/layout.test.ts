import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Brief } from '../../src/model/brief.js';
import { loadTemplate, parseTemplate, renderBrief } from '../../src/render/index.js';
import { flat, readPdf } from './pdf.js';

const base = Brief.parse(JSON.parse(readFileSync(new URL('../fixtures/render/brief-ny.json', import.meta.url), 'utf8')));

/** The fixture with `count` regions, each with its own numbers. */
function manyRegions(count: number): Brief {
  const template = base.bands[0]!;
  const bands = Array.from({ length: count }, (_, i) => ({
    ...template,
    region: `Region ${String(i + 1).padStart(2, '0')}`,
    base: { low: 100_000 + i * 1000, high: 150_000 + i * 1000 },
    totalComp: { low: 200_000 + i * 1000, high: 260_000 + i * 1000 },
  }));
  return { ...base, bands, region: 'Region 40', band: bands[39]! };
}

describe('the bands table across pages', () => {
  it('repeats its header on every page it spans and never splits a row', async () => {
    const template = parseTemplate('---\npageSize: A4\n---\n\n::cover\n\n::at-a-glance\n\n## Bands\n\n::band-table\n\n## After\n\nThe end.\n', 'many.md');
    const pdf = await readPdf(await renderBrief(manyRegions(70), { template, date: '2026-03-05' }));
    const tablePages = pdf.pages.filter((p) => /Region \d\d/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(flat(page)).toContain('Region Base salary Equity (Pre-IPO/4yr) Equity per year Total comp');
    for (let i = 0; i < 70; i++) {
      const name = `Region ${String(i + 1).padStart(2, '0')}`;
      const row = `${name}${i === 39 ? ' ◀ you' : ''} $${100 + i}K–$${150 + i}K $195K–$342K $48.8K–$85.5K $${200 + i}K–$${260 + i}K`;
      expect(pdf.pages.filter((p) => flat(p).includes(row)), name).toHaveLength(1);
    }
    expect(flat(pdf.text)).toContain('After The end.');
  });
});

describe('keep-with-next', () => {
  it('never leaves a heading as the last thing on a page', async () => {
    // Filler paragraphs of growing length push the heading to every position near the foot of a page.
    for (let lines = 30; lines < 50; lines += 3) {
      const filler = Array.from({ length: lines }, (_, i) => `Line ${i} of filler text that takes about one line.`).join('\n\n');
      const template = parseTemplate(`${filler}\n\n## The heading\n\nFirst paragraph after the heading, long enough to need two lines of text at this size in the brief's body style, yes.\n`, 'keep.md');
      const pdf = await readPdf(await renderBrief(base, { template, date: '2026-03-05' }));
      const page = pdf.pages.find((p) => p.includes('The heading'))!;
      expect(flat(page), `${lines} filler lines`).toContain('The heading First paragraph after the heading');
    }
  });
});

describe('the bundled templates', () => {
  it('render an A4 template and a brief without an offer', async () => {
    const template = await loadTemplate('brief', process.cwd());
    const noOffer = { ...base, offer: null, competing: { ...base.competing, offers: [], best: null } };
    const pdf = await readPdf(await renderBrief(noOffer, { template, date: '2026-03-05' }));
    const first = flat(pdf.pages[0]!);
    expect(first).toContain('BAND · NEW YORK $243K–$332K');
    expect(first).toContain('BEST COMPETING OFFER — none on file');
    expect(flat(pdf.text)).toContain('No competing offers on file.');
  });
});

describe('a table across a page break', () => {
  it('keeps at least two rows on each side of the break', async () => {
    const template = parseTemplate('::band-table\n', 'split.md');
    const all = manyRegions(40);
    const seen: string[] = [];
    // A page holds 35 rows: 36 would leave one alone on the next page.
    for (let count = 34; count <= 40; count++) {
      const brief = { ...all, bands: all.bands.slice(0, count), region: 'Region 01', band: all.bands[0]! };
      const pdf = await readPdf(await renderBrief(brief, { template, date: '2026-03-05' }));
      const counts = pdf.pages.map((p) => (p.match(/Region \d\d/g) ?? []).length).filter((n) => n > 0);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(count);
      seen.push(counts.join('/'));
    }
    // 37 rows would have left one alone; every split keeps two or more on each side.
    expect(seen.slice(0, 3)).toEqual(['34', '35', '36']);
    for (const split of seen.slice(3)) for (const n of split.split('/')) expect(Number(n), split).toBeGreaterThanOrEqual(2);
  });
});

// Layout rules checked on the PDFs themselves, for every bundled guide × candidate, both bundled
// templates and the stress inputs of tests/fixtures/render/layout (see docs/templates.md).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/personalize/index.js';
import { loadTemplate, renderBrief, type Template } from '../../src/render/index.js';
import type { Brief } from '../../src/model/brief.js';
import { readPlaced, type PlacedPage, type PlacedText } from './pdf.js';

const cwd = process.cwd();
const stressDir = 'tests/fixtures/render/layout';
/** Rates for pairing any candidate with any guide (round numbers: only the layout is under test). */
const fx = { 'CAD/GBP': 0.55, 'CAD/USD': 0.73, 'GBP/USD': 1.27, 'USD/GBP': 0.79, 'GBP/CAD': 1.8, 'USD/CAD': 1.37, 'USD/EUR': 0.92, 'USD/CHF': 0.88, 'USD/BRL': 5.4, 'CAD/BRL': 4, 'GBP/BRL': 6.9, 'CAD/EUR': 0.68, 'CAD/CHF': 0.65, 'GBP/EUR': 1.17, 'GBP/CHF': 1.12 };

interface Case {
  name: string;
  brief: Brief;
}

/** Every guide × candidate pair; a candidate whose region the guide lacks is moved to its first region. */
async function cases(): Promise<Case[]> {
  const list: Case[] = [];
  for (const guide of readdirSync(join(cwd, 'guides')).sort()) {
    for (const candidate of readdirSync(join(cwd, 'candidates')).sort()) {
      const options = { cwd, guide: `guides/${guide}`, candidate: `candidates/${candidate}`, force: true, fx };
      let loaded;
      try {
        loaded = await loadBrief(options);
      } catch (error) {
        const first = /expected one of: ([^,]+)/.exec((error as Error).message)?.[1];
        if (first === undefined) throw error;
        loaded = await loadBrief({ ...options, region: first });
      }
      list.push({ name: `${guide} × ${candidate}`, brief: loaded.brief });
    }
  }
  for (const file of readdirSync(join(cwd, stressDir)).filter((f) => f.endsWith('.yaml')).sort()) {
    list.push({ name: `stress ${file}`, brief: (await loadBrief({ cwd, candidate: `${stressDir}/${file}`, force: true })).brief });
  }
  return list;
}

/** Heading texts of a template (up to its first field), to find headings among a page's text. */
function headingsOf(template: Template): string[] {
  return template.nodes.flatMap((n) => (n.type === 'heading' && n.children[0]?.type === 'text' ? [n.children[0].value.split('{{')[0]!.trim()] : []));
}

/** Lines of text in drawing order: an item that starts lower and further left than the last began a new line. */
function wraps(items: PlacedText[]): Array<[PlacedText, PlacedText]> {
  const pairs: Array<[PlacedText, PlacedText]> = [];
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    if (b.top > a.bottom - 1 && b.top - a.bottom < a.size && b.x < a.x) pairs.push([a, b]);
  }
  return pairs;
}

const MONTH = /^(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
/** A line break inside an amount, a range, a currency code and its amount, a date or "◀ you". */
function splitAmount(end: string, start: string): boolean {
  const tail = end.trimEnd();
  const head = start.trimStart();
  return (
    /(^|\s)[A-Z]{3}$/.test(tail) && /^[−-]?\d/.test(head) || // "CHF⏎24K"
    /\d[KMB%]?\s?[–—]$/.test(tail) || // "R$1.02M–⏎R$1.56M"
    /^[–—]\s?\S*\d/.test(head) && /\d[KMB]?$/.test(tail) || // "$188K⏎– $235K"
    /◀$/.test(tail) || // "San Francisco ◀⏎you"
    /(^|\D)\d{1,2}$/.test(tail) && MONTH.test(head) || // "5⏎March 2026"
    MONTH.test(tail.split(' ').pop() ?? '') && /^\d{4}\b/.test(head) || // "March⏎2026"
    /(^|\s)(R\$|\$|£|€|¥|C\$|A\$)$/.test(tail) // "$⏎240K"
  );
}

function overlap(a: PlacedText, b: PlacedText): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 1 && h > 1.5;
}

interface Problems {
  list: string[];
  add(text: string): void;
}

function checkPages(pages: PlacedPage[], template: Template, problems: Problems): void {
  const m = template.settings.margins;
  const headings = headingsOf(template);
  pages.forEach((page, index) => {
    const at = `page ${index + 1}`;
    const contentBottom = page.height - m.bottom;
    const body = page.items.filter((t) => t.top < contentBottom);
    for (const t of page.items) {
      if (t.x < m.left - 1 || t.x + t.width > page.width - m.right + 1 || t.top < m.top - 2 || t.bottom > page.height - 18) {
        problems.add(`${at}: "${t.str}" outside the margins (x ${t.x.toFixed(1)}–${(t.x + t.width).toFixed(1)}, y ${t.top.toFixed(1)}–${t.bottom.toFixed(1)})`);
      }
    }
    for (const t of body) {
      if (!headings.some((h) => h !== '' && t.str.startsWith(h)) || t.size < 10) continue;
      if (t.top < m.top + 0.85 * (contentBottom - m.top)) continue;
      const below = new Set(body.filter((o) => o.top > t.bottom).map((o) => Math.round(o.top)));
      // Two lines of the next block, or its only line when it ends the brief.
      const ends = index === pages.length - 1 && below.size === 1;
      if (below.size < 2 && !ends) problems.add(`${at}: heading "${t.str}" in the bottom 15% without its next block`);
    }
    // One money form: K below a million, M from a million with at most two decimals, no trailing zeros.
    for (const t of body) {
      const bad = /\d{4,}(?:\.\d+)?K\b|\d\.\d{3,}M\b|\.\d*0[KM]\b|\d\.0+[KM]\b/.exec(t.str);
      if (bad) problems.add(`${at}: amount "${bad[0]}" not in the brief's money form, in "${t.str}"`);
    }
    for (const [a, b] of wraps(body)) if (splitAmount(a.str, b.str)) problems.add(`${at}: split across lines: "${a.str}⏎${b.str}"`);
    for (let i = 0; i < body.length; i++) {
      for (let j = i + 1; j < body.length; j++) {
        if (overlap(body[i]!, body[j]!)) problems.add(`${at}: "${body[i]!.str}" overlaps "${body[j]!.str}"`);
      }
    }
  });
  if (pages.length > 1) {
    const last = pages[pages.length - 1]!;
    const contentBottom = last.height - m.bottom;
    const lowest = Math.max(...last.items.filter((t) => t.top < contentBottom).map((t) => t.bottom));
    const fill = (lowest - m.top) / (contentBottom - m.top);
    if (fill < 0.25) problems.add(`last page ${Math.round(fill * 100)}% full, expected at least 25%`);
  }
}

describe('layout rules on every brief', async () => {
  const all = await cases();
  for (const name of ['brief', 'one-page'] as const) {
    it(`${name}: ${all.length} briefs keep the layout rules`, async () => {
      const template = await loadTemplate(name, cwd);
      const problems: string[] = [];
      for (const c of all) {
        const pages = await readPlaced(await renderBrief(c.brief, { template, date: '2026-03-05' }));
        const found: Problems = { list: problems, add: (text) => problems.push(`${c.name}: ${text}`) };
        if (name === 'one-page' && pages.length !== 1) found.add(`${pages.length} pages, expected 1`);
        checkPages(pages, template, found);
      }
      expect(problems).toEqual([]);
    }, 60_000);
  }
});

async function stressBrief(file: string): Promise<Brief> {
  return (await loadBrief({ cwd, candidate: `${stressDir}/${file}`, force: true })).brief;
}

describe('characters DejaVu lacks', () => {
  it('print from the Noto fallback faces (Chinese, Japanese, Korean); emoji print as � with a warning', async () => {
    const brief = await stressBrief('cjk.yaml');
    const bytes = await renderBrief(brief, { template: await loadTemplate('brief', cwd), date: '2026-03-05' });
    // Only the emoji lack a glyph now: one warning, naming it and the field it came from.
    expect(brief.warnings.filter((w) => w.startsWith('no glyph'))).toEqual([
      'no glyph for "🚀" (U+1F680) in competing.offers[0].company (and 8 fields built from it): printed as "�"',
    ]);
    const pages = await readPlaced(bytes);
    // pdfjs drops the spaces at the ends of its text items: compare without spaces.
    const text = pages.flatMap((p) => p.items.map((i) => i.str)).join('').replace(/\s+/g, '');
    expect(text).toContain('Preparedfor王小明(山田太郎/김민준)·Zurich');
    expect(text).toContain('Bestregards,王小明(山田太郎/김민준)');
    // The kana company prints in the offers chart's label column and in the competing list.
    expect(pages.flatMap((p) => p.items.map((i) => i.str)).filter((s) => s.includes('メルカリ')).length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('(U+738B)');
    // Embedded as subsets: the 10 MB Noto files add a few KB, in both weights where bold text uses them.
    const pdf = Buffer.from(bytes).toString('latin1');
    for (const face of ['NotoSansSC-Regular', 'NotoSansKR-Regular', 'NotoSansSC-Bold', 'NotoSansKR-Bold']) expect(pdf).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${face}`));
    expect(bytes.length).toBeLessThan(200_000);
    // Rendering the same brief again adds no second copy of the warnings: the same bytes.
    const again = await renderBrief(brief, { template: await loadTemplate('brief', cwd), date: '2026-03-05' });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('embeds no fallback face in a brief without such characters', async () => {
    const brief = await stressBrief('long-name.yaml');
    const pdf = Buffer.from(await renderBrief(brief, { template: await loadTemplate('brief', cwd), date: '2026-03-05' })).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(pdf).not.toContain('NotoSans');
  });
});

describe('the band chart', () => {
  it('labels every marker with its value and clamps an outlier at a broken axis end', async () => {
    const brief = await stressBrief('long-name.yaml');
    const [page] = await readPlaced(await renderBrief(brief, { template: await loadTemplate('one-page', cwd), date: '2026-03-05' }));
    const labels = page!.items.map((i) => i.str);
    const chart = labels.slice(labels.indexOf('R$2M')).join(' | ');
    // Base: floor, target and offer; equity: floor, then target and offer; total: floor, then the target,
    // the offer and the best competing offer, all three clamped ("▸") at the axis end.
    expect(chart).toContain('R$420K–R$560K | R$467K | R$900K | R$900K | Equity per year | R$600K–R$1M | R$700K | R$2.25M | R$2.25M | Total comp | R$1.02M–R$1.56M | R$1.17M | R$3.15M ▸ | R$4.1M ▸ R$3.15M ▸');
    // The axis keeps the band readable: it ends near the band's top (R$1.56M), not at the outlier.
    expect(labels).toContain('R$2M');
    expect(labels).not.toContain('R$3M');
  });

  it('lists in its legend only what it draws', async () => {
    const brief = await stressBrief('no-offer.yaml');
    const [page] = await readPlaced(await renderBrief(brief, { template: await loadTemplate('one-page', cwd), date: '2026-03-05' }));
    const labels = page!.items.map((i) => i.str);
    expect(labels).toContain('Target');
    expect(labels).not.toContain('Offer');
    expect(labels.some((l) => l.startsWith('Best competing'))).toBe(false);
  });
});

describe('words around fields', () => {
  it('writes the possessive of a name ending in s without a second s', async () => {
    const { brief } = await loadBrief({ cwd, candidate: 'candidates/marcus-lee.yaml' });
    const text = (await readPlaced(await renderBrief(brief, { template: await loadTemplate('brief', cwd), date: '2026-03-05' }))).flatMap((p) => p.items.map((i) => i.str)).join(' ');
    expect(text).toContain("in Lumen Labs' own numbers");
    expect(text).not.toContain("Labs's");
  });
});

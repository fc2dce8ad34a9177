import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Guide } from '../../src/model/guide.js';
import { parseGuide } from '../../src/parse/index.js';
import { validateGuide } from '../../src/validate/index.js';

const parse = (name: string) => {
  const result = parseGuide(readFileSync(new URL(`../../guides/${name}`, import.meta.url)), { path: `guides/${name}` });
  validateGuide(result.guide, result.file);
  return result;
};
const numbers = (guide: Guide) => guide.bands.map((b) => [b.region, b.currency, b.base, b.equity, b.bonus, b.totalComp]);

describe('the Scale AI guide (the reference guide\'s numbers, our own prose)', () => {
  const { guide, file } = parse('scale-ai-security-engineer.md');

  test('has no diagnostics and fits the schema', () => {
    expect(file.messages.map(String)).toEqual([]);
    expect(() => Guide.parse(guide)).not.toThrow();
  });

  test('title, tags', () => {
    expect(guide.title).toMatchObject({ text: 'Security Engineer | Scale AI Global Negotiation Guide', role: 'Security Engineer', company: 'Scale AI' });
    expect(guide.title.position).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 58 });
    expect(guide.tags).toEqual(['Pre-IPO Equity With Real Liquidity', 'Cleared Talent Is Scarce', 'Government and AI-Lab Customers']);
  });

  test('every number of the band table', () => {
    const equity = { low: 195000, high: 342000, vestingYears: 4, kind: 'Pre-IPO' };
    expect(numbers(guide)).toEqual([
      ['San Francisco', 'USD', { low: 188000, high: 235000 }, equity, null, { low: 237000, high: 321000 }],
      ['New York', 'USD', { low: 194000, high: 247000 }, equity, null, { low: 243000, high: 332000 }],
      ['Washington DC', 'USD', { low: 197000, high: 254000 }, equity, null, { low: 246000, high: 340000 }],
    ]);
    expect(guide.table?.columns.map((c) => c.role)).toEqual(['region', 'base', 'equity', 'bonus', 'totalComp']);
    expect(guide.table?.equity).toMatchObject({ kind: 'Pre-IPO', vestingYears: 4 });
    expect(guide.bands[0]!.position).toEqual({ line: 7, column: 1, endLine: 7, endColumn: 64 });
    expect(guide.bands[0]!.cells.totalComp).toMatchObject({ text: '$237K-$321K', kind: 'range', position: { line: 7, column: 51, endLine: 7, endColumn: 62 } });
    expect(guide.bands[1]!.cells.bonus).toMatchObject({ text: '—', kind: 'none', value: null });
  });

  test('every number of the strategy', () => {
    const s = guide.strategy!;
    expect(s.target).toEqual({ base: 228000, equity: 320000, vestingYears: 4, bonus: null, totalComp: 308000 });
    expect(s.floor).toEqual({ base: 215000, equity: 280000, vestingYears: 4, bonus: null, totalComp: null });
    expect(s.competing).toEqual({ low: 310000, high: 330000 });
    expect(s.currency).toBe('USD');
    expect(s.referenceRegion).toBeNull();
    expect(s.mentions.map((m) => [m.field, m.raw, m.value])).toEqual([
      ['competing.low', '$310K', 310000],
      ['competing.high', '$330K', 330000],
      ['target.base', '$228K', 228000],
      ['target.equity', '$320K', 320000],
      ['target.totalComp', '$308K', 308000],
      ['floor.base', '$215K', 215000],
      ['floor.equity', '$280K', 280000],
    ]);
    // Offsets point into the text, positions into the file (line 25 is the block quote).
    for (const m of s.mentions) expect(s.text.slice(m.start, m.end)).toBe(m.raw);
    const source = readFileSync(new URL('../../guides/scale-ai-security-engineer.md', import.meta.url), 'utf8').split('\n');
    for (const m of s.mentions) expect(source[m.position.line - 1]!.slice(m.position.column - 1, m.position.endColumn - 1)).toBe(m.raw);
    expect(s.mentions[0]!.position.line).toBe(25);
    expect(s.text.startsWith('"I\'m keen on this role')).toBe(true);
  });

  test('sections, levers, level mapping, sources, slots', () => {
    expect(guide.sections.map((s) => [s.title, s.style, s.position.line])).toEqual([
      ['Negotiation DNA', 'bold', 11],
      ['Level Mapping', 'bold', 14],
      ['Equity You Can Actually Sell', 'bold', 16],
      ['Global Levers', 'bold', 19],
      ['Negotiate Up Strategy', 'bold', 25],
      ['Evidence & Sources', 'bold', 27],
    ]);
    expect(guide.sections[2]!.markdown).toContain('*a share I can sell is worth what buyers pay for it.*');
    expect(guide.levers.map((l) => l.name)).toEqual(['Clearance Scarcity', 'Training-Data Threats', 'Authorization Keeps Revenue', 'Two Compliance Worlds']);
    expect(guide.levers[0]!.pitch.startsWith('An active [TS/SCI/Secret] clearance')).toBe(true);
    expect(guide.levers[0]!.pitch.endsWith('my offer should reflect it.')).toBe(true);
    expect(guide.levers[0]!.placeholders.map((p) => p.choices)).toEqual([
      ['TS', 'SCI', 'Secret'],
      ['AI data security', 'ML pipeline security', 'data labeling platform security'],
    ]);
    expect(guide.levelMapping).toMatchObject({
      level: 'Scale Security Engineer',
      equivalents: ['Google L4-L5 Security', 'Meta Security Engineer (IC4-IC5)', 'Amazon Security Engineer II-III', 'Microsoft Security Engineer 62-64'],
    });
    expect(guide.placeholders.map((p) => p.text)).toEqual([
      'TS/SCI/Secret',
      'AI data security/ML pipeline security/data labeling platform security',
      'AI/ML security/data integrity/adversarial ML defense',
      'FedRAMP authorization/DISA STIG compliance/IL4-IL5 environments/ATO processes',
      'Google Security/CrowdStrike/Palo Alto Networks',
      'TS/SCI',
    ]);
    expect(guide.placeholders[0]!.position).toEqual({ line: 20, column: 39, endLine: 20, endColumn: 54 });
    expect(guide.strategy!.placeholders.map((p) => p.text)).toEqual(['Google Security/CrowdStrike/Palo Alto Networks', 'TS/SCI']);
    expect(guide.sources).toHaveLength(3);
    expect(guide.sources[0]).toBe('Levels.fyi security engineering submissions for Scale AI and peer companies (2025-2026)');
  });
});

describe('the other bundled guides', () => {
  test('Northwind: USD, pre-IPO equity', () => {
    const { guide, file } = parse('northwind-backend-engineer.md');
    expect(file.messages).toEqual([]);
    const equity = { low: 160000, high: 280000, vestingYears: 4, kind: 'Pre-IPO' };
    expect(numbers(guide)).toEqual([
      ['San Francisco', 'USD', { low: 170000, high: 215000 }, equity, null, { low: 210000, high: 285000 }],
      ['Seattle', 'USD', { low: 160000, high: 205000 }, equity, null, { low: 200000, high: 275000 }],
      ['Austin', 'USD', { low: 145000, high: 185000 }, equity, null, { low: 185000, high: 255000 }],
    ]);
    expect(guide.strategy).toMatchObject({
      target: { base: 200000, equity: 240000, vestingYears: 4, totalComp: 260000 },
      floor: { base: 185000, equity: 200000, vestingYears: 4, totalComp: 235000 },
      competing: { low: 250000, high: 270000 },
    });
  });

  test('Helvetia Pay: GBP, EUR and CHF with a percentage bonus', () => {
    const { guide, file } = parse('helvetia-pay-data-scientist.md');
    expect(file.messages).toEqual([]);
    expect(guide.title.company).toBe('Helvetia Pay');
    const pct = { percentOfBase: { low: 10, high: 15 } };
    expect(numbers(guide)).toEqual([
      ['London', 'GBP', { low: 95000, high: 130000 }, { low: 40000, high: 80000, vestingYears: 4, kind: 'RSU' }, pct, { low: 114500, high: 169500 }],
      ['Berlin', 'EUR', { low: 85000, high: 115000 }, { low: 36000, high: 72000, vestingYears: 4, kind: 'RSU' }, pct, { low: 102500, high: 150000 }],
      ['Zurich', 'CHF', { low: 140000, high: 185000 }, { low: 60000, high: 120000, vestingYears: 4, kind: 'RSU' }, pct, { low: 169000, high: 243000 }],
    ]);
    expect(guide.strategy).toMatchObject({
      currency: 'GBP',
      target: { base: 120000, equity: 64000, vestingYears: 4, bonus: 15000, totalComp: 151000 },
      floor: { base: 105000, equity: 48000, vestingYears: 4, bonus: null, totalComp: null },
      competing: { low: 140000, high: 155000 },
    });
    // A Markdown link is a source, not a slot.
    expect(guide.sources[2]).toBe('Payments industry pay survey (https://example.org/payments-pay-survey-2026)');
    expect(guide.placeholders.map((p) => p.text)).toEqual(['fraud detection/chargeback prediction/risk scoring', 'PSD2/GDPR/FCA', 'Adyen/Wise/Revolut']);
  });

  test('Lumen Labs: options worth millions, BRL', () => {
    const { guide, file } = parse('lumen-labs-staff-ml-engineer.md');
    expect(file.messages).toEqual([]);
    expect(numbers(guide)).toEqual([
      ['San Francisco', 'USD', { low: 240000, high: 300000 }, { low: 1200000, high: 2000000, vestingYears: 4, kind: 'Options' }, { low: 20000, high: 40000 }, { low: 560000, high: 840000 }],
      ['New York', 'USD', { low: 235000, high: 295000 }, { low: 1200000, high: 2000000, vestingYears: 4, kind: 'Options' }, { low: 20000, high: 40000 }, { low: 555000, high: 835000 }],
      ['São Paulo', 'BRL', { low: 420000, high: 560000 }, { low: 2400000, high: 4000000, vestingYears: 4, kind: 'Options' }, null, { low: 1020000, high: 1560000 }],
    ]);
    expect(guide.strategy).toMatchObject({
      target: { base: 280000, equity: 1600000, vestingYears: 4, totalComp: 680000 },
      floor: { base: 260000, equity: 1400000, vestingYears: 4, totalComp: 610000 },
      competing: { low: 650000, high: 720000 },
    });
  });

  test('Quanta Cloud: true ## headings, a plain tagline, a 3-year grant, CAD', () => {
    const { guide, file } = parse('quanta-cloud-product-designer.md');
    expect(file.messages).toEqual([]);
    expect(guide.tags).toEqual(['Public Cloud RSUs', 'Three-Year Vesting', 'Design-Led Culture']);
    expect(guide.sections.map((s) => [s.title, s.style])).toEqual([
      ['Why Design Has Leverage at Quanta', 'heading'],
      ['Level Mapping', 'heading'],
      ['Levers', 'heading'],
      ['Negotiate Up Strategy', 'heading'],
      ['Evidence & Sources', 'heading'],
    ]);
    expect(numbers(guide)).toEqual([
      ['Seattle', 'USD', { low: 150000, high: 190000 }, { low: 90000, high: 180000, vestingYears: 3, kind: 'RSU' }, { low: 15000, high: 25000 }, { low: 195000, high: 275000 }],
      ['Remote (US)', 'USD', { low: 140000, high: 175000 }, { low: 90000, high: 180000, vestingYears: 3, kind: 'RSU' }, { low: 10000, high: 20000 }, { low: 180000, high: 255000 }],
      ['Toronto', 'CAD', { low: 150000, high: 190000 }, { low: 90000, high: 150000, vestingYears: 3, kind: 'RSU' }, null, { low: 180000, high: 240000 }],
    ]);
    expect(guide.strategy).toMatchObject({
      target: { base: 175000, equity: 150000, vestingYears: 3, bonus: 20000, totalComp: 245000 },
      floor: { base: 160000, equity: 120000, vestingYears: 3, bonus: null, totalComp: 200000 },
      competing: { low: 240000, high: 260000 },
    });
    expect(guide.levers.map((l) => l.name)).toEqual(['Developer-Tool Portfolio', 'Three-Year Vesting Math', 'Research Skills']);
    expect(guide.levelMapping?.equivalents).toEqual(['Google UX Designer L4', 'Meta Product Designer IC4', 'Atlassian Senior Product Designer']);
  });
});

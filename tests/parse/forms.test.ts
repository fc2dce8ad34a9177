import { describe, expect, test } from 'vitest';
import { parseCell, parseEquityHeader, columnRole, splitTitle, findAmounts, readStrategyNumbers } from '../../src/parse/index.js';

describe('amounts', () => {
  test.each([
    ['$188K', 188000, 'USD'],
    ['$1.2M', 1200000, 'USD'],
    ['$95,000', 95000, 'USD'],
    ['£134.5K', 134500, 'GBP'],
    ['€105K', 105000, 'EUR'],
    ['R$240K', 240000, 'BRL'],
    ['CHF 150K', 150000, 'CHF'],
    ['150K EUR', 150000, 'EUR'],
    ['C$190K', 190000, 'CAD'],
    ['₹45L', null, null],
    ['$188k', 188000, 'USD'],
    ['¥12M', 12000000, 'JPY'],
  ])('%s', (text, value, currency) => {
    const cell = parseCell(text);
    if (value === null) {
      expect(cell.kind).toBe('invalid');
    } else {
      expect(cell).toEqual({ kind: 'amount', value: { low: value, high: value }, currencies: [currency] });
    }
  });
});

describe('ranges', () => {
  test.each([
    ['$188K-$235K'],
    ['$188K–$235K'],
    ['$188K — $235K'],
    ['$188K to $235K'],
    ['$188K - $235K'],
  ])('%s', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'range', value: { low: 188000, high: 235000 }, currencies: ['USD', 'USD'] });
  });

  test('a suffix written once applies to both ends', () => {
    expect(parseCell('$188-235K')).toEqual({ kind: 'range', value: { low: 188000, high: 235000 }, currencies: ['USD'] });
  });

  test('currency written once', () => {
    expect(parseCell('CHF 140K-185K')).toEqual({ kind: 'range', value: { low: 140000, high: 185000 }, currencies: ['CHF'] });
  });

  test('millions', () => {
    expect(parseCell('$1.2M-$2M').value).toEqual({ low: 1200000, high: 2000000 });
    expect(parseCell('R$1.02M-R$1.56M').value).toEqual({ low: 1020000, high: 1560000 });
  });

  test('mixed currencies are read, and both are recorded for currency-mixed', () => {
    expect(parseCell('£120K-$150K')).toEqual({ kind: 'range', value: { low: 120000, high: 150000 }, currencies: ['GBP', 'USD'] });
  });

  test('an inverted range is read as written (range-inverted reports it)', () => {
    expect(parseCell('$235K-$188K').value).toEqual({ low: 235000, high: 188000 });
  });
});

describe('none and percentages', () => {
  test.each(['—', '-', '–', '', '  ', 'N/A', 'none'])('none: %j', (text) => {
    expect(parseCell(text)).toEqual({ kind: 'none', value: null, currencies: [] });
  });
  test.each([
    ['10%-15%', 10, 15],
    ['10-15%', 10, 15],
    ['10% to 15%', 10, 15],
    ['12.5%', 12.5, 12.5],
  ])('percent: %s', (text, low, high) => {
    expect(parseCell(text)).toEqual({ kind: 'percent', value: { low, high }, currencies: [] });
  });
});

describe('malformed cells', () => {
  test.each(['$18OK', 'TBD', '$', 'lots', '$188K-', '188K-$', '$188K-$235K-$240K', '10%-', 'about $200K'])('%j is invalid', (text) => {
    const cell = parseCell(text);
    expect(cell.kind).toBe('invalid');
    expect(cell.value).toBeNull();
  });
});

describe('equity headers', () => {
  test.each([
    ['Equity (Pre-IPO/4yr)', 'Pre-IPO', 4],
    ['Equity (RSU/3yr)', 'RSU', 3],
    ['Equity (Options/4yr)', 'Options', 4],
    ['Equity (RSU, 4-year)', 'RSU', 4],
    ['Equity (Options / 5 years)', 'Options', 5],
    ['RSUs (4 yrs)', 'RSU', 4],
    ['Equity', '', null],
    ['Equity (RSU)', 'RSU', null],
  ])('%s', (header, kind, years) => {
    expect(parseEquityHeader(header)).toEqual({ kind, vestingYears: years, schedule: null });
    expect(columnRole(header)).toBe('equity');
  });

  test.each([
    ['Equity (RSU, 5/15/40/40)', 'RSU', 4, [5, 15, 40, 40]],
    ['RSUs (33.3/33.3/33.4)', 'RSU', 3, [33.3, 33.3, 33.4]],
    ['Equity (Options/4yr, 25/25/25/25)', 'Options', 4, [25, 25, 25, 25]],
    // Not a schedule: the parts do not add up to 100.
    ['Equity (RSU, 10/20)', 'RSU 10 20', null, null],
  ])('schedule: %s', (header, kind, years, schedule) => {
    expect(parseEquityHeader(header)).toEqual({ kind, vestingYears: years, schedule });
  });

  test('column roles by header text, case-insensitive', () => {
    expect(['REGION', 'base salary', 'Bonus', 'TOTAL COMP', 'Location', 'Notes'].map(columnRole)).toEqual([
      'region',
      'base',
      'bonus',
      'totalComp',
      'region',
      'unknown',
    ]);
  });
});

describe('titles', () => {
  test.each([
    ['Security Engineer | Scale AI Global Negotiation Guide', 'Security Engineer', 'Scale AI'],
    ['Data Scientist | Helvetia Pay Negotiation Guide', 'Data Scientist', 'Helvetia Pay'],
    ['Product Designer at Quanta Cloud', 'Product Designer', 'Quanta Cloud'],
    ['Staff Engineer — Lumen Labs Salary Guide', 'Staff Engineer', 'Lumen Labs'],
    ['Just A Title', 'Just A Title', ''],
  ])('%s', (text, role, company) => {
    expect(splitTitle(text)).toEqual({ text, role, company });
  });
});

describe('strategy sentences', () => {
  test('the reference sentence forms', () => {
    const text =
      'I am evaluating offers from [A/B] in the $310K-$330K TC range. My target is $228K base with $320K/4yr equity, putting my TC at $308K. My accept-at floor is $215K base with $280K/4yr equity.';
    const n = readStrategyNumbers(text, 4);
    expect(n.target).toEqual({ base: 228000, equity: 320000, vestingYears: 4, bonus: null, totalComp: 308000 });
    expect(n.floor).toEqual({ base: 215000, equity: 280000, vestingYears: 4, bonus: null, totalComp: null });
    expect(n.competing).toEqual({ low: 310000, high: 330000 });
  });

  test('a bonus, "over N years" equity and TC written before the number', () => {
    const n = readStrategyNumbers('My target: base of £120K, equity of £60K over 3 years, bonus of £15K; total comp of £155K.', 4);
    expect(n.target).toEqual({ base: 120000, equity: 60000, vestingYears: 4, bonus: 15000, totalComp: 155000 });
  });

  test('no numbers: no target', () => {
    expect(readStrategyNumbers('Ask for more, politely.', 4)).toMatchObject({ target: null, floor: null, competing: null, mentions: [] });
  });

  test('amounts in prose', () => {
    expect(findAmounts('A $2B+ market at a $14B valuation, 15% premium, 12-18 months').map((a) => a.value)).toEqual([2e9, 14e9]);
  });
});

/** Offers year by year: schedules, cliffs, sign-ons, refreshers, percentage bonuses (docs/candidate-format.md, "Year by year"). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Candidate } from '../../src/model/candidate.js';
import { buildBrief } from '../../src/personalize/build.js';
import { allocateThousands, vestingShares, yearsOf } from '../../src/personalize/years.js';
import { exampleGuide } from '../fixtures/personalize/guides.js';

const plan = (offer: Record<string, unknown>, competing: unknown[] = [], fx: Record<string, number> = {}) =>
  buildBrief({
    guide: exampleGuide(),
    guideFile: { name: 'g.md', sha256: '0' },
    candidate: Candidate.parse({ name: 'Sam', region: 'New York', offer, competing, fx }),
    candidateFile: null,
  }).brief;

const equityByYear = (brief: ReturnType<typeof plan>, kind: string) => brief.years.find((y) => y.kind === kind)!.years.map((y) => y.equity);

describe('vesting schedules', () => {
  it('vests an even 4-year grant 25% a year, with or without a 1-year cliff', () => {
    expect(equityByYear(plan({ base: 215_000, equity: 240_000 }), 'offer')).toEqual([60_000, 60_000, 60_000, 60_000]);
    expect(equityByYear(plan({ base: 215_000, equity: 240_000, vesting: { schedule: [25, 25, 25, 25], cliffMonths: 0 } }), 'offer')).toEqual([60_000, 60_000, 60_000, 60_000]);
  });

  it('vests 5/15/40/40 as $16K, $48K, $128K, $128K of $320K, and asks for the year-one sign-on that levels it', () => {
    const brief = plan({ base: 228_000, equity: 320_000, vesting: { schedule: [5, 15, 40, 40] } });
    expect(equityByYear(brief, 'offer')).toEqual([16_000, 48_000, 128_000, 128_000]);
    // Target 239K + 320K on the offer's schedule: year one 239 + 16 = 255K against 319K a year.
    expect(equityByYear(brief, 'target')).toEqual([16_000, 48_000, 128_000, 128_000]);
    expect(brief.yearOne).toEqual({ gap: 64_000, signOnNeeded: 64_000, signOnOffered: 0, signOnToAsk: 64_000 });
    expect(brief.ask.levelLine).toBe('Ask for a $64K sign-on to level year one.');
  });

  it('vests a 3-year 33.3/33.3/33.4 grant over years 1–3, nothing in year 4', () => {
    const brief = plan({ base: 215_000, equity: 150_000, vesting: { schedule: [33.3, 33.3, 33.4] } });
    expect(equityByYear(brief, 'offer')).toEqual([50_000, 50_000, 50_000, 0]);
    expect(brief.offer?.vestingYears).toBe(3);
    expect(brief.offer?.annualEquity).toBe(50_000);
  });

  it('moves year one into year two with an 18-month cliff; nothing is lost', () => {
    expect(vestingShares(null, 4, 18, 4).map((s) => Math.round(s * 1000) / 1000)).toEqual([0, 0.5, 0.25, 0.25]);
    const brief = plan({ base: 215_000, equity: 240_000, vesting: { cliffMonths: 18 } });
    expect(equityByYear(brief, 'offer')).toEqual([0, 120_000, 60_000, 60_000]);
  });
});

describe('sign-on, refresher and a percentage bonus', () => {
  it('pays a single sign-on in year one and a split one over two years; refreshers from year two', () => {
    const single = plan({ base: 215_000, equity: 240_000, signOn: 50_000, refresher: 40_000 }).years[0]!.years;
    expect(single.map((y) => [y.signOn, y.refresher])).toEqual([[50_000, 0], [0, 40_000], [0, 40_000], [0, 40_000]]);
    const split = plan({ base: 215_000, equity: 240_000, signOn: [30_000, 20_000] });
    expect(split.years[0]!.years.map((y) => y.signOn)).toEqual([30_000, 20_000, 0, 0]);
    expect(split.offer?.signOn).toBe(50_000);
  });

  it('reads a bonus of { percent: 15 } as 15% of base', () => {
    const brief = plan({ base: 200_000, equity: 240_000, bonus: { percent: 15 } });
    expect(brief.offer?.bonus).toBe(30_000);
    expect(brief.years[0]!.years[0]).toEqual({ year: 1, base: 200_000, equity: 60_000, bonus: 30_000, signOn: 0, refresher: 0, total: 290_000 });
  });
});

describe('detailed competing offers', () => {
  it('are compared by their annual TC, shown year by year, converted at the given rate', () => {
    const brief = plan({ base: 215_000, equity: 240_000 }, [
      { company: 'Monzo', base: 180_000, equity: 120_000, vesting: { schedule: [10, 20, 30, 40] }, bonus: { percent: 10 }, currency: 'GBP' },
    ], { 'GBP/USD': 1.25 });
    // £180K + £30K + £18K = £228K → $285K at 1.25 (each part converted, then rounded).
    const monzo = brief.competing.offers[0]!;
    expect(monzo).toMatchObject({ company: 'Monzo', originalTotalComp: 228_000, totalComp: 285_000, detailed: true, leverage: true });
    const years = brief.years.find((y) => y.kind === 'competing')!;
    expect(years.label).toBe('Monzo');
    // £120K × 1.25 = $150K vesting 10/20/30/40.
    expect(years.years.map((y) => y.equity)).toEqual([15_000, 30_000, 45_000, 60_000]);
    expect(years.years[0]!.base).toBe(225_000);
    expect(brief.offers.map((o) => o.label)).toEqual(['Offer', 'Target', 'Monzo']);
  });

  it('refuse a profile that gives neither totalComp nor base', () => {
    expect(() => Candidate.parse({ name: 'S', region: 'X', competing: [{ company: 'Acme' }] })).toThrow(/expected totalComp, or the offer's parts starting with base/);
  });
});

describe('year-by-year properties', () => {
  const shape = fc.record({
    base: fc.integer({ min: 0, max: 500 }).map((n) => n * 1000),
    equity: fc.integer({ min: 0, max: 2000 }).map((n) => n * 1000),
    schedule: fc.option(
      fc.integer({ min: 1, max: 4 }).chain((n) =>
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n }).filter((parts) => parts.some((p) => p > 0)).map((parts) => {
          const total = parts.reduce((a, b) => a + b, 0);
          const scaled = parts.map((p) => Math.floor((p / total) * 1000) / 10);
          scaled[scaled.length - 1] = Math.round((100 - scaled.slice(0, -1).reduce((a, b) => a + b, 0)) * 10) / 10;
          return scaled;
        }),
      ),
      { nil: null },
    ),
    years: fc.integer({ min: 1, max: 4 }),
    cliffMonths: fc.constantFrom(0, 6, 12),
    bonus: fc.integer({ min: 0, max: 100 }).map((n) => n * 1000),
    signOn: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => [a * 1000, b * 1000] as [number, number]),
    refresher: fc.integer({ min: 0, max: 100 }).map((n) => n * 1000),
  });

  it('the years add up to the 4-year total, the grant vests whole, and the average is the annual TC (within rounding)', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const vestingYears = s.schedule?.length ?? s.years;
        const rows = yearsOf({ ...s, vestingYears });
        for (const row of rows) expect(row.total).toBe(row.base + row.equity + row.bonus + row.signOn + row.refresher);
        expect(rows.map((r) => r.equity).reduce((a, b) => a + b, 0)).toBe(s.equity);
        const comp = rows.slice(0, vestingYears).map((r) => r.base + r.equity + r.bonus);
        const average = comp.reduce((a, b) => a + b, 0) / vestingYears;
        const annualTotalComp = s.base + Math.round(s.equity / vestingYears / 1000) * 1000 + s.bonus;
        expect(Math.abs(average - annualTotalComp)).toBeLessThanOrEqual(500);
      }),
      { numRuns: 500 },
    );
  });

  it('splits thousands exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (units, raw) => {
        const sum = raw.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const shares = raw.map((r) => r / sum);
        const parts = allocateThousands(units * 1000, shares);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(units * 1000);
        for (const part of parts) expect(part % 1000).toBe(0);
      }),
    );
  });
});

describe("a guide's vesting schedule", () => {
  it('is read from the equity header, linted on the average, and vests the target when the offer gives none', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseGuide } = await import('../../src/parse/index.js');
    const { validateGuide } = await import('../../src/validate/index.js');
    const source = readFileSync(new URL('../fixtures/personalize/northwind.md', import.meta.url), 'utf8').replace('Equity (Pre-IPO/4yr)', 'Equity (RSU, 5/15/40/40)');
    const { guide, file } = parseGuide(source, { path: 'northwind.md' });
    expect(guide.bands[1]?.equity).toMatchObject({ vestingYears: 4, kind: 'RSU', schedule: [5, 15, 40, 40] });
    // The TC column is checked against grant ÷ 4, as before.
    expect(validateGuide(guide, file).messages.filter((m) => m.ruleId === 'tc-mismatch')).toEqual([]);
    const brief = buildBrief({ guide, guideFile: { name: 'g', sha256: '0' }, candidate: Candidate.parse({ name: 'Sam', region: 'New York' }), candidateFile: null }).brief;
    const target = brief.years.find((y) => y.kind === 'target')!;
    expect(target.schedule).toEqual([5, 15, 40, 40]);
    expect(target.years.map((y) => y.equity)).toEqual([16_000, 48_000, 128_000, 128_000]);
    expect(brief.yearOne?.signOnNeeded).toBe(64_000);
  });
});

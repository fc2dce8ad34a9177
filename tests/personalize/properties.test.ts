import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Brief, type Package } from '../../src/model/brief.js';
import { Candidate } from '../../src/model/candidate.js';
import type { Bonus } from '../../src/model/guide.js';
import { buildBrief } from '../../src/personalize/build.js';
import { makeGuide, type BandSpec } from '../fixtures/personalize/guides.js';

const amount = (min: number, max: number) => fc.integer({ min: min / 500, max: max / 500 }).map((n) => n * 500);
const range = (min: number, max: number, maxWidth: number) =>
  fc.tuple(amount(min, max), amount(0, maxWidth)).map(([low, width]) => [low, low + width] as [number, number]);
/** A point inside [low, high], as a fraction. */
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const at = ([low, high]: [number, number], t: number) => low + t * (high - low);

const bonusArb: fc.Arbitrary<'none' | 'amount' | 'percent'> = fc.constantFrom('none', 'amount', 'percent');

/** Two consistent bands of one table (same vesting, same columns), a strategy inside the reference band, a candidate. */
const scenario = fc
  .record({
    hasEquity: fc.boolean(),
    bonusKind: bonusArb,
    years: fc.integer({ min: 1, max: 6 }),
    refBase: range(40_000, 400_000, 200_000),
    candBase: range(40_000, 400_000, 200_000),
    refEquity: range(0, 500_000, 400_000),
    candEquity: range(0, 500_000, 400_000),
    refBonus: range(0, 60_000, 40_000),
    candBonus: range(0, 60_000, 40_000),
    refPercent: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 15 })),
    candPercent: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 15 })),
    target: fc.record({ base: fraction, equity: fraction }),
    floor: fc.record({ base: fraction, equity: fraction }),
    competing: fc.array(fc.record({ company: fc.constantFrom('Google', 'Meta', 'Stripe'), totalComp: amount(0, 1_200_000) }), { maxLength: 3 }),
    offer: fc.option(fc.record({ base: amount(10_000, 600_000), equity: amount(0, 900_000), bonus: amount(0, 90_000) }), { nil: undefined }),
  })
  .map((s) => {
    const bonus = (r: [number, number], p: [number, number]): Bonus =>
      s.bonusKind === 'none' ? null : s.bonusKind === 'amount' ? { low: r[0], high: r[1] } : { percentOfBase: { low: p[0], high: p[0] + p[1] } };
    const ref: BandSpec = { region: 'Ref', base: s.refBase, equity: s.hasEquity ? s.refEquity : null, vestingYears: s.years, bonus: bonus(s.refBonus, s.refPercent) };
    const cand: BandSpec = { region: 'Cand', currency: 'EUR', base: s.candBase, equity: s.hasEquity ? s.candEquity : null, vestingYears: s.years, bonus: bonus(s.candBonus, s.candPercent) };
    const pkg = (p: { base: number; equity: number }) => ({
      base: at(s.refBase, p.base),
      equity: s.hasEquity ? at(s.refEquity, p.equity) : 0,
      vestingYears: s.years,
      bonus: null,
      totalComp: null,
    });
    const guide = makeGuide({ bands: [ref, cand], strategyText: 'numbers', target: pkg(s.target), floor: pkg(s.floor) });
    const candidate = Candidate.parse({ name: 'P', region: 'Cand', competing: s.competing, ...(s.offer ? { offer: s.offer } : {}) });
    return { guide, candidate };
  });

const run = (s: { guide: ReturnType<typeof makeGuide>; candidate: Candidate }) =>
  buildBrief({ guide: s.guide, guideFile: { name: 'g.md', sha256: '0' }, candidate: s.candidate, candidateFile: null }).brief;

const sumsUp = (p: Package) => p.totalComp === p.base + p.annualEquity + p.bonus;
const thousands = (...values: number[]) => values.every((v) => Number.isInteger(v / 1000));
const within = (value: number, r: { low: number; high: number }) => value >= r.low && value <= r.high;

describe('brief numbers, over random consistent bands and candidates', () => {
  it('keep the floor at or under the target, part by part', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { target, floor } = run(s);
        expect(floor.base).toBeLessThanOrEqual(target.base);
        expect(floor.equity).toBeLessThanOrEqual(target.equity);
        expect(floor.annualEquity).toBeLessThanOrEqual(target.annualEquity);
        expect(floor.bonus).toBeLessThanOrEqual(target.bonus);
        expect(floor.totalComp).toBeLessThanOrEqual(target.totalComp);
      }),
      { numRuns: 400 },
    );
  });

  it('make every total equal its rounded parts, all in whole thousands', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const brief = run(s);
        expect(() => Brief.parse(brief)).not.toThrow();
        for (const p of [brief.target, brief.floor]) {
          expect(sumsUp(p)).toBe(true);
          expect(thousands(p.base, p.equity, p.annualEquity, p.bonus, p.totalComp)).toBe(true);
        }
        for (const band of brief.bands) {
          expect(band.totalComp.low).toBe(band.base.low + (band.equity?.annualLow ?? 0) + (band.bonus?.low ?? 0));
          expect(band.totalComp.high).toBe(band.base.high + (band.equity?.annualHigh ?? 0) + (band.bonus?.high ?? 0));
        }
        if (brief.offer) {
          const o = brief.offer;
          expect(o.totalComp).toBe(o.base + o.annualEquity + o.bonus);
          expect(o.gaps.totalComp).toBe(o.gaps.base + o.gaps.annualEquity + (brief.target.bonus - o.bonus));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keep every number inside the band unless a competing offer raised it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const brief = run(s);
        const { band } = brief;
        const annual = band.equity ? { low: band.equity.annualLow, high: band.equity.annualHigh } : { low: 0, high: 0 };
        const grant = band.equity ? { low: band.equity.low, high: band.equity.high } : { low: 0, high: 0 };
        const bonus = band.bonus ?? { low: 0, high: 0 };
        const inBand = (p: Package) =>
          within(p.base, band.base) && within(p.equity, grant) && within(p.annualEquity, annual) && within(p.bonus, bonus) && within(p.totalComp, band.totalComp);
        expect(inBand(brief.floor)).toBe(true);
        if (brief.competing.raisedTarget === null) {
          expect(inBand(brief.target)).toBe(true);
          expect(brief.target.totalComp).toBeGreaterThanOrEqual(brief.competing.best?.totalComp ?? 0);
        } else {
          expect(brief.target.totalComp).toBe(brief.competing.best?.totalComp);
          if (band.equity) expect(within(brief.target.base, band.base)).toBe(true);
          expect(brief.target.base).toBeGreaterThanOrEqual(band.base.low);
        }
      }),
      { numRuns: 400 },
    );
  });
});

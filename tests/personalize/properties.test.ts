/**
 * The brief's numbers as a financial statement: the coach's rules (docs/candidate-format.md) hold
 * for every band, offer shape, competing offer and currency fast-check can think of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Brief, type Package, type Segment } from '../../src/model/brief.js';
import { Candidate } from '../../src/model/candidate.js';
import type { Bonus } from '../../src/model/guide.js';
import { InputError } from '../../src/errors.js';
import { buildBrief } from '../../src/personalize/build.js';
import { formatBriefMoney } from '../../src/money.js';
import { makeGuide, mentions, type BandSpec } from '../fixtures/personalize/guides.js';

const amount = (min: number, max: number) => fc.integer({ min: min / 500, max: max / 500 }).map((n) => n * 500);
const range = (min: number, max: number, maxWidth: number) =>
  fc.tuple(amount(min, max), amount(0, maxWidth)).map(([low, width]) => [low, low + width] as [number, number]);
/** A point relative to [low, high]: mostly inside, sometimes below or far above. */
const fraction = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -0.5, max: 4, noNaN: true }));
const at = ([low, high]: [number, number], t: number) => Math.max(0, low + t * (high - low));
const currencies = ['USD', 'GBP', 'EUR', 'CAD', 'CHF', 'BRL'] as const;

const strategyText =
  "I'm evaluating offers from [Google/Meta/Stripe] in the $310K-$330K TC range. " +
  'My target is $228K base with $320K/4yr equity and a $20K bonus, putting my TC at $308K. ' +
  'My walk-away floor is $215K base with $280K/4yr equity. Thank you.';
const strategyMentions = mentions(strategyText, [
  ['competing.low', '$310K', 310_000],
  ['competing.high', '$330K', 330_000],
  ['target.base', '$228K', 228_000],
  ['target.equity', '$320K', 320_000],
  ['target.bonus', '$20K', 20_000],
  ['target.totalComp', '$308K', 308_000],
  ['floor.base', '$215K', 215_000],
  ['floor.equity', '$280K', 280_000],
]);

/** Guides of two bands (any currencies, % or amount bonus, 1–5 vesting years), a strategy, a candidate. */
const scenario = fc
  .record({
    hasEquity: fc.boolean(),
    bonusKind: fc.constantFrom<'none' | 'amount' | 'percent'>('none', 'amount', 'percent'),
    years: fc.integer({ min: 1, max: 5 }),
    refCurrency: fc.constantFrom(...currencies),
    candCurrency: fc.constantFrom(...currencies),
    refBase: range(40_000, 400_000, 200_000),
    candBase: range(40_000, 400_000, 200_000),
    refEquity: range(0, 500_000, 400_000),
    candEquity: range(0, 500_000, 400_000),
    refBonus: range(0, 60_000, 40_000),
    candBonus: range(0, 60_000, 40_000),
    refPercent: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 15 })),
    candPercent: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 15 })),
    target: fc.record({ base: fraction, equity: fraction, bonus: fraction }),
    floor: fc.record({ base: fraction, equity: fraction }),
    competing: fc.uniqueArray(
      fc.record({
        company: fc.constantFrom('Google', 'Meta', 'Stripe', 'Datadog', 'Wise', 'Figma'),
        /** Relative to the candidate band's TC: below, inside, above. */
        at: fc.double({ min: -0.5, max: 5, noNaN: true }),
        foreign: fc.boolean(),
      }),
      { maxLength: 6, selector: (c) => c.company },
    ),
    offer: fc.option(
      fc.record({
        base: fraction,
        equity: fraction,
        bonus: fraction,
        signOn: fc.option(amount(0, 100_000), { nil: undefined }),
        vestingYears: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        foreign: fc.boolean(),
      }),
      { nil: undefined },
    ),
    rate: fc.option(fc.double({ min: 0.2, max: 5, noNaN: true }), { nil: undefined }),
  })
  .map((s) => {
    const bonus = (r: [number, number], p: [number, number]): Bonus =>
      s.bonusKind === 'none' ? null : s.bonusKind === 'amount' ? { low: r[0], high: r[1] } : { percentOfBase: { low: p[0], high: p[0] + p[1] } };
    const ref: BandSpec = { region: 'Ref', currency: s.refCurrency, base: s.refBase, equity: s.hasEquity ? s.refEquity : null, vestingYears: s.years, bonus: bonus(s.refBonus, s.refPercent) };
    const cand: BandSpec = { region: 'Cand', currency: s.candCurrency, base: s.candBase, equity: s.hasEquity ? s.candEquity : null, vestingYears: s.years, bonus: bonus(s.candBonus, s.candPercent) };
    const refBonusRange: [number, number] = s.bonusKind === 'amount' ? s.refBonus : [0, 0];
    const guide = makeGuide({
      bands: [ref, cand],
      strategyText,
      strategyPlaceholders: ['Google/Meta/Stripe'],
      mentions: strategyMentions,
      competing: { low: 310_000, high: 330_000 },
      target: {
        base: at(s.refBase, s.target.base),
        equity: s.hasEquity ? at(s.refEquity, s.target.equity) : 0,
        vestingYears: s.years,
        bonus: s.bonusKind === 'amount' ? at(refBonusRange, s.target.bonus) : null,
        totalComp: null,
      },
      floor: { base: at(s.refBase, s.floor.base), equity: s.hasEquity ? at(s.refEquity, s.floor.equity) : 0, vestingYears: s.years, bonus: null, totalComp: null },
    });
    const foreign = s.candCurrency === 'USD' ? 'GBP' : 'USD';
    const tcLow = s.candBase[0] + (s.hasEquity ? s.candEquity[0] / s.years : 0);
    const tcHigh = s.candBase[1] + (s.hasEquity ? s.candEquity[1] / s.years : 0);
    const candidate = Candidate.parse({
      name: 'P',
      region: 'Cand',
      competing: s.competing.map((c) => ({
        company: c.company,
        totalComp: Math.round(at([tcLow, tcHigh], c.at)),
        ...(c.foreign ? { currency: foreign } : {}),
      })),
      ...(s.offer
        ? {
            offer: {
              base: Math.round(at(s.candBase, s.offer.base)),
              equity: s.hasEquity ? Math.round(at(s.candEquity, s.offer.equity)) : 0,
              bonus: s.bonusKind === 'none' ? 0 : Math.round(at(s.candBonus, s.offer.bonus)),
              ...(s.offer.signOn !== undefined ? { signOn: s.offer.signOn } : {}),
              ...(s.offer.vestingYears !== undefined ? { vestingYears: s.offer.vestingYears } : {}),
              ...(s.offer.foreign ? { currency: foreign } : {}),
            },
          }
        : {}),
      ...(s.rate !== undefined ? { fx: { [`${foreign}/${s.candCurrency}`]: s.rate } } : {}),
    });
    const needsRate = (s.offer?.foreign ?? false) || s.competing.some((c) => c.foreign);
    return { guide, candidate, needsRate, hasRate: s.rate !== undefined };
  });

type Scenario = { guide: ReturnType<typeof makeGuide>; candidate: Candidate; needsRate: boolean; hasRate: boolean };

const run = (s: Scenario) => buildBrief({ guide: s.guide, guideFile: { name: 'g.md', sha256: '0' }, candidate: s.candidate, candidateFile: null }).brief;

/** Scenarios that can be planned (a foreign amount comes with its rate). */
const plannable = scenario.filter((s) => !s.needsRate || s.hasRate);

const parts = ['base', 'annualEquity', 'bonus', 'totalComp'] as const;
const sumsUp = (p: { base: number; annualEquity: number; bonus: number; totalComp: number }) => p.totalComp === p.base + p.annualEquity + p.bonus;
const runs = { numRuns: 500 };

/** The value a script number stands for, looked up by its field path in the brief. */
function fieldValue(brief: Brief, field: string): number {
  const path = field.replace(/\[(\d+)\]/g, '.$1').split('.');
  let value: unknown = brief;
  for (const key of path) value = (value as Record<string, unknown>)[key];
  if (typeof value !== 'number') throw new Error(`no number at ${field}`);
  return value;
}

describe('the brief never misleads, over random bands, offers, competing offers and currencies', () => {
  it('never throws: a foreign amount without a rate is an InputError naming the fix; everything else plans', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        if (s.needsRate && !s.hasRate) {
          expect(() => run(s)).toThrow(InputError);
          expect(() => run(s)).toThrow(/no exchange rate is given; add fx: \{ "[A-Z]{3}\/[A-Z]{3}"/);
        } else expect(() => Brief.parse(run(s))).not.toThrow();
      }),
      runs,
    );
  });

  it('1. the target is at least the offer in every part and in TC; at the band top no number is invented', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        const { offer, target, ask } = brief;
        if (!offer) {
          expect(ask.mode).toBe('no-offer');
          return;
        }
        for (const part of parts) expect(target[part]).toBeGreaterThanOrEqual(offer[part]);
        if (offer.totalComp >= ask.guideTarget.totalComp) expect(['meets-target', 'at-band-top']).toContain(ask.mode);
        else expect(ask.mode).toBe('below-target');
        if (ask.mode === 'at-band-top') {
          for (const part of parts) expect(target[part]).toBe(offer[part]);
          expect(ask.nonCash.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('2. the floor is at most the target in every part and in TC; an offer below it is called out', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        for (const part of parts) expect(brief.floor[part]).toBeLessThanOrEqual(brief.target[part]);
        if (brief.offer) {
          expect(brief.offer.belowFloor).toBe(Math.max(0, brief.floor.totalComp - brief.offer.totalComp));
          if (brief.offer.belowFloor > 0) expect(brief.warnings.some((w) => w.includes('below your floor by'))).toBe(true);
        }
      }),
      runs,
    );
  });

  it('3. competing offers raise the target only inside the band; what is left is aboveBand', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        const { band, target, offer, ask, competing } = brief;
        const top = {
          base: band.base.high,
          annualEquity: band.equity?.annualHigh ?? 0,
          bonus: band.bonus?.high ?? 0,
        };
        for (const part of ['base', 'annualEquity', 'bonus'] as const) {
          // No part beyond the larger of its top, the offer's and the guide's own target.
          expect(target[part]).toBeLessThanOrEqual(Math.max(top[part], offer?.[part] ?? 0, ask.guideTarget[part]));
        }
        const best = competing.offers.find((o) => o.leverage);
        if (competing.aboveBand > 0) {
          expect(best).toBeDefined();
          expect(target.totalComp + competing.aboveBand).toBe(best!.totalComp);
          expect(target.base).toBeGreaterThanOrEqual(top.base);
          if (band.equity) expect(target.annualEquity).toBeGreaterThanOrEqual(top.annualEquity);
          if (band.bonus) expect(target.bonus).toBeGreaterThanOrEqual(top.bonus);
        } else if (best && competing.raisedTarget !== null) {
          expect(target.totalComp).toBe(best.totalComp);
        }
        // Only offers above the offer in hand are leverage; the script quotes at most three, best first.
        if (offer) for (const o of competing.offers) expect(o.leverage).toBe(o.totalComp > offer.totalComp);
        expect(competing.quoted).toEqual(competing.offers.filter((o) => o.leverage).slice(0, 3));
      }),
      runs,
    );
  });

  it('4. gaps are never negative and the parts sum exactly to the TC gap; totals are sums of whole-thousand parts', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        for (const p of [brief.target, brief.floor, brief.ask.guideTarget] as Package[]) {
          expect(sumsUp(p)).toBe(true);
          for (const value of [p.base, p.annualEquity, p.bonus, p.totalComp]) expect(value % 1000).toBe(0);
        }
        if (brief.offer) {
          const { gaps } = brief.offer;
          expect(sumsUp(brief.offer)).toBe(true);
          expect(gaps.base + gaps.annualEquity + gaps.bonus).toBe(gaps.totalComp);
          for (const part of parts) expect(gaps[part]).toBeGreaterThanOrEqual(0);
        }
      }),
      runs,
    );
  });

  it('5. positions read as words and amounts, with percentages inside 0–100 and true minus signs', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        if (!brief.offer) return;
        for (const position of Object.values(brief.offer.position)) {
          if (!position) continue;
          expect(position.percent).toBeGreaterThanOrEqual(0);
          expect(position.percent).toBeLessThanOrEqual(100);
          expect(position.text).toMatch(/^(below .+ by [^ ]+ ?[^ ]*|above .+'s top by [^ ]+ ?[^ ]*|at \d+% of .+|at .+'s (low end|top|single amount)|just (above|below) .+)$/);
          expect(position.text).not.toMatch(/-|%.*%/);
          expect(position.outside === 0).toBe(position.label === 'in band');
        }
      }),
      runs,
    );
  });

  it('6. a converted amount is marked with its rate; amounts in the band currency are not', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        if (brief.offer) expect(brief.offer.conversion === null).toBe(brief.offer.currency === brief.currency);
        for (const o of brief.competing.offers) {
          expect(o.conversion === null).toBe(o.currency === brief.currency);
          if (o.conversion) expect(o.conversion.note).toMatch(/ ≈ .+ at [\d.]+ [A-Z]{3}\/[A-Z]{3}$/);
        }
      }),
      runs,
    );
  });

  it('7. every number of the script is a number of the plan; no zero clause; only quoted offers are named', () => {
    fc.assert(
      fc.property(plannable, (s) => {
        const brief = run(s);
        const numbers = brief.script.filter((x): x is Extract<Segment, { type: 'number' }> => x.type === 'number');
        for (const n of numbers) {
          const value = fieldValue(brief, n.field);
          const currency = n.field.endsWith('originalTotalComp')
            ? brief.competing.quoted[Number(/\[(\d+)\]/.exec(n.field)![1])]!.currency
            : brief.currency;
          expect(n.text).toBe(formatBriefMoney(value, currency));
          expect(value, n.field).toBeGreaterThan(0);
          // One money form: K below a million, M from a million.
          expect(n.text).toMatch(value >= 999_950 ? /\d(\.\d{1,2})?M$/ : /\dK$/);
        }
        const text = brief.script.map((x) => (x.type === 'slot' ? (x.value ?? `[${x.slot}]`) : x.text)).join('');
        for (const o of brief.competing.offers) {
          if (!brief.competing.quoted.includes(o)) expect(text.includes(` ${o.company} at`) || text.includes(`from ${o.company} at`)).toBe(false);
        }
        // The guide's competing sentence (its range and company slot) never survives: offers are named from the profile.
        expect(text).not.toMatch(/TC range|\[Google\/Meta\/Stripe\]/);
        expect(text).not.toMatch(/(?<![\d.])0(K|M)?\b bonus|\b0 base/);
        expect(text).not.toContain('before bonus');
      }),
      runs,
    );
  });
});

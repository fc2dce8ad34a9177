import type { AskMode, BandPosition, BriefBand, CompetingEntry, Conversion, Gaps, OfferSummary, Package } from '../model/brief.js';
import type { CompetingOffer, FxRates, Offer } from '../model/candidate.js';
import { InputError } from '../errors.js';
import { formatBriefMoney } from '../money.js';
import { round1000 } from './money.js';
import { defaultVestingYears } from './numbers.js';
import { bonusAmount, detailedTotalComp, signOnYears, vestingYearsOf } from './years.js';

/**
 * The coach's rules, as arithmetic on whole thousands (every input here is already rounded):
 *
 * 1. The target is never below the offer, part by part (base, annual equity, bonus) and so in total.
 * 2. When the offer meets the guide's target, each part still below the band's top moves to the top;
 *    when every part is at or above its top, the ask is non-cash (no number is invented).
 * 3. A better competing offer raises the target only inside the band: base to its top, then annual
 *    equity, then bonus; what is left is `aboveBand`, argued as a level change or a sign-on.
 * 4. The floor never exceeds the target, part by part.
 * 5. Gaps (target − offer) are never negative and the parts' gaps sum to the total's.
 *
 * The properties are tested with fast-check in tests/personalize/negotiate.test.ts.
 */

/** The most a band pays per part (null: the band has no such part). */
export interface BandTops {
  base: number;
  annualEquity: number | null;
  bonus: number | null;
}

export function bandTops(band: BriefBand): BandTops {
  return { base: band.base.high, annualEquity: band.equity ? band.equity.annualHigh : null, bonus: band.bonus ? band.bonus.high : null };
}

/** The offer's parts in the band's currency, rounded like the brief. */
export interface OfferParts {
  base: number;
  equity: number;
  vestingYears: number;
  annualEquity: number;
  bonus: number;
  /** The whole sign-on (both years). */
  signOn: number;
  totalComp: number;
  /** The sign-on by year: [year one, year two]. */
  signOnYears: [number, number];
  /** Yearly refresher value from year 2 (not in total comp). */
  refresher: number;
  /** The grant's yearly schedule in percent, or null for even vesting. */
  schedule: number[] | null;
  cliffMonths: number;
}

// ---------------------------------------------------------------------------------------------
// Currency

/** A rate to turn `from` into `to`: the pair as given ("GBP/USD": 1.27), or its inverse. */
export function findRate(fx: FxRates, from: string, to: string): { rate: number; pair: string } | null {
  if (from === to) return { rate: 1, pair: `${from}/${to}` };
  const direct = fx[`${from}/${to}`];
  if (direct !== undefined) return { rate: direct, pair: `${from}/${to}` };
  const inverse = fx[`${to}/${from}`];
  if (inverse !== undefined) return { rate: 1 / inverse, pair: `${to}/${from}` };
  return null;
}

/** The rate as written for its pair ("1.27 GBP/USD"), whichever way it is used. */
function rateText(fx: FxRates, pair: string): string {
  return `${fx[pair] ?? 1} ${pair}`;
}

export interface CurrencyContext {
  /** The band's currency: every amount of the brief is in it. */
  bandCurrency: string;
  /** The currency a profile amount has when it names none (the profile region's band currency). */
  defaultCurrency: string;
  fx: FxRates;
}

/**
 * The rate for an amount written in `currency` (at `field`), or an InputError saying how to give one:
 * the comparison is refused rather than re-labelled.
 */
export function rateFor(ctx: CurrencyContext, currency: string, field: string, region: string): { rate: number; pair: string } {
  const found = findRate(ctx.fx, currency, ctx.bandCurrency);
  if (found) return found;
  throw new InputError(
    `${field}: the amounts are in ${currency} but the ${region} band is in ${ctx.bandCurrency}, and no exchange rate is given; ` +
      `add fx: { "${currency}/${ctx.bandCurrency}": <${ctx.bandCurrency} per ${currency}> } to the profile or the config ` +
      `(or set ${field}.currency if the amounts are in ${ctx.bandCurrency})`,
  );
}

function conversionOf(ctx: CurrencyContext, from: string, rate: { rate: number; pair: string }, original: number): Conversion | null {
  if (from === ctx.bandCurrency) return null;
  const converted = round1000(original * rate.rate);
  return {
    from,
    to: ctx.bandCurrency,
    rate: rate.rate,
    pair: rate.pair,
    note: `${formatBriefMoney(round1000(original), from)} ≈ ${formatBriefMoney(converted, ctx.bandCurrency)} at ${rateText(ctx.fx, rate.pair)}`,
  };
}

/** The offer in the band's currency (converted at the given rate when written in another). */
export function offerParts(
  offer: Offer,
  vestingFallback: number,
  ctx: CurrencyContext,
  region: string,
): { parts: OfferParts; currency: string; conversion: Conversion | null; original: OfferSummary['original'] } {
  const currency = offer.currency ?? ctx.defaultCurrency;
  const rate = rateFor(ctx, currency, 'offer', region);
  const vestingYears = vestingYearsOf(offer, vestingFallback > 0 ? vestingFallback : defaultVestingYears);
  const convert = (value: number) => round1000(value * rate.rate);
  const base = convert(offer.base);
  const equity = convert(offer.equity);
  const annualEquity = round1000(equity / vestingYears);
  const bonusWritten = bonusAmount(offer.bonus, offer.base);
  const bonus = convert(bonusWritten);
  const [signOn1, signOn2] = signOnYears(offer.signOn);
  const signOnYearsConverted: [number, number] = [convert(signOn1), convert(signOn2)];
  const parts: OfferParts = {
    base,
    equity,
    vestingYears,
    annualEquity,
    bonus,
    signOn: signOnYearsConverted[0] + signOnYearsConverted[1],
    totalComp: base + annualEquity + bonus,
    signOnYears: signOnYearsConverted,
    refresher: convert(offer.refresher ?? 0),
    schedule: offer.vesting?.schedule ? [...offer.vesting.schedule] : null,
    cliffMonths: offer.vesting?.cliffMonths ?? 12,
  };
  if (currency === ctx.bandCurrency) return { parts, currency, conversion: null, original: null };
  const original = {
    base: round1000(offer.base),
    equity: round1000(offer.equity),
    bonus: round1000(bonusWritten),
    signOn: round1000(signOn1) + round1000(signOn2),
    totalComp: 0,
  };
  original.totalComp = original.base + round1000(original.equity / vestingYears) + original.bonus;
  const conversion = conversionOf(ctx, currency, rate, original.totalComp) as Conversion;
  conversion.note = `${formatBriefMoney(original.totalComp, currency)} total comp ≈ ${formatBriefMoney(parts.totalComp, ctx.bandCurrency)} at ${rateText(ctx.fx, rate.pair)}`;
  return { parts, currency, conversion, original };
}

/** Competing offers in the band's currency, best first (ties keep the profile's order). */
export function competingEntries(offers: readonly CompetingOffer[], ctx: CurrencyContext, region: string, vestingFallback: number): CompetingEntry[] {
  const entries = offers.map((offer, index) => {
    const currency = offer.currency ?? ctx.defaultCurrency;
    const rate = rateFor(ctx, currency, `competing[${index}]`, region);
    // A detailed offer's annual TC is base + grant ÷ years + bonus, like the offer in hand's.
    const written = detailedTotalComp(offer, vestingFallback);
    return {
      index,
      entry: {
        company: offer.company.trim(),
        totalComp: round1000(written * rate.rate),
        currency,
        originalTotalComp: written,
        conversion: conversionOf(ctx, currency, rate, written),
        leverage: false,
        detailed: offer.base !== undefined,
      } satisfies CompetingEntry,
    };
  });
  entries.sort((a, b) => b.entry.totalComp - a.entry.totalComp || a.index - b.index);
  return entries.map((e) => e.entry);
}

// ---------------------------------------------------------------------------------------------
// Packages

/** A package from annual parts; the grant is kept when the annual amount is unchanged. */
export function withParts(from: Package, base: number, annualEquity: number, bonus: number, grant?: number): Package {
  const equity = grant ?? (annualEquity === from.annualEquity ? from.equity : annualEquity * from.vestingYears);
  return { ...from, base, annualEquity, equity, bonus, totalComp: base + annualEquity + bonus };
}

export interface TargetPlan {
  target: Package;
  mode: AskMode;
}

/**
 * Rules 1 and 2: the target from the guide's (moved) target and the offer in hand.
 * Without an offer the guide's target stands.
 */
export function targetForOffer(guideTarget: Package, offer: OfferParts | null, tops: BandTops): TargetPlan {
  if (!offer) return { target: guideTarget, mode: 'no-offer' };
  // The offer's grant is kept when its annual amount becomes the target's.
  const offerGrant = offer.vestingYears === guideTarget.vestingYears ? offer.equity : offer.annualEquity * guideTarget.vestingYears;
  if (offer.totalComp < guideTarget.totalComp) {
    const annual = Math.max(guideTarget.annualEquity, offer.annualEquity);
    const target = withParts(
      guideTarget,
      Math.max(guideTarget.base, offer.base),
      annual,
      Math.max(guideTarget.bonus, offer.bonus),
      annual === guideTarget.annualEquity ? guideTarget.equity : offerGrant,
    );
    return { target, mode: 'below-target' };
  }
  // The offer meets the guide's target: what is left is the band's top in each part below it.
  const base = Math.max(offer.base, tops.base);
  const annual = tops.annualEquity === null ? offer.annualEquity : Math.max(offer.annualEquity, tops.annualEquity);
  const bonus = tops.bonus === null ? offer.bonus : Math.max(offer.bonus, tops.bonus);
  const target = withParts(guideTarget, base, annual, bonus, annual === offer.annualEquity ? offerGrant : annual * guideTarget.vestingYears);
  const atTop = base === offer.base && annual === offer.annualEquity && bonus === offer.bonus;
  return { target, mode: atTop ? 'at-band-top' : 'meets-target' };
}

export interface CompetingRaise {
  target: Package;
  baseAdded: number;
  annualEquityAdded: number;
  bonusAdded: number;
  /** What the best offer exceeds beyond what the band can pay (0 when the band covers it). */
  aboveBand: number;
}

/** Rule 3: raise `target` toward `best` (a total comp), part by part, never past a part's top. */
export function raiseWithinBand(target: Package, best: number, tops: BandTops): CompetingRaise {
  let need = Math.max(0, best - target.totalComp);
  const take = (current: number, top: number | null) => {
    if (top === null) return 0;
    const added = Math.min(need, Math.max(0, top - current));
    need -= added;
    return added;
  };
  const baseAdded = take(target.base, tops.base);
  const annualEquityAdded = take(target.annualEquity, tops.annualEquity);
  const bonusAdded = take(target.bonus, tops.bonus);
  const raised = withParts(target, target.base + baseAdded, target.annualEquity + annualEquityAdded, target.bonus + bonusAdded);
  return { target: raised, baseAdded, annualEquityAdded, bonusAdded, aboveBand: need };
}

/** Rule 4: the floor lowered to the target in any part where it is above it. */
export function floorUnderTarget(floor: Package, target: Package): { floor: Package; clamped: boolean } {
  const base = Math.min(floor.base, target.base);
  const annual = Math.min(floor.annualEquity, target.annualEquity);
  const bonus = Math.min(floor.bonus, target.bonus);
  const clamped = base !== floor.base || annual !== floor.annualEquity || bonus !== floor.bonus;
  if (!clamped) return { floor, clamped };
  return { floor: withParts(floor, base, annual, bonus, annual === floor.annualEquity ? floor.equity : target.equity), clamped };
}

/** Rule 5: target − offer per part; the parts sum to the total because both totals are sums of parts. */
export function gapsOf(target: Package, offer: OfferParts): Gaps {
  return {
    base: target.base - offer.base,
    annualEquity: target.annualEquity - offer.annualEquity,
    bonus: target.bonus - offer.bonus,
    totalComp: target.totalComp - offer.totalComp,
  };
}

// ---------------------------------------------------------------------------------------------
// Positions

/** Where `value` sits in `range`, as words and amounts ("at 36% of the band", "below the band by $12K"). */
export function positionIn(value: number, range: { low: number; high: number }, currency: string, what = 'the band'): BandPosition {
  const m = (n: number) => formatBriefMoney(n, currency);
  if (value < range.low) {
    return { label: 'below band', percent: 0, outside: range.low - value, text: `below ${what} by ${m(range.low - value)}` };
  }
  if (value > range.high) {
    return { label: 'above band', percent: 100, outside: value - range.high, text: `above ${what}'s top by ${m(value - range.high)}` };
  }
  if (range.high === range.low) return { label: 'in band', percent: 100, outside: 0, text: `at ${what}'s single amount` };
  const percent = Math.min(100, Math.max(0, Math.round(((value - range.low) / (range.high - range.low)) * 100)));
  const text =
    value === range.low ? `at ${what}'s low end`
    : value === range.high ? `at ${what}'s top`
    : percent === 0 ? `just above ${what}'s low end`
    : percent === 100 ? `just below ${what}'s top`
    : `at ${percent}% of ${what}`;
  return { label: 'in band', percent, outside: 0, text };
}

import type { Band, Range, StrategyPackage } from '../model/guide.js';
import type { BriefBand, Package } from '../model/brief.js';
import { round1000 } from './money.js';

/**
 * The numbers of the brief.
 *
 * Rounding rule (documented in docs/candidate-format.md): every amount of the brief is a
 * whole multiple of 1,000 (half away from zero). Parts are rounded first; the annual equity
 * is the *rounded* grant divided by the vesting years, rounded; a total is the sum of its
 * rounded parts, so `totalComp === base + annualEquity + bonus` holds exactly.
 */

/** Vesting years assumed when neither the table nor the offer says. */
export const defaultVestingYears = 4;

/** A band as written in the guide (exact, unrounded), with each end's bonus in currency units. */
export interface ExactBand {
  region: string;
  currency: string;
  base: Range;
  /** The grant (whole, over `vestingYears`), or null without equity. */
  grant: Range | null;
  vestingYears: number;
  kind: string;
  /** The bonus in currency units per end (a percentage applied to the same end's base). */
  bonus: Range | null;
  bonusPercent: Range | null;
}

export function exactBand(band: Band): ExactBand {
  let bonus: Range | null = null;
  let bonusPercent: Range | null = null;
  if (band.bonus) {
    if ('percentOfBase' in band.bonus) {
      bonusPercent = { ...band.bonus.percentOfBase };
      bonus = {
        low: (band.base.low * bonusPercent.low) / 100,
        high: (band.base.high * bonusPercent.high) / 100,
      };
    } else bonus = { low: band.bonus.low, high: band.bonus.high };
  }
  const years = band.equity && band.equity.vestingYears > 0 ? band.equity.vestingYears : defaultVestingYears;
  return {
    region: band.region,
    currency: band.currency,
    base: { low: band.base.low, high: band.base.high },
    grant: band.equity ? { low: band.equity.low, high: band.equity.high } : null,
    vestingYears: years,
    kind: band.equity?.kind ?? '',
    bonus,
    bonusPercent,
  };
}

/** Annual equity of a grant by the brief's rule: round the grant, divide, round again. */
export function annualOf(grant: number, years: number): number {
  return round1000(round1000(grant) / years);
}

/** The band as the brief shows it: every amount rounded, total comp = sum of the rounded parts per end. */
export function briefBand(band: ExactBand): BriefBand {
  const base = { low: round1000(band.base.low), high: round1000(band.base.high) };
  const equity = band.grant
    ? {
        low: round1000(band.grant.low),
        high: round1000(band.grant.high),
        annualLow: annualOf(band.grant.low, band.vestingYears),
        annualHigh: annualOf(band.grant.high, band.vestingYears),
        vestingYears: band.vestingYears,
        kind: band.kind,
      }
    : null;
  const bonus = band.bonus ? { low: round1000(band.bonus.low), high: round1000(band.bonus.high) } : null;
  return {
    region: band.region,
    currency: band.currency,
    base,
    equity,
    bonus,
    bonusPercent: band.bonusPercent,
    totalComp: {
      low: base.low + (equity?.annualLow ?? 0) + (bonus?.low ?? 0),
      high: base.high + (equity?.annualHigh ?? 0) + (bonus?.high ?? 0),
    },
  };
}

/** Exact total comp per end (for moving a total-comp number between regions). */
export function exactTotalComp(band: ExactBand): Range {
  return {
    low: band.base.low + (band.grant ? band.grant.low / band.vestingYears : 0) + (band.bonus?.low ?? 0),
    high: band.base.high + (band.grant ? band.grant.high / band.vestingYears : 0) + (band.bonus?.high ?? 0),
  };
}

/** Relative position of `value` in `range` (0 = low, 1 = high); 0 when the range is a single point. */
export function relativePosition(value: number, range: Range): number {
  return range.high === range.low ? 0 : (value - range.low) / (range.high - range.low);
}

export function atPosition(range: Range, t: number): number {
  return range.low + t * (range.high - range.low);
}

/** Moves `value` from `from` to `to`, keeping its relative position. */
export function moveBetween(value: number, from: Range, to: Range): number {
  return atPosition(to, relativePosition(value, from));
}

const annualRange = (band: ExactBand): Range | null =>
  band.grant ? { low: band.grant.low / band.vestingYears, high: band.grant.high / band.vestingYears } : null;

/** Assembles a package from exact parts, by the rounding rule. */
export function makePackage(base: number, grant: number, vestingYears: number, bonus: number): Package {
  // A strategy number far below its band can extrapolate below zero: no package part is negative.
  const roundedBase = Math.max(0, round1000(base));
  const equity = Math.max(0, round1000(grant));
  const annualEquity = round1000(equity / vestingYears);
  const roundedBonus = Math.max(0, round1000(bonus));
  return {
    base: roundedBase,
    equity,
    vestingYears,
    annualEquity,
    bonus: roundedBonus,
    totalComp: roundedBase + annualEquity + roundedBonus,
  };
}

export interface MovedPackage {
  package: Package;
  /** Sentences about numbers that had to be guessed or lie outside the reference band. */
  notes: string[];
}

/**
 * Moves a strategy package (written against `ref`) into `cand`: each number keeps its relative
 * position inside its band (equity compared per year, so differing vesting periods still map).
 */
export function movePackage(pkg: StrategyPackage, ref: ExactBand, cand: ExactBand, label: string): MovedPackage {
  const notes: string[] = [];
  const tBase = relativePosition(pkg.base, ref.base);
  if (ref.base.high !== ref.base.low && (tBase < 0 || tBase > 1)) {
    notes.push(`the ${label} base lies ${tBase < 0 ? 'below' : 'above'} the ${ref.region} band; it was moved proportionally outside the ${cand.region} band too`);
  }
  const base = atPosition(cand.base, tBase);

  let grant = 0;
  const candAnnual = annualRange(cand);
  const refAnnual = annualRange(ref);
  if (candAnnual) {
    if (refAnnual) {
      const years = pkg.vestingYears > 0 ? pkg.vestingYears : ref.vestingYears;
      grant = moveBetween(pkg.equity / years, refAnnual, candAnnual) * cand.vestingYears;
    } else {
      grant = atPosition(cand.grant as Range, tBase);
      notes.push(`the ${ref.region} band has no equity; the ${label} equity was placed where its base sits in the ${cand.region} band`);
    }
  } else if (pkg.equity > 0) {
    notes.push(`the ${cand.region} band has no equity; the ${label} equity was left out`);
  }

  let bonus = 0;
  if (cand.bonus) {
    if (pkg.bonus !== null && ref.bonus) bonus = moveBetween(pkg.bonus, ref.bonus, cand.bonus);
    else if (cand.bonusPercent) bonus = (base * atPosition(cand.bonusPercent, tBase)) / 100;
    else bonus = atPosition(cand.bonus, tBase);
  }
  return { package: makePackage(base, grant, cand.vestingYears, bonus), notes };
}

/** A package at relative position `t` of every range of the band (used when the guide names none). */
export function packageAt(cand: ExactBand, t: number): Package {
  const base = atPosition(cand.base, t);
  const grant = cand.grant ? atPosition(cand.grant, t) : 0;
  const bonus = cand.bonusPercent ? (base * atPosition(cand.bonusPercent, t)) / 100 : cand.bonus ? atPosition(cand.bonus, t) : 0;
  return makePackage(base, grant, cand.vestingYears, bonus);
}


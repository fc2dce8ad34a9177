import type { Band, Guide } from '../model/guide.js';
import type { Brief, BriefLever, CompetingEntry, OfferSummary, OfferYears, Package, Segment, UnfilledSlot, YearOne } from '../model/brief.js';
import type { Candidate, FxRates } from '../model/candidate.js';
import { InputError } from '../errors.js';
import { formatBriefMoney } from '../money.js';
import { round1000 } from './money.js';
import { briefBand, exactBand, exactTotalComp, movePackage, moveBetween, packageAt } from './numbers.js';
import {
  bandTops,
  competingEntries,
  findRate,
  floorUnderTarget,
  gapsOf,
  offerParts,
  positionIn,
  raiseWithinBand,
  targetForOffer,
  type CompetingRaise,
  type CurrencyContext,
  type OfferParts,
} from './negotiate.js';
import { flattenScript, writeScript } from './script.js';
import { draftEmail } from './email.js';
import { bonusAmount, signOnYears, vestingYearsOf, yearsOf, type PackageShape } from './years.js';
import { joinNames, normalize, segmentText } from './slots.js';

export interface BuildBriefInput {
  guide: Guide;
  guideFile: { name: string; sha256: string };
  candidate: Candidate;
  /** File name of the profile, or null when the candidate was built in code. */
  candidateFile: string | null;
  /** Overrides `candidate.region`. */
  region?: string;
  /** Unfilled slots become problems. */
  strict?: boolean;
  /**
   * The currency of profile amounts that name none: the band currency of the profile's own region
   * (in the guide the profile was written for). Defaults to that region's band in `guide`, else the band's.
   */
  defaultCurrency?: string;
  /** Exchange rates from the config; the profile's own `fx` wins per pair. */
  fx?: FxRates;
  /** The email template's source (default: the bundled templates/email.md). */
  emailTemplate?: string;
}

export interface BuildBriefResult {
  brief: Brief;
  /** Errors under `strict` (unfilled slots); empty otherwise. */
  problems: string[];
}

/** Relative positions used when the guide's strategy names no target or floor. */
export const fallbackTargetPosition = 0.75;
export const fallbackFloorPosition = 0.5;

/** The guide's band for `region`: case-insensitive, whitespace-tolerant; InputError listing the regions otherwise. */
export function findBand(guide: Guide, region: string): Band {
  if (guide.bands.length === 0) throw new InputError('the guide has no band table rows, expected a table with one row per region');
  const wanted = normalize(region);
  const band = guide.bands.find((candidate) => normalize(candidate.region) === wanted);
  if (!band) {
    throw new InputError(`unknown region "${region}", expected one of: ${guide.bands.map((b) => b.region).join(', ')}`);
  }
  return band;
}

/** The band the strategy's numbers are written against: the one it names, else the first row. */
function referenceBand(guide: Guide, warnings: string[]): Band {
  const first = guide.bands[0] as Band;
  const named = guide.strategy?.referenceRegion;
  if (!named) return first;
  const band = guide.bands.find((candidate) => normalize(candidate.region) === normalize(named));
  if (band) return band;
  warnings.push(`the strategy names the reference region "${named}", which is not in the band table; using the first row (${first.region})`);
  return first;
}

const money = (value: number, currency: string) => formatBriefMoney(value, currency);

/** The currency of `region`'s band in `guide`, or null when the guide has no such row. */
export function bandCurrency(guide: Guide, region: string): string | null {
  const wanted = normalize(region);
  return guide.bands.find((band) => normalize(band.region) === wanted)?.currency ?? null;
}

function raisedSentence(best: CompetingEntry, before: Package, raise: CompetingRaise, region: string, c: string): string {
  const after = raise.target;
  const steps: string[] = [];
  if (raise.baseAdded > 0) steps.push(`base +${money(raise.baseAdded, c)} to ${money(after.base, c)}`);
  if (raise.annualEquityAdded > 0) {
    steps.push(`annual equity +${money(raise.annualEquityAdded, c)} to ${money(after.annualEquity, c)} (${money(after.equity, c)} over ${after.vestingYears} years)`);
  }
  if (raise.bonusAdded > 0) steps.push(`bonus +${money(raise.bonusAdded, c)} to ${money(after.bonus, c)}`);
  const head = `The best competing offer (${best.company}, ${money(best.totalComp, c)} total comp) is above the target of ${money(before.totalComp, c)}`;
  if (steps.length === 0) {
    return `${head}, but every part of the target is already at the top of the ${region} band: the whole ${money(raise.aboveBand, c)} is above this band.`;
  }
  const above =
    raise.aboveBand > 0
      ? ` That is the top of the ${region} band; your best offer is ${money(raise.aboveBand, c)} above it, which no part of this band can pay: ask for the next level or a sign-on to close it.`
      : '';
  return `${head}, so the target was raised to ${money(after.totalComp, c)}: ${steps.join(', then ')}.${above}`;
}

/** "equity", "options" or "RSUs", as the band calls its grant. */
function equityWord(kind: string): string {
  if (/option/i.test(kind)) return 'options';
  if (/rsu/i.test(kind)) return 'RSUs';
  return 'equity';
}

/** Computes a candidate's brief from a parsed guide. Pure; throws InputError for an unknown region or a missing rate. */
export function buildBrief(input: BuildBriefInput): BuildBriefResult {
  const { guide, candidate } = input;
  const warnings: string[] = [];
  const regionName = input.region ?? candidate.region;
  const band = findBand(guide, regionName);
  const refBand = referenceBand(guide, warnings);
  const cand = exactBand(band);
  const ref = exactBand(refBand);
  const shownBand = briefBand(cand);
  const tops = bandTops(shownBand);
  const strategy = guide.strategy;
  const c = cand.currency;

  // The guide's target and floor, moved from the reference band.
  let guideTarget: Package;
  if (strategy?.target) {
    const moved = movePackage(strategy.target, ref, cand, 'target');
    guideTarget = moved.package;
    warnings.push(...moved.notes);
  } else {
    guideTarget = packageAt(cand, fallbackTargetPosition);
    warnings.push(`the guide's strategy names no target; the target was set at ${fallbackTargetPosition * 100}% of the ${band.region} band`);
  }
  let guideFloor: Package;
  if (strategy?.floor) {
    const moved = movePackage(strategy.floor, ref, cand, 'floor');
    guideFloor = moved.package;
    warnings.push(...moved.notes);
  } else {
    guideFloor = packageAt(cand, fallbackFloorPosition);
    warnings.push(`the guide's strategy names no floor; the floor was set at ${fallbackFloorPosition * 100}% of the ${band.region} band`);
  }

  // Every amount of the profile in the band's currency, or a refusal naming the missing rate.
  const currency: CurrencyContext = {
    bandCurrency: c,
    defaultCurrency: input.defaultCurrency ?? bandCurrency(guide, candidate.region) ?? c,
    fx: { ...(input.fx ?? {}), ...candidate.fx },
  };
  const offered = candidate.offer ? offerParts(candidate.offer, cand.vestingYears, currency, band.region) : null;
  const offer = offered?.parts ?? null;
  if (offered?.conversion) warnings.push(`the offer is in ${offered.currency}: converted to ${c} (${offered.conversion.note})`);

  // Rules 1–2: the target against the offer in hand.
  const planned = targetForOffer(guideTarget, offer, tops);
  let target = planned.target;
  const mode = planned.mode;

  // Rule 3: competing offers that beat the offer in hand (or, without one, the floor) are leverage.
  const offers = competingEntries(candidate.competing, currency, band.region, cand.vestingYears);
  const bar = offer ? offer.totalComp : guideFloor.totalComp;
  for (const entry of offers) entry.leverage = entry.totalComp > bar;
  for (const entry of offers) if (entry.conversion) warnings.push(`the ${entry.company} offer is in ${entry.currency}: converted to ${c} (${entry.conversion.note})`);
  const leverage = offers.filter((entry) => entry.leverage);
  const quoted = leverage.slice(0, 3);
  const best = offers[0] ?? null;
  let raisedTarget: string | null = null;
  let aboveBand = 0;
  const strongest = leverage[0];
  if (strongest && strongest.totalComp > target.totalComp) {
    const raise = raiseWithinBand(target, strongest.totalComp, tops);
    raisedTarget = raisedSentence(strongest, target, raise, band.region, c);
    aboveBand = raise.aboveBand;
    target = raise.target;
  }
  if (offers.length > 0 && leverage.length === 0) {
    warnings.push(
      `no competing offer beats ${offer ? `the offer in hand (${money(offer.totalComp, c)})` : `the floor (${money(guideFloor.totalComp, c)})`}, so the script quotes none`,
    );
  }

  // Rule 4.
  const clamped = floorUnderTarget(guideFloor, target);
  if (clamped.clamped) warnings.push('the floor was above the target in some part; it was lowered to the target there');
  const floor = clamped.floor;

  const nonCash: string[] = [];
  if (mode === 'at-band-top' || aboveBand > 0) {
    nonCash.push(offer && offer.signOn > 0 ? 'a larger sign-on bonus' : 'a sign-on bonus');
    nonCash.push(guide.levelMapping ? 'a level review against the level mapping' : 'a level review');
    if (shownBand.equity) nonCash.push('a refresher grant');
  }
  const m = (n: number) => money(n, c);
  const summary =
    mode === 'no-offer' ? `No offer on file: the target is the guide's, moved to ${band.region}${raisedTarget ? ' and raised by your best competing offer' : ''}.`
    : mode === 'below-target' ? `Your offer is ${m(target.totalComp - (offer as OfferParts).totalComp)} a year below the target.`
    : mode === 'meets-target' ? `Your offer already meets the guide's target of ${m(guideTarget.totalComp)}: ask for the band's top in each part still below it.`
    : `Your offer is at or above the band's top in every part: ask for ${joinNames(nonCash)}, not more base.`;

  const guideRange = strategy?.competing
    ? (() => {
        const from = exactTotalComp(ref);
        const to = exactTotalComp(cand);
        return { low: round1000(moveBetween(strategy.competing.low, from, to)), high: round1000(moveBetween(strategy.competing.high, from, to)) };
      })()
    : null;

  // The script, from the same numbers.
  const mapped = guide.levelMapping?.equivalents.filter((e) => e.trim() !== guide.levelMapping?.text.split('=')[0]?.trim()) ?? [];
  const script = writeScript({
    strategy,
    candidate,
    currency: c,
    mode,
    target,
    floor,
    offer,
    quoted,
    aboveBand,
    equityWord: equityWord(cand.kind),
    hasEquity: shownBand.equity !== null,
    nonCash,
    nextLevel: mapped[0] ?? null,
    guideTargetTotal: guideTarget.totalComp,
  });
  warnings.push(...script.warnings);

  // Levers and script, with their slots filled.
  const unfilled: UnfilledSlot[] = [];
  const unfilledWarnings: string[] = [];
  const collect = (segments: Segment[], where: string, line: number | null) => {
    for (const segment of segments) {
      if (segment.type !== 'slot' || segment.value !== null) continue;
      unfilled.push({ slot: segment.slot, where });
      unfilledWarnings.push(
        `unfilled slot [${segment.slot}] in ${where}${line === null ? '' : ` (guide line ${line})`}: ` +
          `add a fact equal to one of its choices, or slots["${segment.slot}"], to the candidate's profile`,
      );
    }
  };
  const levers: BriefLever[] = guide.levers.map((lever, index) => {
    const segments = segmentText(lever.pitch !== '' ? lever.pitch : lever.text, lever.placeholders, candidate);
    collect(segments, `lever ${index + 1} "${lever.name}"`, lever.position.line);
    return { name: lever.name, segments };
  });
  const flat = flattenScript(script.sentences);
  collect(flat, 'strategy', strategy?.position.line ?? null);
  if (!strategy) warnings.push("the guide has no strategy; the script was written from the band alone");
  warnings.push(...unfilledWarnings);

  // Year by year: the offer, the target (on the offer's schedule, else the guide's), detailed competing offers.
  const bandSchedule = band.equity?.schedule ?? null;
  const targetYearsVesting = offer?.schedule?.length ?? target.vestingYears;
  const targetShape: PackageShape = {
    base: target.base,
    // The same yearly value over the schedule's years when they differ from the band's.
    equity: targetYearsVesting === target.vestingYears ? target.equity : target.annualEquity * targetYearsVesting,
    vestingYears: targetYearsVesting,
    schedule: offer?.schedule ?? bandSchedule,
    cliffMonths: offer?.cliffMonths ?? 12,
    bonus: target.bonus,
    signOn: offer?.signOnYears ?? [0, 0],
    refresher: offer?.refresher ?? 0,
  };
  const yearPlan = (kind: OfferYears['kind'], label: string, shape: PackageShape, annualTotalComp: number): OfferYears => {
    const rows = yearsOf(shape);
    return {
      kind,
      label,
      schedule: shape.schedule ? [...shape.schedule] : null,
      cliffMonths: shape.cliffMonths,
      vestingYears: shape.vestingYears,
      years: rows,
      fourYearTotal: rows.reduce((sum, row) => sum + row.total, 0),
      annualTotalComp,
    };
  };
  const years: OfferYears[] = [];
  if (offer) {
    years.push(
      yearPlan('offer', 'Offer', { base: offer.base, equity: offer.equity, vestingYears: offer.vestingYears, schedule: offer.schedule, cliffMonths: offer.cliffMonths, bonus: offer.bonus, signOn: offer.signOnYears, refresher: offer.refresher }, offer.totalComp),
    );
  }
  const targetYears = yearPlan('target', 'Target', targetShape, target.totalComp);
  years.push(targetYears);
  candidate.competing.forEach((written, index) => {
    if (written.base === undefined) return;
    const currencyOf = written.currency ?? currency.defaultCurrency;
    const rate = findRate(currency.fx, currencyOf, c)!.rate;
    const convert = (n: number) => round1000(n * rate);
    const vestingYears = vestingYearsOf(written, cand.vestingYears);
    const [s1, s2] = signOnYears(written.signOn);
    const entry = offers.find((o) => o.detailed && o.company === written.company.trim());
    years.push(
      yearPlan('competing', written.company.trim(), {
        base: convert(written.base),
        equity: convert(written.equity),
        vestingYears,
        schedule: written.vesting?.schedule ?? null,
        cliffMonths: written.vesting?.cliffMonths ?? 12,
        bonus: convert(bonusAmount(written.bonus, written.base)),
        signOn: [convert(s1), convert(s2)],
        refresher: convert(written.refresher ?? 0),
      }, entry?.totalComp ?? offers[index]?.totalComp ?? 0),
    );
  });
  const firstYear = targetYears.years[0]!;
  const yearOneGap = target.totalComp - (firstYear.base + firstYear.equity + firstYear.bonus);
  const offeredSignOn = offer?.signOnYears[0] ?? 0;
  const yearOne: YearOne | null =
    yearOneGap > 0 ? { gap: yearOneGap, signOnNeeded: yearOneGap, signOnOffered: offeredSignOn, signOnToAsk: Math.max(0, yearOneGap - offeredSignOn) } : null;
  if (yearOne && yearOne.signOnToAsk > 0) {
    warnings.push(`the grant vests late: year one pays ${m(yearOne.gap)} less than the target's annual ${m(target.totalComp)}; ask for a ${m(yearOne.signOnNeeded)} sign-on to level it`);
  }
  const sideBySide: Brief['offers'] = [
    ...years.map((y) => ({ kind: y.kind, label: y.label, yearOne: y.years[0]?.total ?? null, average: y.annualTotalComp })),
    ...offers.filter((o) => !o.detailed).map((o) => ({ kind: 'competing' as const, label: o.company, yearOne: null, average: o.totalComp })),
  ];

  // The ask in one line, from the same numbers.
  const equityPart = target.annualEquity > 0 ? ` + ${m(target.equity)}/${target.vestingYears}yr ${equityWord(cand.kind)}` : '';
  const bonusPart = target.bonus > 0 ? ` + ${m(target.bonus)} bonus` : '';
  const words = {
    target: `${m(target.base)} base${equityPart}${bonusPart}`,
    annual: m(target.totalComp),
    floor: m(floor.totalComp),
    nonCash: joinNames(nonCash),
    signOn: yearOne && yearOne.signOnToAsk > 0 ? m(yearOne.signOnNeeded) : '',
  };
  const line = fillAskWords(mode === 'at-band-top' ? defaultAskWords.atTop : defaultAskWords.standard, words);
  const levelLine = words.signOn ? fillAskWords(defaultAskWords.levelYearOne, words) : null;

  let summaryOffer: OfferSummary | null = null;
  if (offer && offered) {
    const annualBand = shownBand.equity ? { low: shownBand.equity.annualLow, high: shownBand.equity.annualHigh } : null;
    summaryOffer = {
      ...offer,
      currency: offered.currency,
      conversion: offered.conversion,
      original: offered.original,
      position: {
        base: positionIn(offer.base, shownBand.base, c),
        annualEquity: annualBand ? positionIn(offer.annualEquity, annualBand, c) : null,
        bonus: shownBand.bonus ? positionIn(offer.bonus, shownBand.bonus, c) : null,
        totalComp: positionIn(offer.totalComp, shownBand.totalComp, c, 'the TC band'),
      },
      gaps: gapsOf(target, offer),
      belowFloor: Math.max(0, floor.totalComp - offer.totalComp),
    };
    if (summaryOffer.belowFloor > 0) warnings.push(`the offer (${m(offer.totalComp)} total comp) is below your floor by ${m(summaryOffer.belowFloor)}`);
  }

  const brief: Brief = {
    guide: {
      file: input.guideFile.name,
      sha256: input.guideFile.sha256,
      title: guide.title.text,
      role: guide.title.role,
      company: guide.title.company,
      tags: [...guide.tags],
    },
    candidate: { name: candidate.name, file: input.candidateFile },
    region: band.region,
    currency: band.currency,
    referenceRegion: refBand.region,
    band: shownBand,
    bands: guide.bands.map((b) => briefBand(exactBand(b))),
    target,
    floor,
    ask: { mode, line, levelLine, words, guideTarget, summary, nonCash },
    competing: { offers, best, quoted, raisedTarget, aboveBand, guideRange },
    offer: summaryOffer,
    years,
    yearOne,
    offers: sideBySide,
    email: { subject: '', markdown: '', ask: '', competing: '', signOn: '', lever1: '', lever2: '' },
    levers,
    script: flat,
    scriptSentences: script.sentences,
    levelMapping: guide.levelMapping ? { text: guide.levelMapping.text, equivalents: [...guide.levelMapping.equivalents] } : null,
    sections: guide.sections.map((section) => ({ title: section.title, markdown: section.markdown })),
    sources: [...guide.sources],
    unfilled,
    warnings,
  };
  brief.email = draftEmail(brief, input.emailTemplate);
  return { brief, problems: input.strict ? [...unfilledWarnings] : [] };
}

/** The ask's default words; a template may give its own (front matter `ask:`), with the same {names}. */
export const defaultAskWords = {
  standard: 'Ask for {target} ({annual} a year); walk away below {floor}.',
  atTop: "Ask for {nonCash}: the offer is at or above the band's top in every part. Walk away below {floor}.",
  levelYearOne: 'Ask for a {signOn} sign-on to level year one.',
};

/** "{target}" → the plan's words; an unknown name is left as written (templates are checked when loaded). */
export function fillAskWords(pattern: string, words: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => words[name] ?? whole);
}

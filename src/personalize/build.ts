import type { Band, Guide, StrategyMention } from '../model/guide.js';
import type { Brief, BriefLever, Package, Segment, UnfilledSlot } from '../model/brief.js';
import type { Candidate } from '../model/candidate.js';
import { InputError } from '../errors.js';
import { formatMoney, round1000 } from './money.js';
import {
  briefBand,
  clampFloor,
  exactBand,
  exactTotalComp,
  movePackage,
  moveBetween,
  offerSummary,
  packageAt,
  raiseTarget,
  type ExactBand,
} from './numbers.js';
import { normalize, segmentText, type NumberSpan } from './slots.js';

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

const money = (value: number, currency: string) => formatMoney(value, currency);

function raisedSentence(
  best: { company: string; totalComp: number },
  before: Package,
  after: Package,
  baseAdded: number,
  annualEquityAdded: number,
  band: ExactBand,
  baseTop: number,
): string {
  const c = band.currency;
  const steps: string[] = [];
  if (baseAdded > 0) {
    const top = after.base === baseTop ? ` (the top of the ${band.region} band)` : after.base > baseTop ? ` (above the ${band.region} band: it has no equity to raise)` : '';
    steps.push(`base +${money(baseAdded, c)} to ${money(after.base, c)}${top}`);
  }
  if (annualEquityAdded > 0) {
    steps.push(
      `annual equity +${money(annualEquityAdded, c)} to ${money(after.annualEquity, c)} (${money(after.equity, c)} over ${after.vestingYears} years)`,
    );
  }
  return (
    `The best competing offer (${best.company}, ${money(best.totalComp, c)} total comp) is above the guide's target of ` +
    `${money(before.totalComp, c)}, so the target was raised to meet it at ${money(after.totalComp, c)}: ${steps.join(', then ')}.`
  );
}

interface Competing {
  offers: { company: string; totalComp: number }[];
  best: { company: string; totalComp: number } | null;
}

function competingOf(candidate: Candidate): Competing {
  const offers = candidate.competing.map((offer) => ({ company: offer.company.trim(), totalComp: round1000(offer.totalComp) }));
  let best: Competing['best'] = null;
  for (const offer of offers) if (!best || offer.totalComp > best.totalComp) best = offer;
  return { offers, best: best ? { ...best } : null };
}

/** Number spans of the strategy text, each mention replaced by the candidate's number. */
function scriptNumbers(
  guide: Guide,
  values: Partial<Record<StrategyMention['field'], number>>,
  currency: string,
): NumberSpan[] {
  const strategy = guide.strategy;
  if (!strategy) return [];
  const mentions = [...strategy.mentions].sort((a, b) => a.start - b.start);
  const spans: NumberSpan[] = [];
  for (let index = 0; index < mentions.length; index += 1) {
    const mention = mentions[index] as StrategyMention;
    const value = values[mention.field];
    if (value === undefined) continue;
    const next = mentions[index + 1];
    if (
      mention.field === 'competing.low' &&
      next?.field === 'competing.high' &&
      values['competing.high'] === value &&
      /^\s*(?:-|–|—|to)\s*$/.test(strategy.text.slice(mention.end, next.start))
    ) {
      // One competing offer: "$310K-$330K" becomes "$340K", not "$340K-$340K".
      spans.push({
        start: mention.start,
        end: next.end,
        segment: { type: 'number', text: formatMoney(value, currency, mention.raw, mention.currency), original: strategy.text.slice(mention.start, next.end) },
      });
      index += 1;
      continue;
    }
    spans.push({
      start: mention.start,
      end: mention.end,
      segment: { type: 'number', text: formatMoney(value, currency, mention.raw, mention.currency), original: mention.raw },
    });
  }
  return spans;
}

/** Computes a candidate's brief from a parsed guide. Pure; throws InputError for an unknown region. */
export function buildBrief(input: BuildBriefInput): BuildBriefResult {
  const { guide, candidate } = input;
  const warnings: string[] = [];
  const regionName = input.region ?? candidate.region;
  const band = findBand(guide, regionName);
  const refBand = referenceBand(guide, warnings);
  const cand = exactBand(band);
  const ref = exactBand(refBand);
  const shownBand = briefBand(cand);
  const strategy = guide.strategy;

  // Target and floor, moved from the reference band.
  let target: Package;
  if (strategy?.target) {
    const moved = movePackage(strategy.target, ref, cand, 'target');
    target = moved.package;
    warnings.push(...moved.notes);
  } else {
    target = packageAt(cand, fallbackTargetPosition);
    warnings.push(`the guide's strategy names no target; the target was set at ${fallbackTargetPosition * 100}% of the ${band.region} band`);
  }
  let floor: Package;
  if (strategy?.floor) {
    const moved = movePackage(strategy.floor, ref, cand, 'floor');
    floor = moved.package;
    warnings.push(...moved.notes);
  } else {
    floor = packageAt(cand, fallbackFloorPosition);
    warnings.push(`the guide's strategy names no floor; the floor was set at ${fallbackFloorPosition * 100}% of the ${band.region} band`);
  }

  // Competing offers may raise the target.
  const competing = competingOf(candidate);
  let raisedTarget: string | null = null;
  if (competing.best && competing.best.totalComp > target.totalComp) {
    const raise = raiseTarget(target, competing.best.totalComp, shownBand.base.high, shownBand.equity !== null);
    raisedTarget = raisedSentence(competing.best, target, raise.target, raise.baseAdded, raise.annualEquityAdded, cand, shownBand.base.high);
    target = raise.target;
  }
  const clamped = clampFloor(floor, target);
  if (clamped.clamped) warnings.push('the floor was above the target in some part; it was lowered to the target there');
  floor = clamped.floor;

  const guideRange = strategy?.competing
    ? (() => {
        const from = exactTotalComp(ref);
        const to = exactTotalComp(cand);
        return { low: round1000(moveBetween(strategy.competing.low, from, to)), high: round1000(moveBetween(strategy.competing.high, from, to)) };
      })()
    : null;
  const ownRange =
    competing.offers.length > 0
      ? { low: Math.min(...competing.offers.map((o) => o.totalComp)), high: Math.max(...competing.offers.map((o) => o.totalComp)) }
      : null;
  const scriptRange = ownRange ?? guideRange;

  // The strategy's equity is written over its own vesting period ("$320K/4yr").
  const equityWritten = (pkg: Package, years: number | undefined) =>
    years === undefined || years === pkg.vestingYears || !(years > 0) ? pkg.equity : round1000(pkg.annualEquity * years);
  const values: Partial<Record<StrategyMention['field'], number>> = {
    'target.base': target.base,
    'target.equity': equityWritten(target, strategy?.target?.vestingYears),
    'target.totalComp': target.totalComp,
    'target.bonus': target.bonus,
    'floor.base': floor.base,
    'floor.equity': equityWritten(floor, strategy?.floor?.vestingYears),
    'floor.totalComp': floor.totalComp,
    'floor.bonus': floor.bonus,
  };
  for (const field of ['target.bonus', 'floor.bonus'] as const) {
    const mention = strategy?.mentions.find((m) => m.field === field);
    if (mention && shownBand.bonus === null) {
      warnings.push(
        `the strategy names a ${field.split('.')[0]} bonus (${mention.raw}) but the ${band.region} band has none; the script says ${formatMoney(0, cand.currency, mention.raw, mention.currency)}: reword it before use`,
      );
    }
  }
  if (scriptRange) {
    values['competing.low'] = scriptRange.low;
    values['competing.high'] = scriptRange.high;
  }

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
  const script = strategy ? segmentText(strategy.text, strategy.placeholders, candidate, scriptNumbers(guide, values, cand.currency)) : [];
  if (strategy) collect(script, 'strategy', strategy.position.line);
  else warnings.push("the guide has no strategy; the brief's script is empty");
  warnings.push(...unfilledWarnings);

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
    competing: { offers: competing.offers, best: competing.best, raisedTarget, guideRange },
    offer: candidate.offer ? offerSummary(candidate.offer, shownBand, target) : null,
    levers,
    script,
    levelMapping: guide.levelMapping ? { text: guide.levelMapping.text, equivalents: [...guide.levelMapping.equivalents] } : null,
    sections: guide.sections.map((section) => ({ title: section.title, markdown: section.markdown })),
    sources: [...guide.sources],
    unfilled,
    warnings,
  };
  return { brief, problems: input.strict ? [...unfilledWarnings] : [] };
}

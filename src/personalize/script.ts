import type { AskMode, CompetingEntry, Package, Segment } from '../model/brief.js';
import type { Candidate } from '../model/candidate.js';
import type { Strategy, StrategyMention } from '../model/guide.js';
import { formatBriefMoney } from '../money.js';
import { findAmounts } from '../parse/money.js';
import type { OfferParts } from './negotiate.js';
import { joinNames, segmentText } from './slots.js';

/**
 * The script: what the candidate says, one sentence per entry. Every sentence with a number is
 * written here from the plan (the same numbers as the tables); the guide's sentences are kept only
 * when they hold no amount. The guide's own lead-in of a target or floor sentence ("With my active
 * [TS/SCI] clearance, my target for Scale is") is kept; the numbers after it are generated.
 */

export type SentenceKind = 'competing' | 'target' | 'floor' | 'above-band' | 'sign-on' | 'guide';

export interface ScriptSentence {
  kind: SentenceKind;
  segments: Segment[];
}

export interface ScriptInput {
  strategy: Strategy | null;
  candidate: Candidate;
  currency: string;
  mode: AskMode;
  target: Package;
  floor: Package;
  offer: OfferParts | null;
  /** Competing offers to quote: leverage only, best first, at most three. */
  quoted: CompetingEntry[];
  aboveBand: number;
  /** "equity", "options" or "RSUs", by the band's equity kind. */
  equityWord: string;
  /** True when the band has equity at all. */
  hasEquity: boolean;
  /** Non-cash asks (sign-on, level review, refresher). */
  nonCash: string[];
  /** The first equivalent level of the guide's mapping (for the above-band sentence), if any. */
  nextLevel: string | null;
  /** The guide's target TC moved to the region (said plainly when the offer already meets it). */
  guideTargetTotal: number;
}

export interface Script {
  sentences: ScriptSentence[];
  warnings: string[];
}

/** Sentence spans of `text`: each ends at ".", "!" or "?" (with a closing quote) before white space or the end. */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  // A semicolon ends a clause that the script rewrites as its own sentence ("...$308K; my floor is ...").
  const pattern = /[.!?;]["”’)]*(?=\s|$)/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    // "$1.2M" and "e.g." have no white space after their dot inside a sentence; "Inc. " would split, harmlessly.
    if (text.slice(start, end).trim() !== '') spans.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim() !== '') spans.push({ start, end: text.length });
  // A span ending in ";" is closed with a full stop when it is written; the guide's text there is not kept.
  return spans.map(({ start: s, end: e }) => {
    while (s < e && /\s/.test(text[s] as string)) s += 1;
    return { start: s, end: e };
  });
}

const text = (value: string): Segment => ({ type: 'text', text: value });
const num = (value: number, currency: string, field: string): Segment => ({ type: 'number', text: formatBriefMoney(value, currency), field });

/** Equity as the script says it: "$320K/4yr equity". */
function equityClause(pkg: Package, currency: string, word: string, field: string): Segment[] {
  return [num(pkg.equity, currency, `${field}.equity`), text(`/${pkg.vestingYears}yr ${word}`)];
}

/** "A", "A and B", "A, B and C" over segment lists. */
function joinSegments(parts: Segment[][]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((part, index) => {
    if (index > 0) out.push(text(index === parts.length - 1 ? ' and ' : ', '));
    out.push(...part);
  });
  return out;
}

/** Merges adjacent text segments (the renderer and the tests read them whole). */
function merged(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    const last = out.at(-1);
    if (segment.type === 'text' && last?.type === 'text') last.text += segment.text;
    else if (segment.type !== 'text' || segment.text !== '') out.push(segment.type === 'text' ? { ...segment } : segment);
  }
  return out;
}

function competingSentence(input: ScriptInput): ScriptSentence | null {
  const { quoted, currency } = input;
  if (quoted.length === 0) return null;
  const one = (entry: CompetingEntry, index: number): Segment[] => {
    const parts: Segment[] = [text(`${entry.company} at `)];
    if (entry.conversion) {
      parts.push(num(entry.originalTotalComp, entry.currency, `competing.quoted[${index}].originalTotalComp`), text(' (≈ '));
      parts.push(num(entry.totalComp, currency, `competing.quoted[${index}].totalComp`), text(')'));
    } else parts.push(num(entry.totalComp, currency, `competing.quoted[${index}].totalComp`));
    return parts;
  };
  const lead = quoted.length === 1 ? "I have an offer from " : "I'm evaluating offers from ";
  return { kind: 'competing', segments: merged([text(lead), ...joinSegments(quoted.map(one)), text(' in total comp.')]) };
}

/** The guide's words before the first number of a sentence, when they are plain words (no amount). */
function leadOf(strategy: Strategy, span: { start: number; end: number }, mentions: StrategyMention[]): string | null {
  const first = mentions[0];
  if (!first) return null;
  let lead = strategy.text.slice(span.start, first.start).replace(/^["“]/, '');
  // A clause after a semicolon becomes a sentence: "my floor is" → "My floor is".
  lead = lead.charAt(0).toUpperCase() + lead.slice(1);
  if (lead.trim() === '' || lead.length > 160 || findAmounts(lead).length > 0) return null;
  // The lead must end where a number can follow: "... is ", "... aiming for ", "...: ".
  if (!/[\p{L}:]\s+$/u.test(lead)) return null;
  return lead;
}

/**
 * "$239K base with $320K/4yr equity and a $30K bonus": the package's non-zero parts (a zero part is
 * left out, never said as "$0"), each with a note when `note` gives one.
 */
function packageClause(pkg: Package, input: ScriptInput, field: 'target' | 'floor', note: (part: 'base' | 'annualEquity' | 'bonus') => string = () => ''): Segment[] {
  const { currency } = input;
  const clauses: Segment[][] = [];
  if (pkg.base > 0) clauses.push([num(pkg.base, currency, `${field}.base`), text(` base${note('base')}`)]);
  if (pkg.annualEquity > 0) clauses.push([...equityClause(pkg, currency, input.equityWord, field), text(note('annualEquity'))]);
  if (pkg.bonus > 0) clauses.push([text('a '), num(pkg.bonus, currency, `${field}.bonus`), text(` bonus${note('bonus')}`)]);
  const out: Segment[] = [];
  clauses.forEach((clause, index) => {
    if (index > 0) out.push(text(index === 1 ? ' with ' : ' and '));
    out.push(...clause);
  });
  return out;
}

function targetSegments(input: ScriptInput, lead: Segment[]): Segment[] {
  const { target, currency, offer, mode } = input;
  const asOffered = (part: 'base' | 'annualEquity' | 'bonus') => offer !== null && mode === 'meets-target' && target[part] === offer[part];
  const raisedToTop = (part: 'base' | 'annualEquity' | 'bonus') => offer !== null && mode === 'meets-target' && target[part] > offer[part];
  const note = (part: 'base' | 'annualEquity' | 'bonus') => (asOffered(part) ? ' (as offered)' : raisedToTop(part) ? " (the band's top)" : '');
  const clause = packageClause(target, input, 'target', note);
  const parts: Segment[] = [...lead, ...clause];
  parts.push(text(clause.length > 0 ? ', putting my total comp at ' : 'a total comp of '), num(target.totalComp, currency, 'target.totalComp'));
  if (offer && offer.signOn > 0) parts.push(text(', with the '), num(offer.signOn, currency, 'offer.signOn'), text(' sign-on on top'));
  parts.push(text('.'));
  return parts;
}

function targetSentence(input: ScriptInput, lead: Segment[] | null): ScriptSentence {
  if (input.mode === 'at-band-top') {
    const asks = input.nonCash.length > 0 ? joinNames(input.nonCash) : 'the non-cash parts of the offer';
    return {
      kind: 'target',
      segments: [text(`The offer is already at or above the top of this band in every part, so rather than more base or ${input.hasEquity ? input.equityWord : 'bonus'}, I'd like to discuss ${asks}.`)],
    };
  }
  // A guide whose target extrapolates to nothing gives no number worth saying (never "$0").
  if (input.target.totalComp <= 0) return { kind: 'target', segments: [text("I'd like to discuss where in this band the offer should sit.")] };
  return { kind: 'target', segments: merged(targetSegments(input, lead ?? [text('My target is ')])) };
}

function floorSentence(input: ScriptInput, lead: Segment[] | null): ScriptSentence | null {
  const { floor, currency } = input;
  if (floor.totalComp <= 0) return null;
  const clause = packageClause(floor, input, 'floor');
  const parts: Segment[] = [...(lead ?? [text('My walk-away floor is ')]), ...clause];
  parts.push(text(clause.length > 0 ? ', a total comp of ' : 'a total comp of '), num(floor.totalComp, currency, 'floor.totalComp'), text('.'));
  return { kind: 'floor', segments: merged(parts) };
}

function aboveBandSentence(input: ScriptInput): ScriptSentence | null {
  const best = input.quoted[0];
  if (input.aboveBand <= 0 || !best) return null;
  const level = input.nextLevel ? `a level above this one (it is levelled like ${input.nextLevel})` : 'a level above this one';
  return {
    kind: 'above-band',
    segments: merged([
      text(`My offer from ${best.company} is `),
      num(input.aboveBand, input.currency, 'competing.aboveBand'),
      text(` a year above what this band pays, so I'd like to discuss ${level} or a sign-on bonus to close the difference.`),
    ]),
  };
}

/** Which plan numbers a guide sentence is about, by the mentions inside it. */
function kindOf(mentions: StrategyMention[]): SentenceKind | null {
  if (mentions.some((m) => m.field.startsWith('target.'))) return 'target';
  if (mentions.some((m) => m.field.startsWith('floor.'))) return 'floor';
  if (mentions.some((m) => m.field.startsWith('competing.'))) return 'competing';
  return null;
}

/** Writes the script from the plan, in the order of the guide's strategy. */
export function writeScript(input: ScriptInput): Script {
  const warnings: string[] = [];
  const sentences: ScriptSentence[] = [];
  const { strategy, candidate } = input;
  const slotted = (value: string): Segment[] => (strategy ? segmentText(value, strategy.placeholders, candidate) : [text(value)]);
  let sawTarget = false;
  let sawCompeting = false;

  const pushTarget = (lead: Segment[] | null) => {
    sawTarget = true;
    if (!sawCompeting) {
      sawCompeting = true;
      const competing = competingSentence(input);
      if (competing) sentences.push(competing);
    }
    if (input.mode === 'meets-target' && input.guideTargetTotal > 0) {
      sentences.push({
        kind: 'target',
        segments: merged([
          text('The offer already meets the '),
          num(input.guideTargetTotal, input.currency, 'ask.guideTarget.totalComp'),
          text(' I was aiming for, so what I ask for is the top of the band where the offer is not there yet.'),
        ]),
      });
    }
    sentences.push(targetSentence(input, lead));
    const above = aboveBandSentence(input);
    if (above) sentences.push(above);
  };

  if (strategy) {
    // The quotes around the strategy are the renderer's to draw.
    const body = strategy.text;
    for (const span of sentenceSpans(body)) {
      const inside = strategy.mentions.filter((m) => m.start >= span.start && m.end <= span.end).sort((a, b) => a.start - b.start);
      const raw = body.slice(span.start, span.end).replace(/^["“]/, '').replace(/["”]$/, '');
      const kind = kindOf(inside);
      if (kind === 'competing') {
        if (sawCompeting) continue;
        sawCompeting = true;
        const competing = competingSentence(input);
        if (competing) sentences.push(competing);
      } else if (kind === 'target') {
        const lead = leadOf(strategy, span, inside);
        pushTarget(lead === null ? null : slotted(lead));
      } else if (kind === 'floor') {
        const lead = leadOf(strategy, span, inside);
        const floor = floorSentence(input, lead === null ? null : slotted(lead));
        if (floor) sentences.push(floor);
      } else if (findAmounts(raw).length > 0) {
        warnings.push(`a sentence of the strategy quotes amounts offerbrief cannot recompute for the candidate, so it was left out of the script: "${raw.trim()}"`);
      } else if (raw.trim() !== '') {
        const kept = raw.trim().replace(/;$/, '.');
        sentences.push({ kind: 'guide', segments: slotted(kept.charAt(0).toUpperCase() + kept.slice(1)) });
      }
    }
  }
  if (!sawTarget) pushTarget(null);
  return { sentences, warnings };
}

/** The sentences as one run of segments, separated by spaces. */
export function flattenScript(sentences: readonly ScriptSentence[]): Segment[] {
  const out: Segment[] = [];
  sentences.forEach((sentence, index) => {
    if (index > 0) out.push(text(' '));
    out.push(...sentence.segments);
  });
  return merged(out);
}

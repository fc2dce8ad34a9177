import type { Range, StrategyField, StrategyMention, StrategyPackage } from '../model/guide.js';
import { findAmounts, type Amount } from './money.js';

type Role = 'base' | 'equity' | 'totalComp' | 'bonus';
type Goal = 'target' | 'floor' | 'competing';

const vestingAfter = /^\s*\/\s*(\d+(?:\.\d+)?)\s*-?\s*(?:yrs?|years?|y)\b/i;
const after: ReadonlyArray<readonly [Role, RegExp]> = [
  ['base', /^\s*(?:in\s+|of\s+)?(?:annual\s+)?(?:base|salary)\b/i],
  ['equity', /^\s*(?:in\s+|of\s+)?(?:(?:pre-ipo|rsu|stock|option)\s+)?(?:equity|rsus?|stock|options|shares|grant)\b/i],
  ['totalComp', /^\s*(?:in\s+)?(?:tc|total comp(?:ensation)?|all-in|in total)\b/i],
  ['bonus', /^\s*(?:in\s+|of\s+)?(?:annual\s+|target\s+|signing\s+)?bonus\b/i],
];
const before: ReadonlyArray<readonly [Role, RegExp]> = [
  ['totalComp', /(?:\btc|total comp(?:ensation)?|\btotal)\s*(?:would be|will be|of|at|is|to|around|near|=|:)?\s*(?:about|roughly|~)?\s*$/i],
  ['base', /\bbase(?:\s+salary)?\s*(?:of|at|is|to|around|=|:)?\s*$/i],
  ['equity', /\b(?:equity|rsus?|grant)\s*(?:of|at|is|to|around|=|:)?\s*$/i],
  ['bonus', /\bbonus\s*(?:of|at|is|to|=|:)?\s*$/i],
];
const floorWords = /\bfloor\b|walk[- ]?away|accept[- ]at|\bminimum\b|bottom[- ]line|\blowest\b|\breservation\b/gi;
const targetWords = /\btarget\b|\baim(?:ing)?\b|\bgoal\b|\bask(?:ing)?\s+(?:for|is)\b/gi;
const competingWords = /\boffers?\b|\bcompeting\b|\bevaluating\b|\binterviewing\b|\bmarket\b/i;

export interface StrategyNumbers {
  target: StrategyPackage | null;
  floor: StrategyPackage | null;
  competing: Range | null;
  currency: string | null;
  mentions: Array<Omit<StrategyMention, 'position'>>;
}

/** Sentence bounds: ends at . ! ? followed by space/quote, but not inside "$1.2M". */
function sentenceOf(text: string, offset: number): [number, number] {
  const enders = /[.!?]["”']?(?=\s|$)/g;
  let start = 0;
  for (const m of text.matchAll(enders)) {
    const end = m.index + m[0].length;
    if (end > offset) return [start, end];
    start = end;
  }
  return [start, text.length];
}

/** The goal a number serves: the nearest goal word before it in its sentence (else after it). */
function goalOf(text: string, offset: number): Goal | null {
  const [start, end] = sentenceOf(text, offset);
  const sentence = text.slice(start, end);
  const at = offset - start;
  let best: { goal: Goal; distance: number } | null = null;
  for (const [goal, words] of [['target', targetWords], ['floor', floorWords]] as const) {
    for (const m of sentence.matchAll(words)) {
      const distance = m.index <= at ? at - m.index : (m.index - at) * 4; // prefer words before the number
      if (!best || distance < best.distance) best = { goal, distance };
    }
  }
  if (best) return best.goal;
  return competingWords.test(sentence) ? 'competing' : null;
}

function roleOf(text: string, a: Amount): { role: Role; vestingYears: number | null } | null {
  const rest = text.slice(a.end, a.end + 60);
  const vesting = vestingAfter.exec(rest);
  if (vesting) return { role: 'equity', vestingYears: Number(vesting[1]) };
  for (const [role, pattern] of after) if (pattern.test(rest)) return { role, vestingYears: null };
  const head = text.slice(Math.max(0, a.start - 40), a.start);
  for (const [role, pattern] of before) if (pattern.test(head)) return { role, vestingYears: null };
  return null;
}

/**
 * Reads the target, floor and competing numbers from the strategy's prose:
 * "my target … is $228K base with $320K/4yr equity, putting my TC at $308K".
 */
export function readStrategyNumbers(text: string, defaultVestingYears: number): StrategyNumbers {
  const amounts = findAmounts(text);
  const mentions: StrategyNumbers['mentions'] = [];
  const packages: Record<'target' | 'floor', Partial<Record<Role, Amount>> & { vestingYears?: number }> = { target: {}, floor: {} };
  let competing: Range | null = null;

  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i]!;
    const next = amounts[i + 1];
    const goal = goalOf(text, a.start);
    // A range "$310K-$330K": competing offers (or a range the strategy quotes).
    if (next && /^\s*(?:-|–|—|to)\s*$/.test(text.slice(a.end, next.start))) {
      i++;
      if (goal !== 'target' && goal !== 'floor' && competing === null) {
        competing = { low: a.value, high: next.value };
        mentions.push(mention('competing.low', text, a), mention('competing.high', text, next));
      }
      continue;
    }
    if (goal !== 'target' && goal !== 'floor') continue;
    const role = roleOf(text, a);
    if (!role || packages[goal][role.role]) continue;
    packages[goal][role.role] = a;
    if (role.vestingYears !== null) packages[goal].vestingYears = role.vestingYears;
    mentions.push(mention(`${goal}.${role.role}` as StrategyField, text, a));
  }

  const build = (p: (typeof packages)['target']): StrategyPackage | null =>
    p.base === undefined
      ? null
      : {
          base: p.base.value,
          equity: p.equity?.value ?? 0,
          vestingYears: p.vestingYears ?? defaultVestingYears,
          bonus: p.bonus?.value ?? null,
          totalComp: p.totalComp?.value ?? null,
        };
  mentions.sort((x, y) => x.start - y.start);
  return {
    target: build(packages.target),
    floor: build(packages.floor),
    competing,
    currency: amounts.find((a) => a.currency)?.currency ?? null,
    mentions,
  };
}

function mention(field: StrategyField, text: string, a: Amount): StrategyNumbers['mentions'][number] {
  return { field, raw: text.slice(a.start, a.end), value: a.value, currency: a.currency ?? '', start: a.start, end: a.end };
}

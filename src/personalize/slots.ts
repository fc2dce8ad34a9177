import { detailedTotalComp } from './years.js';
import type { Placeholder } from '../model/guide.js';
import type { Segment } from '../model/brief.js';
import type { Candidate } from '../model/candidate.js';

/** Case- and whitespace-insensitive form used to compare slot choices, facts, regions and companies. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').trim();
}

/** Every run of adjacent choices joined by "/" (`TS`, `TS/SCI`, `TS/SCI/Secret`, `SCI`, ...), as written. */
export function choiceRuns(choices: readonly string[]): string[] {
  const runs: string[] = [];
  for (let start = 0; start < choices.length; start += 1) {
    for (let end = start + 1; end <= choices.length; end += 1) {
      const run = choices.slice(start, end);
      if (run.some((choice) => choice.trim() === '')) break;
      runs.push(run.join('/'));
    }
  }
  return runs;
}

function sameCompany(choice: string, company: string): boolean {
  const a = normalize(choice);
  const b = normalize(company);
  if (a === '' || b === '') return false;
  return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export type SlotSegment = Extract<Segment, { type: 'slot' }>;

/**
 * Fills one slot. Order: the profile's `slots[text]` (an explicit answer for this slot), then the
 * first fact equal to a run of adjacent choices (the guide's spelling of the run is kept), then —
 * when a choice names one of the competing offers' companies — those companies.
 */
export function fillSlot(slot: { text: string; choices: readonly string[] }, candidate: Candidate): SlotSegment {
  const wanted = normalize(slot.text);
  for (const [key, value] of Object.entries(candidate.slots)) {
    if (normalize(key) === wanted) return { type: 'slot', slot: slot.text, value, source: 'slots' };
  }
  const runs = choiceRuns(slot.choices);
  for (const fact of candidate.facts) {
    const normalFact = normalize(fact);
    const run = runs.find((candidateRun) => normalize(candidateRun) === normalFact);
    if (run !== undefined) return { type: 'slot', slot: slot.text, value: run.trim(), source: 'fact' };
  }
  const companies = [...candidate.competing]
    .map((offer, index) => ({ offer, index }))
    .sort((a, b) => detailedTotalComp(b.offer, 4) - detailedTotalComp(a.offer, 4) || a.index - b.index)
    .filter(({ offer }) => slot.choices.some((choice) => sameCompany(choice, offer.company)))
    .map(({ offer }) => offer.company.trim());
  const unique = [...new Set(companies)];
  if (unique.length > 0) return { type: 'slot', slot: slot.text, value: joinNames(unique), source: 'competing' };
  return { type: 'slot', slot: slot.text, value: null, source: 'none' };
}

/** A span of text to be replaced by a number segment (from the strategy's mentions). */
export interface NumberSpan {
  start: number;
  end: number;
  segment: Extract<Segment, { type: 'number' }>;
}

/** Where each closed placeholder's `[text]` occurs in `text` (outside the given spans). */
function placeholderSpans(text: string, placeholders: readonly Placeholder[], taken: readonly { start: number; end: number }[]) {
  const known = new Map<string, Placeholder>();
  for (const placeholder of placeholders) if (placeholder.closed) known.set(placeholder.text, placeholder);
  const spans: { start: number; end: number; placeholder: Placeholder }[] = [];
  const pattern = /\[([^[\]\n]*)\](?!\()/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const placeholder = known.get(match[1] ?? '');
    const start = match.index;
    const end = start + match[0].length;
    if (!placeholder || taken.some((span) => span.start < end && start < span.end)) continue;
    spans.push({ start, end, placeholder });
  }
  return spans;
}

/** Splits `text` into text, slot and number segments; consecutive text is merged. */
export function segmentText(
  text: string,
  placeholders: readonly Placeholder[],
  candidate: Candidate,
  numbers: readonly NumberSpan[] = [],
): Segment[] {
  const slots = placeholderSpans(text, placeholders, numbers).map((span) => ({
    start: span.start,
    end: span.end,
    segment: fillSlot(span.placeholder, candidate) as Segment,
  }));
  const spans = [...numbers, ...slots].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  const pushText = (chunk: string) => {
    if (chunk === '') return;
    const last = segments.at(-1);
    if (last?.type === 'text') last.text += chunk;
    else segments.push({ type: 'text', text: chunk });
  };
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    pushText(text.slice(cursor, span.start));
    segments.push(span.segment);
    cursor = span.end;
  }
  pushText(text.slice(cursor));
  return segments;
}

/**
 * Fixes, ESLint-shaped: a message that knows its one right answer carries
 * `fix: { range: [start, end], text }` — replace the characters from `start`
 * to `end` (UTF-16 offsets into the guide's text, after a byte order mark, as
 * ESLint counts them) with `text`. Fixes touch only the digits (or amounts)
 * concerned, so a cell keeps its written form: currency, K/M suffix, dash,
 * spacing, thousands commas.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Position } from '../model/guide.js';
import { beyondTolerance, type Tolerance } from './rule.js';
import { roundToStep, writtenStep } from './money.js';

export interface Fix {
  /** Start and end (exclusive) offsets into the text. */
  range: [number, number];
  /** What replaces them. */
  text: string;
}

/** Offsets of line starts of a file's text, computed once per file and only when a rule builds a fix. */
const lineStarts = new WeakMap<VFile, number[]>();

function startsOf(file: VFile): number[] {
  let starts = lineStarts.get(file);
  if (!starts) {
    const text = String(file.value ?? '');
    starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(file, starts);
  }
  return starts;
}

/** The text a position covers, with its offsets, or null when the file holds no such place. */
export function sourceAt(file: VFile, position: Position): { start: number; end: number; text: string } | null {
  const text = String(file.value ?? '');
  const starts = startsOf(file);
  const a = starts[position.line - 1];
  const b = starts[position.endLine - 1];
  if (a === undefined || b === undefined) return null;
  const start = a + position.column - 1;
  const end = b + position.endColumn - 1;
  if (start < 0 || end < start || end > text.length) return null;
  return { start, end, text: text.slice(start, end) };
}

/** Sets a message's fix (plain data: it crosses threads and goes into JSON and SARIF). */
export function attachFix(message: VFileMessage, fix: Fix | null): void {
  if (fix) (message as VFileMessage & { fix?: Fix }).fix = fix;
}

/** The fix a message carries, if any. */
export function fixOf(message: VFileMessage): Fix | undefined {
  return (message as VFileMessage & { fix?: Fix }).fix;
}

/** One number as written in a cell or sentence. */
export interface WrittenNumber {
  /** Offsets of the amount (currency, number, suffix) in the text read. */
  start: number;
  end: number;
  /** Offsets of the number's digits alone. */
  numberStart: number;
  numberEnd: number;
  digits: string;
  /** 1, 1e3, 1e6 or 1e9 as the suffix says; 1 without one. */
  scale: number;
  hasSuffix: boolean;
}

const scales: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };
const numberPattern =
  /(?:US\$|CA\$|AU\$|NZ\$|HK\$|SG\$|MX\$|R\$|C\$|A\$|S\$|\$|£|€|¥|₹|₩|₪|₺|Fr\.|[A-Z]{3}\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(\s?)([kK]|[mM]{1,2}|[bB]n?)(?![A-Za-z]))?/gu;

/** The numbers written in `text` (a cell or a strategy amount), in order. */
export function writtenNumbers(text: string): WrittenNumber[] {
  const out: WrittenNumber[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const digits = match[1]!;
    const numberStart = match.index + match[0].indexOf(digits);
    const suffix = match[3];
    out.push({
      start: match.index,
      end: match.index + match[0].length,
      numberStart,
      numberEnd: numberStart + digits.length,
      digits,
      scale: suffix ? scales[suffix.toLowerCase()]! : 1,
      hasSuffix: suffix !== undefined,
    });
  }
  return out;
}

/** A written number's value in currency units (`188` of "$188-235K" is 188,000: the suffix written once counts for both). */
export function valueOf(number: WrittenNumber, scale = number.scale): number {
  return Math.round(Number(number.digits.replace(/,/g, '')) * scale * 100) / 100;
}

/** `value / scale` written like `like`: thousands commas if it has them, its decimals if they end in 0, else as few as needed. */
export function writeLike(value: number, scale: number, like: string): string | null {
  const n = value / scale;
  let decimals = -1;
  for (let d = 0; d <= 6; d++) {
    if (Math.abs(Number(n.toFixed(d)) - n) < 1e-9 * Math.max(1, Math.abs(n))) {
      decimals = d;
      break;
    }
  }
  if (decimals === -1 || n < 0) return null;
  const written = /\.(\d+)$/.exec(like)?.[1];
  if (written?.endsWith('0')) decimals = Math.max(decimals, written.length);
  let [whole, fraction] = n.toFixed(decimals).split('.') as [string, string | undefined];
  if (like.includes(',')) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The value to write for `expected`: at the precision the guide writes
 * `stated` (whole thousands for "$352K"), finer only when the tolerance asks
 * for it; null when no written value is within the tolerance.
 */
export function valueToWrite(expected: number, stated: number, tolerance: Tolerance): number | null {
  for (let step = writtenStep(stated); step >= 0.01; step /= 10) {
    const value = Math.round(roundToStep(expected, step) * 100) / 100;
    if (!beyondTolerance(value, expected, tolerance)) return value;
  }
  return null;
}

/**
 * A fix that rewrites one number of the text at `position` (the `index`th
 * of `count` numbers there) to `value`, keeping everything around its digits.
 * Null when the source does not read as expected (markup, escapes) or when
 * nothing would change.
 */
export function rewriteNumber(
  file: VFile,
  position: Position,
  index: number,
  count: number,
  stated: number,
  value: number,
): Fix | null {
  const at = sourceAt(file, position);
  if (!at) return null;
  const numbers = writtenNumbers(at.text);
  if (numbers.length !== count) return null;
  const number = numbers[index]!;
  // "$188-235K": the low end's digits are thousands, like the high end's.
  const last = numbers[count - 1]!;
  const scale = number.hasSuffix || !last.hasSuffix ? number.scale : last.scale;
  if (Math.abs(valueOf(number, scale) - stated) > 0.005) return null;
  const text = writeLike(value, scale, number.digits);
  if (text === null || text === number.digits) return null;
  return { range: [at.start + number.numberStart, at.start + number.numberEnd], text };
}

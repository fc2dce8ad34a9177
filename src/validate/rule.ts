import type { VFile } from 'vfile';
import type { Guide, Position } from '../model/guide.js';

/** Where every rule is documented: one section per rule, the anchor is the rule id. */
export const RULES_DOCS_URL = 'https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md';

/** The documentation address of a rule (or of a parser check). */
export function ruleUrl(id: string): string {
  return `${RULES_DOCS_URL}#${id}`;
}

/** How a rule's findings count: `error` fails the lint, `warn` does not, `off` drops them. */
export type Severity = 'off' | 'warn' | 'error';

/** Largest difference between a stated and a computed total that is not reported: max(absolute, relative × expected). */
export interface Tolerance {
  /** In currency units (1000 = $1K). */
  absolute: number;
  /** A fraction of the expected value (0.005 = 0.5%). */
  relative: number;
}

export const defaultTolerance: Tolerance = Object.freeze({ absolute: 1000, relative: 0.005 });

export interface RuleMeta {
  id: string;
  url: string;
  /** Default severity. */
  severity: Exclude<Severity, 'off'>;
  /** One line: what the rule checks. */
  description: string;
  /** Whether its messages can carry a fix (`lint --fix` applies them). */
  fixable?: boolean;
}

export interface RuleContext {
  tolerance: Tolerance;
  /** The day guides are judged on (YYYY-MM-DD), for `sources-stale`; undefined: age is not judged (an undated brief must not change with the clock). */
  date: string | undefined;
  /** How old the newest source may be, in months. */
  maxAgeMonths: number;
}

export interface Rule {
  meta: RuleMeta;
  check(guide: Guide, file: VFile, context: RuleContext): void;
}

/** A model position as a unist position, for `file.message({place})`. */
export function toPlace(position: Position | null | undefined) {
  if (!position) return undefined;
  return {
    start: { line: position.line, column: position.column },
    end: { line: position.endLine, column: position.endColumn },
  };
}

/** Adds one finding of `meta`'s rule to `file`, at `position` (the start of the file when null). */
export function report(file: VFile, meta: RuleMeta, reason: string, position: Position | null | undefined) {
  const message = file.message(reason, {
    place: toPlace(position) ?? { line: 1, column: 1 },
    ruleId: meta.id,
    source: 'offerbrief',
  });
  message.fatal = meta.severity === 'error';
  message.url = meta.url;
  return message;
}

/** Whether `actual` is further from `expected` than the tolerance allows. */
export function beyondTolerance(actual: number, expected: number, tolerance: Tolerance): boolean {
  const allowed = Math.max(tolerance.absolute, tolerance.relative * Math.abs(expected));
  // A hair of slack for binary floating point (e.g. 0.1 + 0.2).
  return Math.abs(actual - expected) > allowed + 1e-9;
}

import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Guide } from '../model/guide.js';
import { parseGuide } from '../parse/index.js';
import { rules } from './registry.js';
import { applyControls } from './controls.js';
import { DEFAULT_MAX_AGE_MONTHS } from './rules/sources-stale.js';
import { defaultTolerance, ruleUrl, type Severity, type Tolerance } from './rule.js';

export { rules, parserChecks, allRuleMeta, ruleIds, findRuleMeta } from './registry.js';
export { defaultTolerance, ruleUrl, RULES_DOCS_URL, type Rule, type RuleMeta, type Severity, type Tolerance } from './rule.js';
export { formatMoney, formatMoneyRange, formatPercent, currencyPrefix } from './money.js';

export interface ValidateOptions {
  /** Severity per rule id (rules and the parser's own checks); unlisted ids keep their default. */
  rules?: Record<string, Severity>;
  /** Defaults to 1,000 units or 0.5%, whichever is larger. */
  tolerance?: Partial<Tolerance>;
  /** The day `sources-stale` judges age on, YYYY-MM-DD; without one, age is not judged (`lint` passes today). */
  date?: string;
  /** How old the newest source may be, in months (default 18). */
  maxAgeMonths?: number;
}

/** Rule id of the message added when a rule or the parser fails on an input (a bug of ours). */
export const INTERNAL_ERROR = 'internal-error';

/** Orders messages by line, column, then rule id (messages without a place first). */
export function compareMessages(a: VFileMessage, b: VFileMessage): number {
  return (
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.ruleId ?? '').localeCompare(b.ruleId ?? '', 'en') ||
    0
  );
}

/**
 * Runs every rule of the registry on a parsed guide, adding messages to
 * `file`, then applies the configured severities to all of the file's
 * messages (the parser's too, by rule id): `off` drops them, `warn` and
 * `error` set `fatal`, and the guide's control comments
 * (`<!-- offerbrief-disable tc-mismatch -->`) drop what they switch off.
 * Messages end sorted by line, column, rule id.
 * Never throws on content.
 */
export function validateGuide(guide: Guide, file: VFile, options: ValidateOptions = {}): VFile {
  const tolerance: Tolerance = { ...defaultTolerance, ...stripUndefined(options.tolerance ?? {}) };
  const severities = options.rules ?? {};
  const context = {
    tolerance,
    date: options.date,
    maxAgeMonths: options.maxAgeMonths ?? DEFAULT_MAX_AGE_MONTHS,
  };
  for (const rule of rules) {
    if (severities[rule.meta.id] === 'off') continue;
    try {
      rule.check(guide, file, context);
    } catch (error) {
      const message = file.message(`Unexpected internal error in rule ${rule.meta.id}: ${(error as Error)?.message ?? String(error)}, expected none; please report this with the guide`, {
        place: { line: 1, column: 1 },
        ruleId: INTERNAL_ERROR,
        source: 'offerbrief',
      });
      message.fatal = true;
      message.url = ruleUrl(INTERNAL_ERROR);
    }
  }
  applySeverities(file, severities);
  applyControls(file);
  file.messages.sort(compareMessages);
  return file;
}

/** Drops messages whose rule is `off`, and sets `fatal` for rules set to `warn`/`error`. */
export function applySeverities(file: VFile, severities: Record<string, Severity>): void {
  const kept = file.messages.filter((message) => {
    const severity = message.ruleId ? severities[message.ruleId] : undefined;
    if (severity === 'off') return false;
    if (severity === 'warn') message.fatal = false;
    if (severity === 'error') message.fatal = true;
    return true;
  });
  file.messages.length = 0;
  file.messages.push(...kept);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}


export interface LintSourceOptions extends ValidateOptions {
  path?: string;
  maxBytes?: number;
}

/** Parses and validates one guide's source. Never throws on content. */
export function lintGuideSource(input: string | Uint8Array, options: LintSourceOptions = {}): { guide: Guide; file: VFile } {
  const { path, maxBytes, ...validate } = options;
  const parsed = parseGuide(input, { ...(path !== undefined ? { path } : {}), ...(maxBytes !== undefined ? { maxBytes } : {}) });
  validateGuide(parsed.guide, parsed.file, validate);
  return parsed;
}

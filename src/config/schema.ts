import { z } from 'zod';
import { UsageError } from '../errors.js';
import { ruleIds } from '../validate/registry.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { parseTolerance } from './tolerance.js';

export const SeverityName = z.enum(['off', 'warn', 'error'], {
  error: (issue) => `expected "off", "warn" or "error", got ${JSON.stringify(issue.input)}`,
});
export type SeverityName = z.infer<typeof SeverityName>;

export const ToleranceObject = z.strictObject({
  absolute: z.number({ error: 'expected a number of currency units, like 1000' }).min(0, 'expected 0 or more').optional(),
  relative: z.number({ error: 'expected a fraction, like 0.005 for 0.5%' }).min(0, 'expected 0 or more').max(1, 'expected a fraction at most 1 (0.005 is 0.5%)').optional(),
});

/** A string like "1000,0.5%", or {absolute, relative}; issues inside the object keep their own path and message. */
export const ToleranceConfig = z.unknown().transform((value, ctx): string | z.infer<typeof ToleranceObject> => {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected a string like "1000,0.5%" or an object like {"absolute": 1000, "relative": 0.005}' });
    return z.NEVER;
  }
  const parsed = ToleranceObject.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}, expected absolute or relative` : issue.message;
    ctx.addIssue({ code: 'custom', path: issue.path, message });
  }
  return z.NEVER;
});
export type ToleranceConfig = z.infer<typeof ToleranceConfig>;

export const Config = z.strictObject({
  $schema: z.string().optional(),
  rules: z
    .record(
      z.string().refine((id) => ruleIds.includes(id)),
      SeverityName,
      {
        error: (issue) =>
          issue.code === 'invalid_key'
            ? `unknown rule id, expected one of ${ruleIds.join(', ')}`
            : 'expected an object mapping rule ids to "off", "warn" or "error"',
      },
    )
    .optional(),
  tolerance: ToleranceConfig.optional(),
  maxAgeMonths: z
    .number({ error: 'expected a whole number of months, like 18' })
    .int('expected a whole number of months, like 18')
    .min(1, 'expected at least 1 month')
    .optional(),
});
export type Config = z.infer<typeof Config>;

/** A config as the linter uses it. */
export interface LintConfig {
  rules: Record<string, Severity>;
  tolerance?: Tolerance;
  /** How old a guide's newest source may be before `sources-stale` warns (default 18). */
  maxAgeMonths?: number;
  /** Where it was read from (relative to cwd), or null when there is none. */
  source: string | null;
}

function toleranceFrom(config: ToleranceConfig, where: string): Tolerance {
  if (typeof config === 'string') return parseTolerance(config, `${where}.tolerance`);
  return { absolute: config.absolute ?? 0, relative: config.relative ?? 0 };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Validates a config object; `where` names it in errors ("offerbrief.config.json", "package.json#offerbrief"). */
export function parseConfig(value: unknown, where: string): LintConfig {
  const parsed = Config.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issuePath(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const allowed = path === '' ? '$schema, rules, tolerance or maxAgeMonths' : 'absolute or relative';
        message = `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}, expected ${allowed}`;
      } else if (path === '' && issue.code === 'invalid_type') {
        message = 'expected an object like {"rules": {"vesting-missing": "off"}, "tolerance": "1000,0.5%"}';
      }
      return `${where}${path ? `: ${path}` : ''}: ${message}`;
    });
    throw new UsageError(`bad config: ${issues.join('; ')}`);
  }
  const config = parsed.data;
  return {
    rules: { ...(config.rules ?? {}) },
    ...(config.tolerance !== undefined ? { tolerance: toleranceFrom(config.tolerance, where) } : {}),
    ...(config.maxAgeMonths !== undefined ? { maxAgeMonths: config.maxAgeMonths } : {}),
    source: where,
  };
}


import { z } from 'zod';
import { UsageError } from '../errors.js';
import { ruleIds } from '../validate/registry.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { parseTolerance } from './tolerance.js';
import { FxRates } from '../model/candidate.js';
import { didYouMean } from '../suggest.js';

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

const Rules = z.record(
  z.string().refine((id) => ruleIds.includes(id)),
  SeverityName,
  {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? `unknown rule id, expected one of ${ruleIds.join(', ')}${didYouMean(String((issue as { input?: unknown }).input ?? ''), ruleIds)}`
        : 'expected an object mapping rule ids to "off", "warn" or "error"',
  },
);

const Globs = z.array(z.string({ error: 'expected a glob, like "drafts/**"' }).min(1, 'expected a glob, like "drafts/**"'), {
  error: 'expected a list of globs, like ["drafts/**"]',
});

/** Settings for the guides that match `files` (globs relative to the config's folder); later entries win. */
export const ConfigOverride = z.strictObject({
  files: Globs.min(1, 'expected at least one glob'),
  rules: Rules.optional(),
  tolerance: ToleranceConfig.optional(),
});
export type ConfigOverride = z.infer<typeof ConfigOverride>;

export const Config = z.strictObject({
  $schema: z.string().optional(),
  rules: Rules.optional(),
  tolerance: ToleranceConfig.optional(),
  /** Exchange rates for plan/render/batch: "GBP/USD": 1.27 means 1 GBP = 1.27 USD (a profile's own fx wins). */
  fx: FxRates.optional(),
  /** Guides not linted (globs relative to the config's folder). */
  ignores: Globs.optional(),
  overrides: z.array(ConfigOverride, { error: 'expected a list like [{"files": ["eu/**"], "rules": {…}}]' }).optional(),
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
  /** Exchange rates by pair ("GBP/USD": 1.27). */
  fx?: Record<string, number>;
  /** How old a guide's newest source may be before `sources-stale` warns (default 18). */
  maxAgeMonths?: number;
  /** Where it was read from (relative to cwd), or null when there is none. */
  source: string | null;
  /** Globs of guides not linted, relative to `folder`. */
  ignores?: string[];
  /** Per-folder or per-file settings, relative to `folder`, in order (later ones win). */
  overrides?: Array<{ files: string[]; rules: Record<string, Severity>; tolerance?: Tolerance }>;
  /** The absolute folder the globs are relative to (the config file's). */
  folder?: string;
}

function toleranceFrom(config: ToleranceConfig, where: string): Tolerance {
  if (typeof config === 'string') return parseTolerance(config, `${where}.tolerance`);
  return { absolute: config.absolute ?? 0, relative: config.relative ?? 0 };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * Validates a config object; `where` names it in errors ("offerbrief.config.json",
 * "package.json#offerbrief"), `folder` is where its globs start (absolute).
 */
export function parseConfig(value: unknown, where: string, folder?: string): LintConfig {
  const parsed = Config.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issuePath(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const allowed = path === '' ? '$schema, rules, tolerance, ignores, overrides, fx or maxAgeMonths' : /^overrides\[\d+\]$/.test(path) ? 'files, rules or tolerance' : 'absolute or relative';
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
    ...(config.fx !== undefined ? { fx: { ...config.fx } } : {}),
    ...(config.maxAgeMonths !== undefined ? { maxAgeMonths: config.maxAgeMonths } : {}),
    source: where,
    ...(config.ignores ? { ignores: config.ignores } : {}),
    ...(config.overrides
      ? {
          overrides: config.overrides.map((entry, i) => ({
            files: entry.files,
            rules: { ...(entry.rules ?? {}) },
            ...(entry.tolerance !== undefined ? { tolerance: toleranceFrom(entry.tolerance, `${where}: overrides[${i}]`) } : {}),
          })),
        }
      : {}),
    ...(folder !== undefined ? { folder } : {}),
  };
}


/**
 * The JSON Schema of a config file, for editors (`"$schema"`): zod's, with the
 * parts it cannot describe by itself written out: each rule id as a property
 * (completion lists them, with their descriptions) and both tolerance forms.
 */
export function configJsonSchema(meta: ReadonlyArray<{ id: string; description: string; severity: string }>): Record<string, unknown> {
  const schema = z.toJSONSchema(Config, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;
  const rules = {
    type: 'object',
    description: 'Severity per rule id: "off", "warn" or "error".',
    properties: Object.fromEntries(
      meta.map((rule) => [rule.id, { enum: ['off', 'warn', 'error'], description: `${rule.description} (default: ${rule.severity})` }]),
    ),
    additionalProperties: false,
  };
  const tolerance = {
    description: 'Allowed difference for total comp checks: 1,000 units or 0.5%, whichever is larger, by default.',
    anyOf: [
      { type: 'string', pattern: '^\\s*(\\d+(\\.\\d+)?%?|\\.\\d+%?)\\s*(,\\s*(\\d+(\\.\\d+)?%?|\\.\\d+%?)\\s*)?$', examples: ['1000', '0.5%', '1000,0.5%'] },
      {
        type: 'object',
        properties: {
          absolute: { type: 'number', minimum: 0, description: 'In currency units (1000 = $1K).' },
          relative: { type: 'number', minimum: 0, maximum: 1, description: 'A fraction of the expected value (0.005 = 0.5%).' },
        },
        additionalProperties: false,
      },
    ],
  };
  const properties = schema.properties;
  properties.$schema.description = 'The JSON Schema of this file (`offerbrief schema config`).';
  properties.rules = rules;
  properties.tolerance = tolerance;
  properties.ignores.description = 'Guides not linted: globs relative to this file\'s folder ("drafts/**"; a folder name covers what is inside).';
  properties.overrides.description = 'Settings for some guides: globs relative to this file\'s folder; later entries win.';
  const override = properties.overrides.items;
  override.properties.files.description = 'Globs of the guides this entry applies to, like "eu/**".';
  override.properties.rules = rules;
  override.properties.tolerance = tolerance;
  return { ...schema, title: 'offerbrief config (offerbrief.config.json, .yaml, .yml or package.json#offerbrief)' };
}

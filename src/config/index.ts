import { readFile } from 'node:fs/promises';
import { join, resolve, relative } from 'node:path';
import { z } from 'zod';
import { UsageError, IoError, describeFsError } from '../errors.js';
import { ruleIds } from '../validate/registry.js';
import type { Severity, Tolerance } from '../validate/rule.js';

/** The file looked for in the working folder (an `offerbrief` key in package.json is the fallback). */
export const CONFIG_FILE = 'offerbrief.config.json';

export const SeverityName = z.enum(['off', 'warn', 'error'], {
  error: (issue) => `expected "off", "warn" or "error", got ${JSON.stringify(issue.input)}`,
});
export type SeverityName = z.infer<typeof SeverityName>;

export const ToleranceConfig = z.union(
  [
    z.string(),
    z.strictObject({
      absolute: z.number({ error: 'expected a number of currency units, like 1000' }).min(0, 'expected 0 or more').optional(),
      relative: z.number({ error: 'expected a fraction, like 0.005 for 0.5%' }).min(0, 'expected 0 or more').max(1, 'expected a fraction at most 1 (0.005 is 0.5%)').optional(),
    }),
  ],
  { error: 'expected a string like "1000,0.5%" or an object like {"absolute": 1000, "relative": 0.005}' },
);
export type ToleranceConfig = z.infer<typeof ToleranceConfig>;

export const Config = z.strictObject({
  $schema: z.string().optional(),
  rules: z
    .record(z.string(), SeverityName, { error: 'expected an object mapping rule ids to "off", "warn" or "error"' })
    .superRefine((value, ctx) => {
      for (const id of Object.keys(value)) {
        if (!ruleIds.includes(id)) {
          ctx.addIssue({ code: 'custom', path: [id], message: `unknown rule id, expected one of ${ruleIds.join(', ')}` });
        }
      }
    })
    .optional(),
  tolerance: ToleranceConfig.optional(),
});
export type Config = z.infer<typeof Config>;

/** A config as the linter uses it. */
export interface LintConfig {
  rules: Record<string, Severity>;
  tolerance?: Tolerance;
  /** Where it was read from (relative to cwd), or null when there is none. */
  source: string | null;
}

/**
 * Reads a tolerance written as `1000` (currency units), `0.5%` (of the
 * expected value) or both, comma-separated (`1000,0.5%`). A part that is not
 * written is 0: `--tolerance 0` means exact.
 */
export function parseTolerance(text: string, where = '--tolerance'): Tolerance {
  const fail = (): never => {
    throw new UsageError(`${where}: unexpected ${JSON.stringify(text)}, expected an amount, a percentage or both, like 1000, 0.5% or 1000,0.5%`);
  };
  const parts = text.split(',').map((part) => part.trim());
  let absolute: number | undefined;
  let relative: number | undefined;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(part);
    if (!match) fail();
    const value = Number(match![1]);
    if (match![2] === '%') {
      if (relative !== undefined || value > 100) fail();
      relative = value / 100;
    } else {
      if (absolute !== undefined) fail();
      absolute = value;
    }
  }
  return { absolute: absolute ?? 0, relative: relative ?? 0 };
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
        const allowed = path === '' ? '$schema, rules or tolerance' : 'absolute or relative';
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
    source: where,
  };
}

/** "line 3, column 7" for a character offset into `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const at = position ? `:${lineColumn(text, Number(position[1]))}` : '';
    throw new UsageError(`bad config: ${where}${at}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/s, '')})`);
  }
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new IoError(describeFsError(error, path));
  }
}

/**
 * Loads the lint config: `configPath` when given (it must exist), else
 * `offerbrief.config.json` in `cwd`, else the `offerbrief` key of
 * `cwd/package.json`, else an empty config. Throws UsageError for a bad one.
 */
export async function loadConfig(options: { cwd: string; configPath?: string }): Promise<LintConfig> {
  const { cwd } = options;
  if (options.configPath !== undefined) {
    const path = resolve(cwd, options.configPath);
    const where = relative(cwd, path) || path;
    const text = await readIfPresent(path);
    if (text === null) throw new IoError(`${where}: no such config file`);
    return parseConfig(parseJson(text, where), where);
  }
  const file = await readIfPresent(join(cwd, CONFIG_FILE));
  if (file !== null) return parseConfig(parseJson(file, CONFIG_FILE), CONFIG_FILE);
  const pkg = await readIfPresent(join(cwd, 'package.json'));
  if (pkg !== null) {
    let value: unknown;
    try {
      value = JSON.parse(pkg);
    } catch {
      return { rules: {}, source: null }; // Not ours to judge; npm will complain.
    }
    if (value && typeof value === 'object' && 'offerbrief' in value) {
      return parseConfig((value as { offerbrief: unknown }).offerbrief, 'package.json#offerbrief');
    }
  }
  return { rules: {}, source: null };
}

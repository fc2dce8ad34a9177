import { readFile } from 'node:fs/promises';
import { join, resolve, relative } from 'node:path';
import { UsageError, IoError, describeFsError } from '../errors.js';
import type { LintConfig } from './schema.js';

/** The file looked for in the working folder (an `offerbrief` key in package.json is the fallback). */
export const CONFIG_FILE = 'offerbrief.config.json';

/** Validates with the zod schema, loaded only when there is a config to check (zod costs ~60 ms at startup). */
async function parseConfig(value: unknown, where: string): Promise<LintConfig> {
  return (await import('./schema.js')).parseConfig(value, where);
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
    return await parseConfig(parseJson(text, where), where);
  }
  const file = await readIfPresent(join(cwd, CONFIG_FILE));
  if (file !== null) return await parseConfig(parseJson(file, CONFIG_FILE), CONFIG_FILE);
  const pkg = await readIfPresent(join(cwd, 'package.json'));
  if (pkg !== null) {
    let value: unknown;
    try {
      value = JSON.parse(pkg);
    } catch {
      return { rules: {}, source: null }; // Not ours to judge; npm will complain.
    }
    if (value && typeof value === 'object' && 'offerbrief' in value) {
      return await parseConfig((value as { offerbrief: unknown }).offerbrief, 'package.json#offerbrief');
    }
  }
  return { rules: {}, source: null };
}

/** The config as options for validateGuide: how plan, render and batch judge a guide. */
export async function loadValidateOptions(options: { cwd: string; configPath?: string | undefined }): Promise<Pick<LintConfig, 'rules' | 'tolerance' | 'maxAgeMonths'>> {
  const config = await loadConfig({ cwd: options.cwd, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  return {
    rules: config.rules,
    ...(config.tolerance ? { tolerance: config.tolerance } : {}),
    ...(config.maxAgeMonths !== undefined ? { maxAgeMonths: config.maxAgeMonths } : {}),
  };
}

import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, relative } from 'node:path';
import { UsageError, IoError } from '../errors.js';
import { maxConfigBytes, readRegularFile } from '../read.js';
import type { LintConfig } from './schema.js';

/** The config files looked for in each folder, in this order; then an `offerbrief` key in package.json. */
export const CONFIG_FILES = ['offerbrief.config.json', 'offerbrief.config.yaml', 'offerbrief.config.yml'] as const;
export const CONFIG_FILE = CONFIG_FILES[0];

/** Validates with the zod schema, loaded only when there is a config to check (zod costs ~60 ms at startup). */
async function parseConfig(value: unknown, where: string, folder: string): Promise<LintConfig> {
  return (await import('./schema.js')).parseConfig(value, where, folder);
}

/** "3:7" for a character offset into `text`. */
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

async function parseYaml(text: string, where: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.pos?.[0] !== undefined ? `:${lineColumn(text, error.pos[0])}` : '';
    throw new UsageError(`bad config: ${where}${at}: not valid YAML (${error.message.split('\n')[0]})`);
  }
  return doc.toJS();
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return (await readRegularFile(path, { maxBytes: maxConfigBytes, shown: path, what: 'config' })).toString('utf8');
  } catch (error) {
    if (error instanceof IoError && error.message === `${path}: no such file or folder`) return null;
    throw error;
  }
}

/** How a config file is named in messages: relative to cwd when inside it. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel === '' || rel.startsWith('..') ? path : rel).split('\\').join('/');
}

/** Parses a config file's text by its name: YAML for .yaml/.yml, `offerbrief` key for package.json, else JSON. */
async function configFromText(text: string, path: string, cwd: string): Promise<LintConfig | null> {
  const where = shown(path, cwd);
  const folder = dirname(path);
  if (basename(path) === 'package.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null; // Not ours to judge; npm will complain.
    }
    if (value && typeof value === 'object' && 'offerbrief' in value) {
      return await parseConfig((value as { offerbrief: unknown }).offerbrief, `${where}#offerbrief`, folder);
    }
    return null;
  }
  const value = /\.ya?ml$/i.test(path) ? await parseYaml(text, where) : parseJson(text, where);
  return await parseConfig(value, where, folder);
}

/** The config of one folder (its own files only), or null. */
export async function configInFolder(folder: string, cwd: string): Promise<LintConfig | null> {
  for (const name of [...CONFIG_FILES, 'package.json']) {
    const path = join(folder, name);
    const text = await readIfPresent(path);
    if (text === null) continue;
    const config = await configFromText(text, path, cwd);
    if (config) return config;
  }
  return null;
}

/** A config file named on the command line (`--config`): it must exist. */
export async function readConfigFile(configPath: string, cwd: string): Promise<LintConfig> {
  const path = resolve(cwd, configPath);
  const text = await readIfPresent(path);
  if (text === null) throw new IoError(`${shown(path, cwd)}: no such config file`);
  return (await configFromText(text, path, cwd)) ?? { rules: {}, source: shown(path, cwd), folder: dirname(path) };
}

/** Whether `folder` is the top of a repository (holds `.git`, a folder or a worktree's file): the search stops there. */
export async function isRepositoryRoot(folder: string): Promise<boolean> {
  try {
    await stat(join(folder, '.git'));
    return true;
  } catch {
    return false;
  }
}

/**
 * The nearest config at or above `folder`: each folder's `offerbrief.config.json`,
 * `.yaml`, `.yml` or `package.json#offerbrief`, up to the repository's root
 * (the folder holding `.git`) or the file system's. `cache` keeps each folder's answer.
 */
export async function nearestConfig(folder: string, cwd: string, cache?: Map<string, Promise<LintConfig | null>>): Promise<LintConfig | null> {
  const cached = cache?.get(folder);
  if (cached) return cached;
  const found = (async () => {
    const own = await configInFolder(folder, cwd);
    if (own) return own;
    const parent = dirname(folder);
    if (parent === folder || (await isRepositoryRoot(folder))) return null;
    return nearestConfig(parent, cwd, cache);
  })();
  cache?.set(folder, found);
  return found;
}

/**
 * Loads the lint config: `configPath` when given (it must exist), else the
 * nearest config at or above `cwd`, else an empty config. Throws UsageError for a bad one.
 */
export async function loadConfig(options: { cwd: string; configPath?: string }): Promise<LintConfig> {
  const { cwd } = options;
  if (options.configPath !== undefined) return await readConfigFile(options.configPath, cwd);
  return (await nearestConfig(resolve(cwd), cwd)) ?? { rules: {}, source: null };
}

/**
 * For plan and render: a function giving each guide's lint options from its
 * nearest config (or `configPath`'s), as `lint` would judge it.
 */
export async function guideValidateOptions(options: { cwd: string; configPath?: string | undefined }): Promise<(guidePath: string) => Promise<Pick<LintConfig, 'rules' | 'tolerance' | 'maxAgeMonths'>>> {
  const { ConfigFinder } = await import('./discover.js');
  const finder = new ConfigFinder(options);
  if (options.configPath !== undefined) await finder.configOf(options.cwd); // a missing --config fails before anything is read
  return async (guidePath) => {
    const found = await finder.forFile(guidePath);
    return { rules: found.rules, ...(found.tolerance ? { tolerance: found.tolerance } : {}), ...(found.maxAgeMonths !== undefined ? { maxAgeMonths: found.maxAgeMonths } : {}) };
  };
}

/** The config as options for validateGuide: how batch judges a guide (the config at or above cwd). */
export async function loadValidateOptions(options: { cwd: string; configPath?: string | undefined }): Promise<Pick<LintConfig, 'rules' | 'tolerance' | 'fx' | 'maxAgeMonths'>> {
  const config = await loadConfig({ cwd: options.cwd, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  return {
    rules: config.rules,
    ...(config.tolerance ? { tolerance: config.tolerance } : {}),
    ...(config.fx ? { fx: config.fx } : {}),
    ...(config.maxAgeMonths !== undefined ? { maxAgeMonths: config.maxAgeMonths } : {}),
  };
}

/**
 * Every file whose creation or change could change the config of a guide in
 * `folder`: the config names in it and in each folder above, up to the
 * repository's root. For `--watch`.
 */
export async function configSearchPaths(folder: string): Promise<string[]> {
  const paths: string[] = [];
  for (let current = resolve(folder); ; ) {
    paths.push(...[...CONFIG_FILES, 'package.json'].map((name) => join(current, name)));
    const parent = dirname(current);
    if (parent === current || (await isRepositoryRoot(current))) break;
    current = parent;
  }
  return paths;
}

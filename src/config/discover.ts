import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Severity, Tolerance } from '../validate/rule.js';
import { nearestConfig, readConfigFile } from './load.js';
import type { LintConfig } from './schema.js';

/** What applies to one guide: whether it is ignored, and its severities and tolerance after overrides. */
export interface FileConfig {
  ignored: boolean;
  rules: Record<string, Severity>;
  tolerance?: Tolerance;
  /** How old sources may be before `sources-stale` warns (the config's `maxAgeMonths`). */
  maxAgeMonths?: number;
  /** The config file it came from (relative to cwd), or null. */
  source: string | null;
}

const matchers = new Map<string, (path: string) => boolean>();

/** Whether a path (relative to the config's folder, `/`-separated) matches a glob; a bare folder name matches what is inside it. */
export function matchesGlob(path: string, glob: string): boolean {
  let match = matchers.get(glob);
  if (!match) {
    const trimmed = glob.replace(/^\.\//, '').replace(/\/$/, '');
    match = picomatch([trimmed, `${trimmed}/**`], { dot: true });
    matchers.set(glob, match);
  }
  return match(path);
}

/** Applies a config to one file: its ignores, then its overrides in order. */
export function configForPath(config: LintConfig | null, absolute: string): FileConfig {
  if (!config) return { ignored: false, rules: {}, source: null };
  const rel = config.folder ? relative(config.folder, absolute) : '';
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const path = rel.split(sep).join('/');
  const ignored = inside && (config.ignores ?? []).some((glob) => matchesGlob(path, glob));
  let rules = { ...config.rules };
  let tolerance = config.tolerance;
  for (const override of config.overrides ?? []) {
    if (!inside || !override.files.some((glob) => matchesGlob(path, glob))) continue;
    rules = { ...rules, ...override.rules };
    if (override.tolerance) tolerance = override.tolerance;
  }
  return { ignored, rules, ...(tolerance ? { tolerance } : {}), ...(config.maxAgeMonths !== undefined ? { maxAgeMonths: config.maxAgeMonths } : {}), source: config.source };
}

/**
 * Finds the config of each guide: `configPath` for all when given (as
 * `--config`), else the nearest config above the guide's folder. Folders are
 * looked up once per finder; make a new one to see changed config files.
 */
export class ConfigFinder {
  private readonly folders = new Map<string, Promise<LintConfig | null>>();
  private explicit: Promise<LintConfig> | undefined;

  constructor(private readonly options: { cwd: string; configPath?: string | undefined }) {}

  /** The config file that applies to a guide (null when none). Throws UsageError for a bad one. */
  async configOf(file: string): Promise<LintConfig | null> {
    const { cwd, configPath } = this.options;
    if (configPath !== undefined) return (this.explicit ??= readConfigFile(configPath, cwd));
    return nearestConfig(dirname(resolve(cwd, file)), cwd, this.folders);
  }

  async forFile(file: string): Promise<FileConfig> {
    return configForPath(await this.configOf(file), resolve(this.options.cwd, file));
  }
}

/** The settings for one guide (see {@link ConfigFinder}). */
export async function resolveFileConfig(file: string, options: { cwd: string; configPath?: string | undefined }): Promise<FileConfig> {
  return new ConfigFinder(options).forFile(file);
}

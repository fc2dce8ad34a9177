import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Candidate } from '../model/candidate.js';
import { describeFsError, InputError, IoError, OfferbriefError, UsageError } from '../errors.js';
import { maxProfileBytes, parseCandidate, parseProfileText } from '../personalize/profile.js';
import { defaultMaxBytes } from '../parse/index.js';
import { readRegularFile } from '../read.js';
import { itemId, sha256 } from './ids.js';

/** A candidate profile as the planner read it. */
export interface CandidateSource {
  /** Absolute path. */
  path: string;
  /** Path relative to the batch's folder, `/` separators (used in ids and the manifest). */
  name: string;
  sha256: string | null;
  candidate: Candidate | null;
  /** Why the profile cannot be used (then `candidate` is null). */
  error: string | null;
}

/** A guide as the planner read it (its bytes' hash; its regions only for `--regions all`). */
export interface GuideSource {
  path: string;
  name: string;
  sha256: string | null;
  /** The band table's regions, when they were needed (`--regions all`). */
  regions: string[] | null;
  error: string | null;
}

/** `null`: each candidate's own region; `all`: every region of the guide; else these names. */
export type RegionChoice = null | 'all' | string[];

export interface PlannedItem {
  id: string;
  guide: GuideSource | null;
  candidate: CandidateSource;
  region: string | null;
  /** Set when the item fails before rendering (bad candidate, unreadable guide). */
  error: string | null;
}

export interface PlanInputs {
  cwd: string;
  candidates: CandidateSource[];
  /** The `--guides` list; null: each candidate's `guide` field. */
  guides: GuideSource[] | null;
  /** Every guide, by absolute path. */
  guidesByPath: Map<string, GuideSource>;
  regions: RegionChoice;
}

/** Parses `--regions`: `all`, or a comma-separated list of region names. */
export function parseRegions(text: string | undefined): RegionChoice {
  if (text === undefined) return null;
  if (text.trim().toLowerCase() === 'all') return 'all';
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`--regions: unexpected "${text}", expected all or a comma-separated list such as "San Francisco,New York"`);
  return [...new Set(names)];
}

/** Splits repeated, comma-separated path options into single entries. */
export function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

/** `path` relative to `cwd` with `/` separators (absolute when on another drive). */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  if (rel === '' || isAbsolute(rel)) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}

/**
 * Expands files, folders (every file with one of `extensions`, recursively) and glob patterns
 * into absolute paths, sorted, without duplicates. A path that does not exist is an `IoError`;
 * a pattern or folder with no match is a `UsageError`.
 */
export async function expandPaths(patterns: readonly string[], options: { cwd: string; extensions: readonly string[]; what: string }): Promise<string[]> {
  const found = new Set<string>();
  const exts = options.extensions.length === 1 ? options.extensions[0]! : `{${options.extensions.join(',')}}`;
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern.split(sep).join('/'), { cwd: options.cwd, absolute: true, onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**'] });
      if (matches.length === 0) throw new UsageError(`${pattern}: no ${options.what} match this pattern`);
      for (const match of matches) found.add(resolve(match));
      continue;
    }
    const path = resolve(options.cwd, pattern);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new IoError(describeFsError(error, pattern));
    }
    if (info.isDirectory()) {
      // Like lint: dot-folders (tinyglobby's default) and node_modules are not walked, nor links followed.
      const matches = await glob(`**/*.${exts}`, { cwd: path, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
      if (matches.length === 0) throw new UsageError(`${pattern}: no ${options.what} (${options.extensions.map((e) => `*.${e}`).join(', ')}) in this folder`);
      for (const match of matches) found.add(resolve(match));
    } else {
      found.add(path);
    }
  }
  return [...found].sort();
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and checks one candidate profile; problems become `error`, never a throw. */
export async function readCandidateSource(path: string, cwd: string): Promise<CandidateSource> {
  const name = displayPath(cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, { maxBytes: maxProfileBytes, shown: name, what: 'profile' });
  } catch (error) {
    return { path, name, sha256: null, candidate: null, error: (error as Error).message };
  }
  const hash = sha256(bytes);
  try {
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      throw new InputError(`${name}: not valid UTF-8, expected a UTF-8 text file`);
    }
    const candidate = parseCandidate(parseProfileText(text.replace(/^\uFEFF/, ''), name), name);
    return { path, name, sha256: hash, candidate, error: null };
  } catch (error) {
    if (error instanceof OfferbriefError) return { path, name, sha256: hash, candidate: null, error: error.message };
    throw error;
  }
}

/** Finds a guide's band regions (only for `--regions all`); injectable so planning tests need no parser. */
export type RegionsOf = (bytes: Uint8Array, name: string) => Promise<string[]>;

/** The parser's regions: every band row's region, in table order. */
export const parserRegions: RegionsOf = async (bytes, name) => {
  const { parseGuide } = await import('../parse/index.js');
  const { guide } = parseGuide(bytes, { path: name });
  return guide.bands.map((band) => band.region);
};

/** Reads one guide's bytes (and its regions when asked); problems become `error`. */
export async function readGuideSource(path: string, cwd: string, regionsOf: RegionsOf | null): Promise<GuideSource> {
  const name = displayPath(cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, { maxBytes: defaultMaxBytes, shown: name, what: 'guide', hint: 'split it' });
  } catch (error) {
    return { path, name, sha256: null, regions: null, error: (error as Error).message };
  }
  const hash = sha256(bytes);
  if (!regionsOf) return { path, name, sha256: hash, regions: null, error: null };
  try {
    const regions = await regionsOf(bytes, name);
    if (regions.length === 0) {
      return { path, name, sha256: hash, regions, error: `${name}: no band table rows, expected a table with one row per region (needed by --regions all)` };
    }
    return { path, name, sha256: hash, regions, error: null };
  } catch (error) {
    if (error instanceof OfferbriefError) return { path, name, sha256: hash, regions: null, error: error.message };
    throw error;
  }
}

export interface LoadPlanOptions {
  cwd: string;
  /** Guide files, folders or globs; empty: each candidate's `guide` field. */
  guides: readonly string[];
  /** Candidate profile files, folders or globs. */
  candidates: readonly string[];
  regions: RegionChoice;
  regionsOf?: RegionsOf;
}

/** Reads every candidate profile and every guide the batch needs (not the guides' content). */
export async function loadPlanInputs(options: LoadPlanOptions): Promise<PlanInputs> {
  const { cwd } = options;
  const candidatePaths = await expandPaths(options.candidates, { cwd, extensions: ['yaml', 'yml', 'json'], what: 'candidate profiles' });
  if (candidatePaths.length === 0) throw new UsageError('no candidate profiles given, expected --candidates PATHS');
  const givenGuides =
    options.guides.length > 0 ? await expandPaths(options.guides, { cwd, extensions: ['md', 'markdown'], what: 'guides' }) : null;
  const candidates: CandidateSource[] = [];
  for (const path of candidatePaths) candidates.push(await readCandidateSource(path, cwd));
  const guidePaths = new Set<string>(givenGuides ?? []);
  if (!givenGuides) {
    for (const source of candidates) {
      if (source.candidate?.guide) guidePaths.add(resolve(dirname(source.path), source.candidate.guide));
    }
  }
  const regionsOf = options.regions === 'all' ? (options.regionsOf ?? parserRegions) : null;
  const guidesByPath = new Map<string, GuideSource>();
  for (const path of [...guidePaths].sort()) guidesByPath.set(path, await readGuideSource(path, cwd, regionsOf));
  return {
    cwd,
    candidates,
    guides: givenGuides ? givenGuides.map((path) => guidesByPath.get(path)!) : null,
    guidesByPath,
    regions: options.regions,
  };
}

/**
 * The items of a batch, lazily: each candidate × (the `--guides` list, or its own `guide` field)
 * × (its region, every region of the guide with `--regions all`, or the named regions). A bad
 * candidate or unreadable guide yields items with `error` set, so only they fail. Duplicates
 * (the same guide, candidate and region twice) are dropped.
 */
export function* planItems(inputs: PlanInputs): Generator<PlannedItem> {
  const seen = new Set<string>();
  const emit = function* (item: Omit<PlannedItem, 'id'>): Generator<PlannedItem> {
    const id = itemId({ guide: item.guide?.name ?? null, candidate: item.candidate.name, region: item.region });
    if (seen.has(id)) return;
    seen.add(id);
    yield { id, ...item };
  };
  for (const candidate of inputs.candidates) {
    if (!candidate.candidate) {
      yield* emit({ guide: null, candidate, region: null, error: candidate.error ?? `${candidate.name}: unreadable profile` });
      continue;
    }
    let guides: GuideSource[];
    if (inputs.guides) guides = inputs.guides;
    else if (candidate.candidate.guide) guides = [inputs.guidesByPath.get(resolve(dirname(candidate.path), candidate.candidate.guide))!];
    else {
      yield* emit({
        guide: null,
        candidate,
        region: null,
        error: `${candidate.name}: no guide, expected a "guide" field in the profile or --guides PATHS`,
      });
      continue;
    }
    for (const guide of guides) {
      let regions: (string | null)[];
      if (inputs.regions === null) regions = [candidate.candidate.region];
      else if (inputs.regions === 'all') regions = guide.regions && guide.regions.length > 0 ? guide.regions : [null];
      else regions = inputs.regions;
      for (const region of regions) yield* emit({ guide, candidate, region, error: guide.error });
    }
  }
}

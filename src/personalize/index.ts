import { dirname, isAbsolute, relative, resolve, basename } from 'node:path';
import type { VFile } from 'vfile';
import type { Brief } from '../model/brief.js';
import type { Candidate, FxRates } from '../model/candidate.js';
import type { Guide } from '../model/guide.js';
import { InputError, UsageError } from '../errors.js';
import { readGuide } from '../parse/index.js';
import { validateGuide, type ValidateOptions } from '../validate/index.js';
import { readCandidate } from './profile.js';
import { bandCurrency, buildBrief } from './build.js';

export { buildBrief, findBand, bandCurrency, type BuildBriefInput, type BuildBriefResult } from './build.js';
export { readCandidate, parseCandidate, parseProfileText, describeIssues, formatPath } from './profile.js';
export { fillSlot, choiceRuns, segmentText, normalize } from './slots.js';
export { round1000, formatMoney, moneyStyleOf } from './money.js';
export { movePackage, briefBand, exactBand } from './numbers.js';
export { positionIn, targetForOffer, raiseWithinBand, floorUnderTarget, gapsOf, findRate, bandTops, type BandTops, type OfferParts } from './negotiate.js';
export { writeScript, sentenceSpans } from './script.js';
export { draftEmail, emailParts, bundledEmailTemplate } from './email.js';
export { vestingShares, allocateThousands, yearsOf, bonusAmount, signOnYears, TABLE_YEARS } from './years.js';

export interface LoadBriefOptions {
  cwd: string;
  /** The guide's path (relative to `cwd`); defaults to the profile's `guide` (relative to the profile's folder). */
  guide?: string;
  /** The candidate profile's path, relative to `cwd`. */
  candidate: string;
  /** Overrides the profile's region. */
  region?: string;
  /** Unfilled slots are errors. */
  strict?: boolean;
  /** Compute the brief even when the guide has lint errors. */
  force?: boolean;
  /** How to lint the guide, or a function giving that for the guide's absolute path (its nearest config). */
  validate?: GuideValidateOptions;
  /** Exchange rates from the config (the profile's own `fx` wins per pair). */
  fx?: FxRates;
  /** The email template's source (default: the bundled templates/email.md). */
  emailTemplate?: string;
  /** What `--force` would do, for the refusal's message (default `plan`). */
  action?: 'plan' | 'render';
  /** The brief's day (YYYY-MM-DD): the guide's age (`sources-stale`) is judged on it; without one it is not judged. */
  date?: string;
}

export type GuideValidateOptions = ValidateOptions | ((guidePath: string) => Promise<ValidateOptions>);

export interface LoadedBrief {
  brief: Brief;
  /** The guide's diagnostics after validation (warnings, and errors when forced). */
  guideFile: VFile;
  /** The guide's path as shown in messages (relative to cwd when inside it). */
  guidePath: string;
  candidatePath: string;
  /** The guide's lint warnings, also at the start of `brief.warnings`. */
  guideWarnings: string[];
}

/** How a path is shown in messages: relative to cwd when inside it, else absolute. */
export function shownPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}

/** `file:line:col  message  rule-id`, one line per message. */
export function formatMessages(file: VFile, path: string, which: 'errors' | 'warnings' | 'all' = 'all'): string[] {
  return file.messages
    .filter((message) => (which === 'all' ? true : which === 'errors' ? message.fatal === true : message.fatal !== true))
    .map((message) => `${path}:${message.line ?? 1}:${message.column ?? 1}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd());
}

/**
 * Reads a candidate profile and its guide, lints the guide (refusing one with errors unless
 * `force`), and computes the brief. Throws IoError for unreadable files, InputError for a bad
 * profile, an unknown region, a guide with lint errors, or (under `strict`) unfilled slots.
 */
export async function loadBrief(options: LoadBriefOptions): Promise<LoadedBrief> {
  const candidateAbsolute = resolve(options.cwd, options.candidate);
  const candidatePath = shownPath(options.cwd, candidateAbsolute);
  const candidate = await readCandidate(candidateAbsolute, candidatePath);

  let guideAbsolute: string;
  if (options.guide !== undefined) guideAbsolute = resolve(options.cwd, options.guide);
  else if (candidate.guide !== undefined) guideAbsolute = resolve(dirname(candidateAbsolute), candidate.guide);
  else throw new UsageError(`${candidatePath}: no guide given, expected --guide <file> or a \`guide\` field in the profile`);
  const guidePath = shownPath(options.cwd, guideAbsolute);

  const read = await readGuide(guideAbsolute, { cwd: options.cwd });
  const validate = typeof options.validate === 'function' ? await options.validate(guideAbsolute) : options.validate;
  const file = validateGuide(read.guide, read.file, { ...validate, ...(options.date !== undefined ? { date: options.date } : {}) });
  const errors = formatMessages(file, guidePath, 'errors');
  if (errors.length > 0 && !options.force) {
    throw new InputError(
      `${guidePath}: ${errors.length} lint error${errors.length === 1 ? '' : 's'}, expected none (fix them, or pass --force to ${options.action ?? 'plan'} anyway):\n${errors.join('\n')}`,
    );
  }

  const defaultCurrency = await profileCurrency(candidate, candidateAbsolute, read.guide, guideAbsolute);
  let result;
  try {
    result = buildBrief({
      ...(defaultCurrency !== null ? { defaultCurrency } : {}),
      ...(options.fx ? { fx: options.fx } : {}),
      ...(options.emailTemplate !== undefined ? { emailTemplate: options.emailTemplate } : {}),
      guide: read.guide,
      guideFile: { name: basename(guideAbsolute), sha256: read.sha256 },
      candidate,
      candidateFile: basename(candidateAbsolute),
      ...(options.region !== undefined ? { region: options.region } : {}),
      strict: options.strict ?? false,
    });
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${candidatePath}: ${error.message}`);
    throw error;
  }
  if (result.problems.length > 0) {
    throw new InputError(result.problems.map((problem) => `${candidatePath}: ${problem}`).join('\n'));
  }
  const guideWarnings = addGuideWarnings(result.brief, file, guidePath);
  return { brief: result.brief, guideFile: file, guidePath, candidatePath, guideWarnings };
}

/**
 * Puts the guide's lint warnings first in `brief.warnings` (so they reach the PDF's "Before the call"
 * and batch's manifest like the plan's own) and returns them, `file:line:col  message  rule` each.
 */
export function addGuideWarnings(brief: Brief, file: VFile, guidePath: string): string[] {
  const lines = formatMessages(file, guidePath, 'warnings');
  brief.warnings.unshift(...lines);
  return lines;
}

/** The plan's own warnings (after the guide's), for messages that name the profile. */
export function planWarnings(loaded: Pick<LoadedBrief, 'brief' | 'guideWarnings'>): string[] {
  return loaded.brief.warnings.slice(loaded.guideWarnings.length);
}

/**
 * The currency of a profile's amounts that name none: the band currency of the profile's region in
 * `guide`, else in the guide the profile names (`guide:`, read only when it is another file), else
 * null (then the band's own currency is assumed by buildBrief).
 */
export async function profileCurrency(candidate: Candidate, candidateAbsolute: string, guide: Guide, guideAbsolute: string): Promise<string | null> {
  const here = bandCurrency(guide, candidate.region);
  if (here !== null || candidate.guide === undefined) return here;
  const own = resolve(dirname(candidateAbsolute), candidate.guide);
  if (own === guideAbsolute) return null;
  try {
    return bandCurrency((await readGuide(own, {})).guide, candidate.region);
  } catch {
    return null;
  }
}

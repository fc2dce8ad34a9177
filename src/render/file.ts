import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { Brief } from '../model/brief.js';
import type { GuideValidateOptions } from '../personalize/index.js';
import { makeFolder, writeFileAtomic } from './atomic.js';
import { UNDATED, renderBrief, resolveRenderDate } from './index.js';
import { passwordProblem } from './password.js';
import { briefFileName, candidateHash } from './slug.js';
import { loadTemplate } from './template.js';

export interface RenderFileOptions {
  cwd: string;
  candidate: string;
  guide?: string;
  region?: string;
  /** `brief` (default), `one-page`, or a template path from `cwd`. */
  template?: string;
  /** Output folder (default `out`, from `cwd`); created if missing; `''` is refused. */
  out?: string;
  /** YYYY-MM-DD; else SOURCE_DATE_EPOCH from `env`; else undated. */
  date?: string;
  env?: Record<string, string | undefined>;
  password?: string;
  strict?: boolean;
  force?: boolean;
  validate?: GuideValidateOptions;
  /** Exchange rates from the config. */
  fx?: Record<string, number>;
}

export interface RenderFileResult {
  /** Absolute path of the written PDF. */
  path: string;
  brief: Brief;
  /** Guide diagnostics and brief warnings, one line each (`file:line:col  message  rule`). */
  warnings: string[];
  /** Lint errors of a guide rendered with `force`. */
  forcedErrors: string[];
}

/** The output path for a file name inside `out`: the name is a slug, so it cannot leave the folder. */
export function outputPath(outDir: string, fileName: string): string {
  const path = resolve(outDir, fileName);
  if (!path.startsWith(resolve(outDir) + sep)) throw new UsageError(`Unexpected output name "${fileName}", expected a file name inside ${outDir}`);
  return path;
}

/**
 * Whose brief a file is: the `OfferbriefOwner` of its PDF info, `none` when there is no file,
 * `unknown` when it is not readable as one (another file, an encrypted brief).
 */
function fileOwner(path: string): string {
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // a FIFO in the way must not block
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'unknown';
    // pdfkit writes the info dictionary last, just before the cross-reference table.
    const length = Math.min(stat.size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, stat.size - length);
    text = buffer.toString('latin1');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'unknown';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // pdfkit writes each info value as its own object: `/OfferbriefOwner 179 0 R` … `179 0 obj\n(1a2b3c4d)`.
  const direct = /\/OfferbriefOwner \(([0-9a-f]{8})\)/.exec(text)?.[1];
  if (direct) return direct;
  const ref = /\/OfferbriefOwner (\d+) 0 R/.exec(text)?.[1];
  const value = ref ? new RegExp(`(?:^|[\\r\\n])${ref} 0 obj\\s*\\(([0-9a-f]{8})\\)`).exec(text)?.[1] : undefined;
  return value ?? 'unknown';
}

/**
 * `offerbrief render` as a function: loads and checks the profile and guide, renders the brief with
 * the template and writes it atomically (mode 0600) into the output folder.
 */
export async function renderBriefFile(options: RenderFileOptions): Promise<RenderFileResult> {
  if (options.out === '') throw new UsageError('--out: unexpected empty folder name, expected a folder such as out (use . for the working folder)');
  const date = resolveRenderDate({ env: options.env ?? {}, ...(options.date !== undefined ? { date: options.date } : {}) });
  const template = await loadTemplate(options.template ?? 'brief', options.cwd);
  const { loadBrief, formatMessages, planWarnings } = await import('../personalize/index.js');
  const loaded = await loadBrief({
    cwd: options.cwd,
    candidate: options.candidate,
    ...(options.guide !== undefined ? { guide: options.guide } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    strict: options.strict ?? false,
    force: options.force ?? false,
    ...(options.validate ? { validate: options.validate } : {}),
    ...(options.fx ? { fx: options.fx } : {}),
    action: 'render',
    // The guide's age is judged on the brief's day; an undated brief does not judge it (it must not change with the clock).
    ...(date !== UNDATED ? { date } : {}),
  });
  const outDir = resolve(options.cwd, options.out ?? 'out');
  await makeFolder(outDir); // before the render: an output folder that cannot be made fails at once
  const owner = candidateHash(loaded.candidatePath);
  const problem = options.password !== undefined ? passwordProblem(options.password) : null;
  if (problem) throw new UsageError(`password: ${problem}`);
  const bytes = await renderBrief(loaded.brief, { template, date, owner, ...(options.password !== undefined ? { password: options.password } : {}) });
  const naming = { candidateFile: loaded.candidatePath };
  let path = outputPath(outDir, briefFileName(loaded.brief, options.template, naming));
  // Another candidate's brief (or any file not known to be this candidate's) is never overwritten:
  // this one gets the name with the candidate hash instead.
  const existing = fileOwner(path);
  if (existing !== owner && existing !== 'none') path = outputPath(outDir, briefFileName(loaded.brief, options.template, { ...naming, unique: true }));
  await writeFileAtomic(path, bytes, { mode: 0o600 });
  return {
    path,
    brief: loaded.brief,
    warnings: [
      ...loaded.guideWarnings,
      ...planWarnings(loaded).map((w) => `${loaded.candidatePath}: ${w}`),
    ],
    forcedErrors: formatMessages(loaded.guideFile, loaded.guidePath, 'errors'),
  };
}

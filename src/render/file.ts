import { resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import type { Brief } from '../model/brief.js';
import type { GuideValidateOptions } from '../personalize/index.js';
import { writeFileAtomic } from './atomic.js';
import { renderBrief, resolveRenderDate } from './index.js';
import { briefFileName } from './slug.js';
import { loadTemplate } from './template.js';

export interface RenderFileOptions {
  cwd: string;
  candidate: string;
  guide?: string;
  region?: string;
  /** `brief` (default), `one-page`, or a template path from `cwd`. */
  template?: string;
  /** Output folder (default `out`, from `cwd`); created if missing. */
  out?: string;
  /** YYYY-MM-DD; else SOURCE_DATE_EPOCH from `env`; else undated. */
  date?: string;
  env?: Record<string, string | undefined>;
  password?: string;
  strict?: boolean;
  force?: boolean;
  validate?: GuideValidateOptions;
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
 * `offerbrief render` as a function: loads and checks the profile and guide, renders the brief with
 * the template and writes it atomically (mode 0600) into the output folder.
 */
export async function renderBriefFile(options: RenderFileOptions): Promise<RenderFileResult> {
  const date = resolveRenderDate({ env: options.env ?? {}, ...(options.date !== undefined ? { date: options.date } : {}) });
  const template = await loadTemplate(options.template ?? 'brief', options.cwd);
  const { loadBrief, formatMessages } = await import('../personalize/index.js');
  const loaded = await loadBrief({
    cwd: options.cwd,
    candidate: options.candidate,
    ...(options.guide !== undefined ? { guide: options.guide } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    strict: options.strict ?? false,
    force: options.force ?? false,
    ...(options.validate ? { validate: options.validate } : {}),
  });
  const bytes = await renderBrief(loaded.brief, { template, date, ...(options.password !== undefined ? { password: options.password } : {}) });
  const outDir = resolve(options.cwd, options.out ?? 'out');
  const path = outputPath(outDir, briefFileName(loaded.brief, options.template));
  await writeFileAtomic(path, bytes, { mode: 0o600 });
  return {
    path,
    brief: loaded.brief,
    warnings: [
      ...formatMessages(loaded.guideFile, loaded.guidePath, 'warnings'),
      ...loaded.brief.warnings.map((w) => `${loaded.candidatePath}: ${w}`),
    ],
    forcedErrors: formatMessages(loaded.guideFile, loaded.guidePath, 'errors'),
  };
}

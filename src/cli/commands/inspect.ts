import { Guide } from '../../model/guide.js';
import { resolve } from 'node:path';
import { readGuide, parseGuide, defaultMaxBytes } from '../../parse/index.js';
import { resolveFileConfig } from '../../config/discover.js';
import { validateGuide } from '../../validate/index.js';
import { toResult } from '../../lint/one.js';
import { formatText } from '../../report/text.js';
import { UsageError, ExitCode } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';
import { readProcessStdin } from '../stdin.js';

export const help = `Usage: offerbrief inspect <guide.md | -> [--max-size BYTES] [--stdin-filename PATH]

Parses one guide and prints its model as JSON (2-space indent, keys in the
model's order) on stdout; the lint diagnostics (with the guide's nearest
config, as lint finds it) go to stderr. \`-\` reads the guide from stdin.

Options:
  --max-size BYTES         refuse guides larger than this (default ${defaultMaxBytes}, 5 MB)
  --stdin-filename PATH    with -: the file the guide on stdin stands for (its config, its name)
  -h, --help        show this help

Exit codes: 0 the guide has no errors, 1 it has errors (the model is still
printed), 2 a missing or unreadable file, or bad usage.
`;

export interface InspectOptions {
  cwd: string;
  guide: string;
  maxBytes?: number;
  /** The guide's contents, read already (stdin); `guide` then only names it. */
  contents?: Uint8Array;
}

/** The guide's model and its checked VFile. Throws IoError for a file that cannot be read. */
export async function inspect(options: InspectOptions) {
  const read = options.contents
    ? { ...parseGuide(options.contents, { path: options.guide, ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}) }), path: resolve(options.cwd, options.guide) }
    : await readGuide(options.guide, { cwd: options.cwd, maxBytes: options.maxBytes });
  const settings = await resolveFileConfig(read.path, { cwd: options.cwd });
  validateGuide(read.guide, read.file, { rules: settings.rules, ...(settings.tolerance ? { tolerance: settings.tolerance } : {}) });
  // Parsing through the schema checks the model and fixes the key order.
  return { guide: Guide.parse(read.guide), file: read.file, path: read.path };
}

export function parseMaxSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-size: unexpected "${value}", expected a number of bytes such as 5000000 or 5MB`);
  const unit = (match[2] ?? '').toLowerCase();
  return Math.floor(Number(match[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1));
}

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('inspect', argv, { 'max-size': { type: 'string' }, 'stdin-filename': { type: 'string' } });
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one guide file, received ${positionals.length}\nUsage: offerbrief inspect <guide.md>`);
  }
  const fromStdin = positionals[0] === '-';
  const name = values['stdin-filename'] as string | undefined;
  if (name !== undefined && !fromStdin) throw new UsageError('--stdin-filename names the guide read from stdin, expected - as the guide, like `offerbrief inspect - --stdin-filename guides/a.md`');
  const { guide, file, path } = await inspect({
    cwd: ctx.cwd,
    guide: fromStdin ? (name ?? '<stdin>') : positionals[0]!,
    maxBytes: parseMaxSize(values['max-size'] as string | undefined),
    ...(fromStdin ? { contents: await (ctx.readStdin ?? readProcessStdin)() } : {}),
  });
  ctx.stdout.write(`${JSON.stringify(guide, null, 2)}\n`);
  const result = toResult(file, path, ctx.cwd);
  if (result.messages.length > 0) ctx.stderr.write(formatText([result], { color: ctx.stderr.isTTY === true }));
  return result.errorCount > 0 ? ExitCode.findings : ExitCode.ok;
}

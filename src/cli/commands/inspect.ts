import { Guide } from '../../model/guide.js';
import { readGuide, defaultMaxBytes } from '../../parse/index.js';
import { validateGuide } from '../../validate/index.js';
import { toResult } from '../../lint/one.js';
import { formatText } from '../../report/text.js';
import { UsageError, ExitCode } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';

export const help = `Usage: offerbrief inspect <guide.md> [--max-size BYTES]

Parses one guide and prints its model as JSON (2-space indent, keys in the
model's order) on stdout; the lint diagnostics go to stderr.

Options:
  --max-size BYTES  refuse guides larger than this (default ${defaultMaxBytes}, 5 MB)
  -h, --help        show this help

Exit codes: 0 the guide has no errors, 1 it has errors (the model is still
printed), 2 a missing or unreadable file, or bad usage.
`;

export interface InspectOptions {
  cwd: string;
  guide: string;
  maxBytes?: number;
}

/** The guide's model and its checked VFile. Throws IoError for a file that cannot be read. */
export async function inspect(options: InspectOptions) {
  const read = await readGuide(options.guide, { cwd: options.cwd, maxBytes: options.maxBytes });
  validateGuide(read.guide, read.file);
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
  const { values, positionals } = parseCommandArgs('inspect', argv, { 'max-size': { type: 'string' } });
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`expected one guide file, received ${positionals.length}\nUsage: offerbrief inspect <guide.md>`);
  }
  const { guide, file, path } = await inspect({ cwd: ctx.cwd, guide: positionals[0]!, maxBytes: parseMaxSize(values['max-size'] as string | undefined) });
  ctx.stdout.write(`${JSON.stringify(guide, null, 2)}\n`);
  const result = toResult(file, path, ctx.cwd);
  if (result.messages.length > 0) ctx.stderr.write(formatText([result], { color: ctx.stderr.isTTY === true }));
  return result.errorCount > 0 ? ExitCode.findings : ExitCode.ok;
}

import { dirname, relative, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { clampJobs, parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';
import { loadValidateOptions } from '../../config/index.js';
import { parseShard, type Shard } from '../../batch/ids.js';
import { describeItem, type ManifestEntry } from '../../batch/manifest.js';
import { parseRegions, splitList } from '../../batch/plan.js';
import { formatDuration, ProgressReporter, type ProgressMode } from '../../batch/progress.js';
import { runBatch, type BatchResult } from '../../batch/run.js';

export const help = `Usage: offerbrief batch [CANDIDATES...] [options]

Renders a PDF brief for each candidate × guide × region, in parallel worker
threads. Items already up to date (same guide, candidate, template, tool
version, region, date and options as in the manifest, and the PDF still there)
are skipped, so an interrupted batch resumes where it stopped.

Items: each candidate profile × its own \`guide\` field (or every guide of
--guides) × its own region (or every region of the guide with --regions all,
or the listed regions).

Options:
  -g, --guides <paths>      guides: files, folders or globs, comma-separated or repeated
                            (default: each profile's \`guide\` field)
  -c, --candidates <paths>  candidate profiles (YAML/JSON): files, folders or globs
                            (default: candidates/); positional arguments add more
  -r, --regions <all|R1,R2> every region of each guide, or these regions
                            (default: each profile's region)
  -t, --template <name>     brief (default), one-page, or a template file
  -o, --out <dir>           output folder (default: out); the manifest goes there too;
                            one batch per folder (and shard) at a time
  -j, --jobs <n>            worker threads (default: the number of cores; at most 4 × cores)
      --shard <i/n|auto>    render only shard i of n (stable, by a hash of the item id);
                            writes out/manifest.shard-<i>-of-<n>.json. auto: i is
                            JOB_COMPLETION_INDEX + 1 (a Kubernetes Indexed Job's
                            0-based index), n is OFFERBRIEF_SHARD_COUNT
      --date <YYYY-MM-DD>   date printed in the briefs (default: SOURCE_DATE_EPOCH,
                            else undated)
      --force               render every item again, even guides with lint errors
      --strict              unfilled slots fail the item
      --config <file>       lint config (default: the nearest offerbrief.config.json/.yaml/.yml
                            or package.json#offerbrief at or above the working folder)
  -q, --quiet               print only the summary (no progress, no paths)
  -h, --help                show this help

Progress goes to stderr: one updating line on a terminal, a plain line every
2 s or 10% otherwise. The paths of the PDFs written go to stdout, one a
line, then the summary.

SIGINT/SIGTERM: start nothing new, finish the items in flight, write the
manifest, exit 130 (SIGINT) or 143 (SIGTERM). A second signal discards the
items in flight (no partial PDF is left). Run the same command to resume.

Exit codes: 0 every item rendered or up to date, 1 some items failed,
2 usage or I/O errors, 130/143 interrupted.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('batch', argv, {
    guides: { type: 'string', short: 'g', multiple: true },
    candidates: { type: 'string', short: 'c', multiple: true },
    regions: { type: 'string', short: 'r' },
    template: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    jobs: { type: 'string', short: 'j' },
    shard: { type: 'string' },
    date: { type: 'string' },
    force: { type: 'boolean' },
    strict: { type: 'boolean' },
    config: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  } as const);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!/^\s*\d+\s*$/.test(values.jobs) || jobs < 1) {
      throw new UsageError(`--jobs: unexpected "${values.jobs}", expected a whole number ≥ 1\nRun \`offerbrief batch --help\` for usage.`);
    }
    jobs = clampJobs('batch', jobs, ctx.stderr);
  }
  const shard = values.shard !== undefined ? resolveShard(values.shard, ctx.env) : null;
  const regions = parseRegions(values.regions);
  const validate = await loadValidateOptions({ cwd: ctx.cwd, configPath: values.config });

  const mode: ProgressMode = values.quiet ? 'quiet' : ctx.stderr.isTTY ? 'tty' : 'lines';
  const started = performance.now();
  const reporter = new ProgressReporter({ stream: ctx.stderr, mode, elapsed: () => performance.now() - started });

  // First signal: stop starting items; second: discard the ones in flight.
  const stop = new AbortController();
  const discard = new AbortController();
  let signalName: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      signalName = signal;
      stop.abort();
      reporter.note(`offerbrief batch: ${signal}: finishing the items in flight, then writing the manifest (send it again to discard them)`);
    } else if (!discard.signal.aborted) {
      discard.abort();
      reporter.note(`offerbrief batch: ${signal} again: discarding the items in flight`);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: BatchResult;
  try {
    result = await runBatch({
      cwd: ctx.cwd,
      env: ctx.env,
      guides: splitList(values.guides),
      candidates: [...splitList(values.candidates), ...positionals],
      regions,
      ...(values.template !== undefined ? { template: values.template } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
      shard,
      ...(values.date !== undefined ? { date: values.date } : {}),
      force: values.force ?? false,
      strict: values.strict ?? false,
      validate,
      ...(validate.fx ? { fx: validate.fx } : {}),
      signal: stop.signal,
      discardSignal: discard.signal,
      onProgress: (state) => reporter.update(state),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    reporter.clear();
  }
  for (const note of result.notes) ctx.stderr.write(`offerbrief batch: ${note}\n`);
  if (!values.quiet) ctx.stdout.write(formatRenderedPaths(result, ctx.cwd));
  ctx.stdout.write(formatSummary(result, ctx.cwd));
  if (result.interrupted) return signalName === 'SIGTERM' ? 143 : 130;
  return result.failures.length > 0 ? ExitCode.findings : ExitCode.ok;
}

/**
 * `--shard i/n`, or `--shard auto` from the environment a Kubernetes Indexed Job gives each pod:
 * JOB_COMPLETION_INDEX (0-based) and OFFERBRIEF_SHARD_COUNT (the Job's completions, set by its manifest).
 */
export function resolveShard(text: string, env: NodeJS.ProcessEnv): Shard {
  if (text.trim() !== 'auto') return parseShard(text);
  const index = env.JOB_COMPLETION_INDEX;
  const count = env.OFFERBRIEF_SHARD_COUNT;
  const whole = (value: string | undefined) => value !== undefined && /^\s*\d+\s*$/.test(value);
  if (!whole(index)) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX is ${index === undefined ? 'not set' : `"${index}"`}, expected the 0-based index a Kubernetes Indexed Job sets (or pass --shard i/n)`,
    );
  }
  if (!whole(count) || Number(count) < 1) {
    throw new UsageError(
      `--shard auto: OFFERBRIEF_SHARD_COUNT is ${count === undefined ? 'not set' : `"${count}"`}, expected the number of shards (the Job's completions), a whole number ≥ 1`,
    );
  }
  if (Number(index) >= Number(count)) {
    throw new UsageError(`--shard auto: JOB_COMPLETION_INDEX ${Number(index)} is out of range, expected 0 to ${Number(count) - 1} for OFFERBRIEF_SHARD_COUNT ${Number(count)}`);
  }
  return { index: Number(index) + 1, count: Number(count) };
}

/** The batch's PDFs (rendered now or already up to date), one path a line relative to cwd, in the manifest's order. */
export function formatRenderedPaths(result: BatchResult, cwd: string): string {
  const folder = dirname(result.manifestPath);
  return result.manifest.items
    .filter((entry) => entry.status !== 'failed' && entry.output !== null)
    .map((entry) => `${relative(cwd, resolve(folder, entry.output!)) || entry.output}\n`)
    .join('');
}

/**
 * `offerbrief batch: 36 rendered, 2 skipped, 2 failed of 40 items in 1.9s (18.9 briefs/s); manifest out/manifest.json`,
 * then the failures grouped by reason (each item, then its reason indented).
 */
export function formatSummary(result: BatchResult, cwd: string): string {
  const { summary } = result.manifest;
  const seconds = result.elapsedMs / 1000;
  const rate = seconds > 0 ? (summary.rendered / seconds).toFixed(1) : '0.0';
  const where = relative(cwd, result.manifestPath) || result.manifestPath;
  const lines = [
    `offerbrief batch: ${summary.rendered} rendered, ${summary.skipped} skipped, ${summary.failed} failed of ${summary.total} item${summary.total === 1 ? '' : 's'}${summary.warnings > 0 ? ` (${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} printed in the briefs; see the manifest)` : ''} in ${formatDuration(result.elapsedMs)} (${rate} briefs/s); manifest ${where}`,
  ];
  if (result.interrupted) {
    lines.push(`offerbrief batch: interrupted with ${summary.pending} item${summary.pending === 1 ? '' : 's'} pending; run the same command again to resume`);
  }
  if (result.failures.length > 0) {
    lines.push(`failed (${result.failures.length}):`);
    const groups = new Map<string, ManifestEntry[]>();
    for (const entry of result.failures) {
      const reason = entry.error ?? 'no reason given';
      const group = groups.get(reason);
      if (group) group.push(entry);
      else groups.set(reason, [entry]);
    }
    for (const [reason, entries] of groups) {
      for (const entry of entries) lines.push(`  ${describeItem(entry)}`);
      for (const line of reason.split('\n')) lines.push(`    ${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

import { clampJobs, parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';
import { readProcessStdin } from '../stdin.js';
import { ExitCode, OfferbriefError, UsageError } from '../../errors.js';
import { parseTolerance } from '../../config/tolerance.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { errorsOnly, lint, type LintRun } from '../../lint/run.js';
import { formatNames, reporters } from '../../report/index.js';
import { ruleIds } from '../../validate/registry.js';
import { didYouMean } from '../../suggest.js';
import type { Severity } from '../../validate/rule.js';
import { version } from '../../version.js';

export const help = `Usage: offerbrief lint [paths or globs...] [options]

Checks guides for inconsistent numbers and missing parts. Paths default to
guides/; folders are walked for *.md.

Options:
  -f, --format <name>    text (default), json (ESLint), sarif (SARIF 2.1.0), github (workflow commands)
  -q, --quiet            report errors only
      --max-warnings <n> exit 1 when there are more than n warnings
      --rule <id>=<level>
                         set a rule's severity: off, warn or error (repeatable)
      --tolerance <t>    allowed difference for total comp checks: 1000 (units),
                         0.5% (of the expected value) or both: 1000,0.5% (default)
  --config <file>        use this config for every guide instead of the nearest
                         offerbrief.config.json/.yaml/.yml or package.json#offerbrief
  -j, --jobs <n>         threads to use (default: automatic, more when there are many files;
                         at most 4 × cores)
  --max-size <bytes>     largest guide accepted (default 5MB; suffixes KB, MB)
  -w, --watch            lint again on every change of a guide or config (Ctrl-C stops)
  --stdin-filename <p>   with - as the path: lint stdin as if it were file <p>
  --fix                  apply the fixes rules know (tc-mismatch, strategy-tc-mismatch,
                         range-inverted) to the files, then report what is left
  --fix-dry-run          print the fixes as a unified diff instead; write nothing
  --cache                re-lint only files whose content, config or version changed
  --cache-location <p>   the cache file, or a folder for it
                         (default node_modules/.cache/offerbrief/)
  --date <YYYY-MM-DD>    the day sources-stale judges age on
                         (default: SOURCE_DATE_EPOCH, else today)
  -h, --help             show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors,
2 usage error, unreadable path or bad config.
Rules: https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md
`;

const levels: readonly Severity[] = ['off', 'warn', 'error'];

/** Parses repeated `--rule id=level` options. */
export function parseRuleOptions(values: readonly string[]): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const value of values) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule ${JSON.stringify(value)}: expected <rule-id>=off|warn|error, like --rule vesting-missing=off`);
    const [, id, level] = match as unknown as [string, string, string];
    if (!ruleIds.includes(id)) throw new UsageError(`--rule ${value}: unknown rule "${id}", expected one of ${ruleIds.join(', ')}${didYouMean(id, ruleIds)}`);
    if (!levels.includes(level as Severity)) throw new UsageError(`--rule ${value}: unknown level "${level}", expected off, warn or error`);
    out[id] = level as Severity;
  }
  return out;
}

function parseCount(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${option} ${JSON.stringify(value)}: expected a whole number, like ${option} 0`);
  return Number(value);
}

function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(value.trim());
  if (!match) throw new UsageError(`--max-size ${JSON.stringify(value)}: expected a size in bytes, like 5MB, 512KB or 100000`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1;
  return Math.floor(Number(match[1]) * factor);
}

/** Whether to colour text output: a TTY, unless NO_COLOR; FORCE_COLOR forces it. */
function useColor(ctx: CliContext): boolean {
  const force = ctx.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '') return false;
  return ctx.stdout.isTTY === true;
}

/** The day sources-stale judges age on: --date, else SOURCE_DATE_EPOCH (seconds, UTC), else today (UTC). */
export function lintDate(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option !== undefined) {
    const d = new Date(`${option}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(option) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== option) {
      throw new UsageError(`--date ${JSON.stringify(option)}: expected a calendar date as YYYY-MM-DD, like --date 2026-03-05`);
    }
    return option;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,12}$/.test(epoch.trim())) throw new UsageError(`Unexpected SOURCE_DATE_EPOCH "${epoch}", expected whole seconds since 1970-01-01 UTC`);
    return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
  }
  return new Date().toISOString().slice(0, 10);
}

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('lint', argv, {
    format: { type: 'string', short: 'f' },
    quiet: { type: 'boolean', short: 'q' },
    'max-warnings': { type: 'string' },
    rule: { type: 'string', multiple: true },
    tolerance: { type: 'string' },
    config: { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    'max-size': { type: 'string' },
    watch: { type: 'boolean', short: 'w' },
    'stdin-filename': { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    cache: { type: 'boolean' },
    'cache-location': { type: 'string' },
    date: { type: 'string' },
  });
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const format = values.format ?? 'text';
  const reporter = reporters[format];
  if (!reporter) throw new UsageError(`--format ${JSON.stringify(format)}: unknown format, expected one of ${formatNames.join(', ')}${didYouMean(format, formatNames)}`);
  const maxWarnings = values['max-warnings'] !== undefined ? parseCount(values['max-warnings'], '--max-warnings') : undefined;
  const jobs = values.jobs !== undefined ? clampJobs('lint', parseCount(values.jobs, '--jobs'), ctx.stderr) : undefined;
  const rules = parseRuleOptions(values.rule ?? []);
  const tolerance = values.tolerance !== undefined ? parseTolerance(values.tolerance) : undefined;
  const maxBytes = values['max-size'] !== undefined ? parseSize(values['max-size']) : undefined;
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run: give one of them (--fix writes the files, --fix-dry-run prints the diff)');
  const dryRun = values['fix-dry-run'] === true;
  if (dryRun && values.format !== undefined && values.format !== 'text') {
    throw new UsageError(`--fix-dry-run prints a unified diff, not a report: drop --format ${values.format}, or use --fix`);
  }
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  const date = lintDate(values.date, ctx.env);

  const args = positionals as string[];
  const stdinAt = args.indexOf('-');
  if (values['stdin-filename'] !== undefined && stdinAt === -1) throw new UsageError('--stdin-filename names the guide read from stdin, expected - among the paths, like `offerbrief lint - --stdin-filename guides/a.md`');
  if (stdinAt !== -1 && values.watch) throw new UsageError('--watch cannot watch stdin (-), expected files or folders');
  const paths = args.filter((path) => path !== '-');
  const options = {
    cwd: ctx.cwd,
    paths,
    rules,
    ...(tolerance ? { tolerance } : {}),
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(jobs !== undefined && jobs > 0 ? { jobs } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(values.fix ? { fix: true } : dryRun ? { fix: 'dry-run' as const } : {}),
    ...(values.cache ? { cache: true } : {}),
    ...(values['cache-location'] !== undefined ? { cacheLocation: values['cache-location'] } : {}),
    date,
  };
  const once = async (): Promise<number> => {
    const stdin = stdinAt !== -1 ? { contents: await (ctx.readStdin ?? readProcessStdin)(), ...(values['stdin-filename'] !== undefined ? { filename: values['stdin-filename'] } : {}) } : undefined;
    const outcome = await lint({ ...options, ...(stdin ? { stdin } : {}) });
    if (dryRun) {
      const { unifiedDiff } = await import('../../lint/diff.js');
      ctx.stdout.write(await unifiedDiff(outcome.results));
      const left = `${outcome.errorCount} error${outcome.errorCount === 1 ? '' : 's'} and ${outcome.warningCount} warning${outcome.warningCount === 1 ? '' : 's'}`;
      ctx.stderr.write(
        outcome.fixedCount === 0
          ? `offerbrief lint: nothing to fix; ${left} (run without --fix-dry-run to see them)\n`
          : `offerbrief lint: --fix would change ${outcome.fixedCount} file${outcome.fixedCount === 1 ? '' : 's'}; ${left} would remain (run without --fix-dry-run to see them)\n`,
      );
    }
    return report(outcome, values.quiet ?? false, maxWarnings, dryRun);
  };

  const report = (outcome: LintRun, quiet: boolean, maxWarnings: number | undefined, diffShown: boolean): number => {
    const shown = quiet ? errorsOnly(outcome.results) : outcome.results;
    if (diffShown) {
      // The diff took the report's place.
    } else if (outcome.results.length > 0 || outcome.ignoredCount === 0) ctx.stdout.write(reporter(shown, { color: useColor(ctx), version }));
    else {
      // Only ignored guides were named (a pre-commit hook passing staged files): not an error, as in ESLint.
      const n = outcome.ignoredCount;
      ctx.stderr.write(`offerbrief lint: ${n} file${n === 1 ? '' : 's'} ignored by the config's "ignores" (${outcome.configSources.join(', ')})\n`);
    }
    if (outcome.unreadableCount > 0) {
      ctx.stderr.write(`offerbrief lint: ${outcome.unreadableCount} file${outcome.unreadableCount === 1 ? '' : 's'} could not be read (see the file-unreadable messages)\n`);
      return ExitCode.usage;
    }
    if (outcome.errorCount > 0) return ExitCode.findings;
    if (maxWarnings !== undefined && outcome.warningCount > maxWarnings) {
      ctx.stderr.write(`offerbrief lint: ${outcome.warningCount} warnings, more than --max-warnings ${maxWarnings}\n`);
      return ExitCode.findings;
    }
    return ExitCode.ok;
  };

  if (!values.watch) return once();
  const [{ watchLoop }, { configSearchPaths }] = await Promise.all([import('../../watch/index.js'), import('../../config/load.js')]);
  const targets = (paths.length > 0 ? paths : ['guides']).map((path) => resolve(ctx.cwd, isDynamicPattern(path) ? picomatchBase(path) : path));
  const dependsOn = async () => {
    const folders = new Set<string>();
    for (const target of targets) folders.add(existsSync(target) && statSync(target).isDirectory() ? target : dirname(target));
    const configs = (await Promise.all([...folders].map((folder) => configSearchPaths(folder)))).flat();
    return [...targets, ...configs, ...(values.config !== undefined ? [resolve(ctx.cwd, values.config)] : [])];
  };
  await watchLoop({
    cwd: ctx.cwd,
    name: 'lint',
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    run: async () => {
      try {
        await once();
      } catch (error) {
        if (error instanceof OfferbriefError) Object.assign(error, { watchPaths: await dependsOn() });
        throw error;
      }
      return dependsOn();
    },
  });
  return ExitCode.ok;
}

/** The folder a glob starts from (`guides/**\/*.md` → guides). */
function picomatchBase(pattern: string): string {
  return picomatch.scan(pattern).base || '.';
}

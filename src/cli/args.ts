import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { closest } from '../suggest.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<T extends Options> = T & { help: { type: 'boolean'; short: 'h' } };

/** What parseArgs returns for these options (named, so declarations can be emitted). */
export type ParsedCommandArgs<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<T>; allowPositionals: boolean; strict: true }>
>;

/** node:util parseArgs, with its errors turned into usage errors that name the command. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T, allowPositionals = true): ParsedCommandArgs<T> {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<T>;
    return parseArgs({ args: argv, options: withHelp, allowPositionals, strict: true as const });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message}${optionHint(message, options)}\nRun \`offerbrief ${command} --help\` for usage.`);
  }
}

/** The most threads a command starts: 4 per core (more only costs memory, or fails with EAGAIN). */
export function maxJobs(): number {
  return 4 * availableParallelism();
}

/** `--jobs n` clamped to {@link maxJobs}, with a warning on stderr when it was more. */
export function clampJobs(command: string, jobs: number, stderr: { write(chunk: string): unknown }): number {
  const max = maxJobs();
  if (jobs <= max) return jobs;
  stderr.write(`offerbrief ${command}: warning: --jobs ${jobs} is more than this machine can use; using ${max} (4 × ${availableParallelism()} cores)\n`);
  return max;
}

/** What a short option means in the tools users know, when several long options start with its letter. */
const conventionalShort: Record<string, string> = { c: 'config', f: 'format', o: 'out' };

/** "; did you mean --format?" for a misspelt long option, or the long option a short one may have meant. */
function optionHint(message: string, options: Options): string {
  const unknown = /^Unknown option '(-{1,2})([^'=]+)/.exec(message);
  if (!unknown) return '';
  const names = [...Object.keys(options), 'help'];
  const [, dashes, name] = unknown as unknown as [string, string, string];
  if (dashes === '-') {
    const long = names.filter((option) => option.startsWith(name));
    if (long.length === 1) return `; did you mean --${long[0]}?`;
    // Several start with the letter (lint's --cache, --config): the one other tools give it (ESLint's -c).
    const usual = conventionalShort[name];
    return usual !== undefined && long.includes(usual) ? `; did you mean --${usual}?` : '';
  }
  const match = closest(name, names);
  return match ? `; did you mean --${match}?` : '';
}

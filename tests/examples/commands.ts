import { parse, type ParseEntry } from 'shell-quote';

/** Stands for a value the shell or the CI fills in (`$VAR`, `${{ matrix.shard }}`): unknown here. */
export const UNKNOWN = '\u0001';

/**
 * The `offerbrief …` command lines in a shell script, each as the argv offerbrief gets
 * (`npx offerbrief`, `npx --yes offerbrief@1.2.3` and `node bin/offerbrief.js` count too).
 * Variables and GitHub expressions become UNKNOWN; a command line ends at a pipe,
 * redirection, `;`, `&&`, `||` or comment.
 */
export function offerbriefCommands(script: string): string[][] {
  const text = script.replace(/\$\{\{[^}]*\}\}/g, '$GITHUB_EXPRESSION').replace(/\\\n/g, ' ');
  const found: string[][] = [];
  for (const line of text.split('\n')) {
    const entries = parse(line, () => UNKNOWN);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (typeof entry !== 'string' || !isOfferbrief(entry, entries[i - 1])) continue;
      const argv: string[] = [];
      for (let j = i + 1; j < entries.length; j++) {
        const next: ParseEntry = entries[j]!;
        if (typeof next === 'string') {
          const after = entries[j + 1];
          // "2>&1": the 2 is the redirection's file descriptor, not an argument.
          if (/^\d+$/.test(next) && typeof after === 'object' && 'op' in after && /^[<>]/.test(after.op)) break;
          argv.push(next);
        } else if ('op' in next && next.op === 'glob') {
          argv.push((next as { pattern: string }).pattern);
        } else {
          break;
        }
      }
      found.push(argv);
      i = entries.length;
    }
  }
  return found;
}

function isOfferbrief(word: string, before: ParseEntry | undefined): boolean {
  if (word === 'offerbrief' || word.startsWith('offerbrief@')) return before === undefined || typeof before !== 'string' || !/^(echo|printf|#)$/.test(before);
  return /(^|\/)bin\/offerbrief\.js$/.test(word);
}

/** The value of `--name` in argv (`--name v` or `--name=v`), every occurrence. */
export function optionValues(argv: readonly string[], name: string, short?: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}` || (short && arg === `-${short}`)) {
      if (argv[i + 1] !== undefined) values.push(argv[i + 1]!);
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}

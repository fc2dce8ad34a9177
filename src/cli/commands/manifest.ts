import { relative } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';
import { mergeManifestFiles } from '../../batch/merge.js';

export const help = `Usage: offerbrief manifest merge <OUT|DIR> [MANIFEST...] [--allow-partial]

Joins the manifests of a sharded batch (offerbrief batch --shard i/n) into one
manifest of the whole batch.

  OUT       the merged manifest's path; when it is a folder (or ends in /),
            <folder>/manifest.json
  MANIFEST  the shards' manifests; when none is given, every
            manifest.shard-<i>-of-<n>.json in the folder OUT

The shards must come from the same tool version, date and options, be shards
of the same n, each once, and not list the same item or output file twice.
Output paths are rewritten relative to the merged manifest's folder.

Options:
      --allow-partial  merge even when a shard is missing or was interrupted
  -h, --help           show this help

Exit codes: 0 merged, 1 the manifests do not fit together (each problem is
listed), 2 usage or I/O errors.
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('manifest', argv, { 'allow-partial': { type: 'boolean' } } as const);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const [verb, out, ...manifests] = positionals;
  if (verb !== 'merge') {
    throw new UsageError(
      `${verb === undefined ? 'missing subcommand' : `unknown subcommand "${verb}"`}, expected: offerbrief manifest merge <OUT|DIR> [MANIFEST...]`,
    );
  }
  if (out === undefined) throw new UsageError('missing OUT, expected: offerbrief manifest merge <OUT|DIR> [MANIFEST...]');
  const { manifest, path } = await mergeManifestFiles({ cwd: ctx.cwd, out, manifests, allowPartial: values['allow-partial'] ?? false });
  const { summary } = manifest;
  ctx.stdout.write(
    `offerbrief manifest merge: ${manifest.mergedFrom.length} manifest${manifest.mergedFrom.length === 1 ? '' : 's'}, ${summary.total} items (${summary.rendered} rendered, ${summary.skipped} skipped, ${summary.failed} failed${summary.pending > 0 ? `, ${summary.pending} pending` : ''}) → ${relative(ctx.cwd, path) || path}\n`,
  );
  return ExitCode.ok;
}

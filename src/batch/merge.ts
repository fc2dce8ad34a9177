import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { ensureDir } from './fs.js';
import { mergeManifests, readManifest, writeManifest, type Manifest, type MergeInput } from './manifest.js';

export interface MergeFilesOptions {
  cwd: string;
  /** The merged manifest's path, or a folder (then `<folder>/manifest.json`). */
  out: string;
  /** Shard manifests; empty: every `manifest.shard-*-of-*.json` in the `out` folder. */
  manifests: readonly string[];
  allowPartial?: boolean;
}

export interface MergeFilesResult {
  manifest: Manifest;
  path: string;
}

const SHARD_MANIFEST = /^manifest\.shard-\d+-of-\d+\.json$/;

/**
 * `offerbrief manifest merge`: reads shard manifests, joins them (see `mergeManifests`) and writes
 * the result atomically. Output paths are rewritten relative to the merged manifest's folder, so
 * shards gathered from several folders still point at their PDFs.
 */
export async function mergeManifestFiles(options: MergeFilesOptions): Promise<MergeFilesResult> {
  const target = resolve(options.cwd, options.out);
  const isDir = options.out.endsWith('/') || options.out.endsWith(sep) || (await stat(target).then((s) => s.isDirectory(), () => false));
  const path = isDir ? join(target, 'manifest.json') : target;
  const shown = new Map<string, string>();
  let files = options.manifests.map((file) => {
    const absolute = resolve(options.cwd, file);
    shown.set(absolute, file);
    return absolute;
  });
  if (files.length === 0) {
    if (!isDir) throw new UsageError('no manifests to merge, expected: offerbrief manifest merge OUT MANIFEST... (or a folder holding manifest.shard-*-of-*.json)');
    const names = await readdir(target).catch(() => [] as string[]);
    files = names.filter((name) => SHARD_MANIFEST.test(name)).sort().map((name) => join(target, name));
    if (files.length === 0) throw new UsageError(`${options.out}: no manifest.shard-*-of-*.json in this folder, expected the shards' manifests`);
  }
  if (files.includes(path)) throw new UsageError(`${options.out}: the merged manifest would overwrite one of its inputs; choose another OUT`);
  const folder = dirname(path);
  const inputs: MergeInput[] = [];
  for (const file of files) {
    const manifest = await readManifest(file, shown.get(file) ?? toPosix(relative(options.cwd, file)));
    const from = dirname(file);
    const items = manifest.items.map((entry) =>
      entry.output === null ? entry : { ...entry, output: toPosix(relative(folder, resolve(from, entry.output))) },
    );
    inputs.push({ name: toPosix(relative(folder, file)) || file, manifest: { ...manifest, items } });
  }
  const manifest = mergeManifests(inputs, { allowPartial: options.allowPartial ?? false });
  await ensureDir(folder);
  await writeManifest(path, manifest);
  return { manifest, path };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { ensureDir, isInside, sameFile } from './fs.js';
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
  const missing: string[] = [];
  for (const file of files) {
    const name = shown.get(file) ?? toPosix(relative(options.cwd, file));
    const manifest = await readManifest(file, name);
    const from = dirname(file);
    // The manifests are input, not truth: every PDF they list must lie in their folder, be there and have its sha256.
    for (const entry of manifest.items) {
      if (entry.status === 'failed' || entry.output === null) continue;
      if (!isInside(from, entry.output)) missing.push(`${name}: item ${entry.id}: output ${JSON.stringify(entry.output)} is outside ${toPosix(relative(options.cwd, from)) || '.'}, expected a file in the manifest's folder`);
      else if (!sameFile(resolve(from, entry.output), entry.bytes, entry.sha256)) {
        missing.push(`${name}: item ${entry.id}: ${toPosix(relative(options.cwd, resolve(from, entry.output)))} is missing or not the file rendered (size or sha256 differ); run that batch again`);
      }
    }
    const items = manifest.items.map((entry) =>
      entry.output === null ? entry : { ...entry, output: toPosix(relative(folder, resolve(from, entry.output))) },
    );
    inputs.push({ name: toPosix(relative(folder, file)) || file, manifest: { ...manifest, items } });
  }
  if (missing.length > 0) throw new InputError(`cannot merge the manifests:\n  ${missing.join('\n  ')}`);
  const manifest = mergeManifests(inputs, { allowPartial: options.allowPartial ?? false });
  await ensureDir(folder);
  await writeManifest(path, manifest);
  return { manifest, path };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

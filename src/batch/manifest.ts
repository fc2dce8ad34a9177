import { z } from 'zod';
import { InputError } from '../errors.js';
import { maxManifestBytes, readRegularFile } from '../read.js';
import { sha256 } from './ids.js';
import { writeFileAtomic } from './fs.js';

export const MANIFEST_VERSION = 1;

export const EntryStatus = z.enum(['rendered', 'skipped', 'failed']);
export type EntryStatus = z.infer<typeof EntryStatus>;

/** One item of a batch, as the manifest records it. */
export const ManifestEntry = z.object({
  /** Stable id (see `itemId`). */
  id: z.string(),
  /** Guide path relative to the folder the batch ran in (null when none could be chosen). */
  guide: z.string().nullable(),
  /** Candidate profile path relative to the folder the batch ran in. */
  candidate: z.string(),
  region: z.string().nullable(),
  status: EntryStatus,
  /** The PDF's path relative to the manifest's folder (null when it failed). */
  output: z.string().nullable(),
  /** sha256 of the PDF's bytes, hex. */
  sha256: z.string().nullable(),
  /** Size of the PDF in bytes. */
  bytes: z.number().int().nullable(),
  /** Why the item failed (null unless failed). */
  error: z.string().nullable(),
  /** What the brief warns its reader about (also printed in the PDF's "Before the call"). */
  warnings: z.array(z.string()).default([]),
  /** The incremental cache key: sha256 over the inputs' bytes, template, tool version, region, date, options. */
  key: z.string().nullable(),
  /** sha256 of each input's bytes (null when it could not be read). */
  inputs: z.object({
    guide: z.string().nullable(),
    candidate: z.string().nullable(),
    template: z.string().nullable(),
  }),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

/** Options that shape the output; shards must agree on them to be merged. */
export const ManifestOptions = z.object({
  template: z.string(),
  regions: z.string().nullable(),
  force: z.boolean(),
});
export type ManifestOptions = z.infer<typeof ManifestOptions>;

export const ManifestSummary = z.object({
  /** Items planned (in this shard). */
  total: z.number().int(),
  rendered: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Warnings over the rendered and skipped items (each brief prints its own). */
  warnings: z.number().int().default(0),
  /** Items not reached (an interrupted run); an earlier run's entry is kept for them when there is one. */
  pending: z.number().int(),
});
export type ManifestSummary = z.infer<typeof ManifestSummary>;

export const Manifest = z.object({
  tool: z.literal('offerbrief'),
  manifestVersion: z.literal(MANIFEST_VERSION),
  /** The tool's version. */
  version: z.string(),
  /** The date printed in the briefs (YYYY-MM-DD). */
  date: z.string(),
  options: ManifestOptions,
  /** The shard this manifest covers (null: the whole batch). */
  shard: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  /** For a merged manifest: the shard manifests it joins (file names), else empty. */
  mergedFrom: z.array(z.string()),
  /** False when the run was interrupted before every item was done. */
  complete: z.boolean(),
  summary: ManifestSummary,
  /** Sorted by id. */
  items: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

/** The inputs of the incremental cache key of one item. */
export interface CacheKeyInput {
  guideSha256: string;
  candidateSha256: string;
  templateSha256: string;
  version: string;
  region: string;
  date: string;
  options: { template: string };
}

/**
 * The incremental cache key: sha256 over the guide's bytes, the candidate's bytes, the template,
 * the tool version, the region, the date and the options that shape the PDF (as their hashes).
 */
export function cacheKey(input: CacheKeyInput): string {
  return sha256(
    JSON.stringify([
      'offerbrief-cache-1',
      input.guideSha256,
      input.candidateSha256,
      input.templateSha256,
      input.version,
      input.region,
      input.date,
      input.options.template,
    ]),
  );
}

/** Sorts entries by id (code-unit order, the same everywhere). */
export function sortEntries(entries: Iterable<ManifestEntry>): ManifestEntry[] {
  return [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The manifest's JSON text: two-space indent, a final newline, keys in schema order. */
export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(Manifest.parse(manifest), null, 2)}\n`;
}

const ManifestHead = Manifest.omit({ items: true });
/** Entries per piece of `manifestPieces`: ~100 KB of text. */
const ENTRIES_PER_PIECE = 100;

/** An entry's text as an item of the manifest's list: checked, in schema order, indented. */
function entryText(entry: ManifestEntry): string {
  // Formatted two levels deep, as in the manifest, and cut out: one flat string (re-indenting
  // with replaceAll made a rope of ~40 pieces, twice the text's size, for the cache to keep).
  return JSON.stringify([[ManifestEntry.parse(entry)]], null, 2).slice('[\n  [\n'.length, -'\n  ]\n]'.length);
}

/** Bytes of an entry's text, by entry. */
export type EntryBytes = (entry: ManifestEntry) => Uint8Array;

/** `entryText` as UTF-8, made anew each time. */
const entryBytes: EntryBytes = (entry) => Buffer.from(entryText(entry));

/**
 * `entryBytes`, made once per entry object: a running batch rewrites its manifest every 2 s with
 * the same entries plus the new ones. Formatting every entry again on each write made the work of
 * a batch's writes grow with the square of its size (at 3,000 items ~0.4 s of main-thread CPU),
 * and the text of each write (3 MB at 3,000 items), as strings and then as bytes, made the main
 * thread's heap grow with the batch. Bytes, not strings: a write then only copies them into its
 * pieces, off the JavaScript heap, and the cache holds 1 byte per character, not a string's 1-2.
 */
export function entryBytesCache(): EntryBytes {
  const bytes = new WeakMap<ManifestEntry, Uint8Array>();
  return (entry) => {
    let found = bytes.get(entry);
    if (found === undefined) {
      found = entryBytes(entry);
      bytes.set(entry, found);
    }
    return found;
  };
}

const COMMA_NEWLINE = Buffer.from(',\n');
const NEWLINE = Buffer.from('\n');

/**
 * `formatManifest`'s text as UTF-8, in pieces of ~100 entries, each entry checked and formatted
 * on its own (by `bytesOf`, so that a running batch formats each entry once): one string of the
 * whole plus the checked copy of every entry made the main thread's heap grow with the batch
 * (peak RSS of 3,000 briefs 323 MB, 302 MB without the rewrites). tests/batch/manifest.test.ts
 * checks the bytes are `formatManifest`'s.
 */
export function* manifestPieces(manifest: Manifest, bytesOf: EntryBytes = entryBytes): Generator<Uint8Array> {
  if (manifest.items.length === 0) {
    yield Buffer.from(formatManifest(manifest));
    return;
  }
  // The items are the last field: the head's text with an empty list, opened.
  const head = JSON.stringify({ ...ManifestHead.parse(manifest), items: [] }, null, 2);
  const emptyItems = '[]\n}';
  if (!head.endsWith(emptyItems)) throw new Error('manifest: the items are expected to be its last field');
  let piece: Uint8Array[] = [Buffer.from(`${head.slice(0, -emptyItems.length)}[\n`)];
  const items = manifest.items;
  for (let index = 0; index < items.length; index++) {
    piece.push(bytesOf(items[index]!), index < items.length - 1 ? COMMA_NEWLINE : NEWLINE);
    if ((index + 1) % ENTRIES_PER_PIECE === 0) {
      yield Buffer.concat(piece);
      piece = [];
    }
  }
  piece.push(Buffer.from('  ]\n}\n'));
  yield Buffer.concat(piece);
}

/** Writes the manifest atomically; `bytesOf` as for `manifestPieces`. */
export async function writeManifest(path: string, manifest: Manifest, bytesOf: EntryBytes = entryBytes): Promise<void> {
  await writeFileAtomic(path, manifestPieces(manifest, bytesOf), { mode: 0o644 });
}

/**
 * Reads and checks a manifest. Throws `IoError` when it cannot be read and `InputError` when it
 * is not a manifest of this tool (naming the first problem's field path).
 */
export async function readManifest(path: string, shown: string = path): Promise<Manifest> {
  const bytes = await readRegularFile(path, { maxBytes: maxManifestBytes, shown, what: 'manifest' });
  return parseManifest(bytes.toString('utf8'), shown);
}

export function parseManifest(text: string, path: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: unexpected text, expected a JSON manifest (${(error as Error).message})`);
  }
  const result = Manifest.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new InputError(`${path}: ${where}: ${issue.message}; expected a manifest written by offerbrief batch (manifestVersion ${MANIFEST_VERSION})`);
  }
  return result.data;
}

/** Counts the entries' statuses. */
export function summarize(entries: readonly ManifestEntry[], total: number): ManifestSummary {
  const summary: ManifestSummary = { total, rendered: 0, skipped: 0, failed: 0, warnings: 0, pending: 0 };
  for (const entry of entries) {
    summary[entry.status]++;
    if (entry.status !== 'failed') summary.warnings += entry.warnings?.length ?? 0;
  }
  summary.pending = Math.max(0, total - summary.rendered - summary.skipped - summary.failed);
  return summary;
}

export interface MergeInput {
  /** How to name this manifest in messages and in `mergedFrom`. */
  name: string;
  manifest: Manifest;
}

/**
 * Joins shard manifests into one manifest of the whole batch. The shards must come from the same
 * tool version, date and options, be shards of the same count, each at most once, and not claim
 * the same item or the same output file twice; a missing shard or an incomplete (interrupted)
 * shard is refused unless `allowPartial`. Throws `InputError` naming every problem.
 */
export function mergeManifests(inputs: readonly MergeInput[], options: { allowPartial?: boolean } = {}): Manifest {
  if (inputs.length === 0) throw new InputError('no manifests to merge');
  const first = inputs[0]!.manifest;
  const problems: string[] = [];
  const seenShards = new Map<number, string>();
  let count: number | null = null;
  for (const { name, manifest } of inputs) {
    if (manifest.version !== first.version) problems.push(`${name}: version ${manifest.version}, expected ${first.version} like ${inputs[0]!.name}`);
    if (manifest.date !== first.date) problems.push(`${name}: date ${manifest.date}, expected ${first.date} like ${inputs[0]!.name}`);
    // --force changes what was rendered again, not what the batch is: shards may differ in it.
    const plan = (m: Manifest) => JSON.stringify({ template: m.options.template, regions: m.options.regions });
    if (plan(manifest) !== plan(first)) {
      problems.push(`${name}: options ${plan(manifest)}, expected ${plan(first)} like ${inputs[0]!.name}`);
    }
    const shard = manifest.shard ?? { index: 1, count: 1 };
    if (count === null) count = shard.count;
    else if (shard.count !== count) problems.push(`${name}: shard ${shard.index}/${shard.count}, expected a shard of ${count}`);
    const other = seenShards.get(shard.index);
    if (other !== undefined) problems.push(`${name}: shard ${shard.index}/${shard.count} again (also ${other})`);
    else seenShards.set(shard.index, name);
    if (!manifest.complete && !options.allowPartial) {
      problems.push(`${name}: an interrupted run (${manifest.summary.pending} items pending); run that shard again, or pass --allow-partial`);
    }
  }
  if (count !== null && !options.allowPartial) {
    for (let index = 1; index <= count; index++) {
      if (!seenShards.has(index)) problems.push(`shard ${index}/${count} is missing; pass its manifest, or --allow-partial`);
    }
  }
  const byId = new Map<string, { entry: ManifestEntry; from: string }>();
  const byOutput = new Map<string, { id: string; from: string }>();
  for (const { name, manifest } of inputs) {
    for (const entry of manifest.items) {
      const seen = byId.get(entry.id);
      if (seen) {
        problems.push(`${name}: item ${entry.id} (${describeItem(entry)}) is also in ${seen.from}`);
        continue;
      }
      byId.set(entry.id, { entry, from: name });
      if (entry.output !== null && entry.status !== 'failed') {
        const owner = byOutput.get(entry.output);
        if (owner) problems.push(`${name}: item ${entry.id} writes ${entry.output}, like item ${owner.id} of ${owner.from}`);
        else byOutput.set(entry.output, { id: entry.id, from: name });
      }
    }
  }
  if (problems.length > 0) throw new InputError(`cannot merge the manifests:\n  ${problems.join('\n  ')}`);
  const items = sortEntries([...byId.values()].map((value) => value.entry));
  const total = inputs.reduce((sum, input) => sum + input.manifest.summary.total, 0);
  return {
    tool: 'offerbrief',
    manifestVersion: MANIFEST_VERSION,
    version: first.version,
    date: first.date,
    options: { ...first.options, force: inputs.some((input) => input.manifest.options.force) },
    shard: null,
    mergedFrom: inputs.map((input) => input.name),
    complete: inputs.every((input) => input.manifest.complete) && (count === null || seenShards.size === count),
    summary: summarize(items, total),
    items,
  };
}

/** `guide × candidate (region)`, for messages. */
export function describeItem(entry: { guide: string | null; candidate: string; region: string | null }): string {
  return `${entry.guide ?? '(no guide)'} × ${entry.candidate}${entry.region !== null ? ` (${entry.region})` : ''}`;
}

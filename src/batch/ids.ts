import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/** sha256 of bytes or a string, as lowercase hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What identifies one item of a batch: a guide, a candidate profile and a region. */
export interface ItemKey {
  /** The guide's path relative to the batch's folder, with `/` separators (null: none could be chosen). */
  guide: string | null;
  /** The candidate profile's path relative to the batch's folder, with `/` separators. */
  candidate: string;
  /** The band region (null: none could be chosen). */
  region: string | null;
}

/**
 * A stable id for an item: the first 16 hex digits of the sha256 of its guide path, candidate
 * path and region (paths relative to the folder the batch runs in). The same inputs give the
 * same id on every machine, so manifests of shards and of earlier runs line up.
 */
export function itemId(key: ItemKey): string {
  return sha256(`offerbrief-item\0${key.guide ?? ''}\0${key.candidate}\0${key.region ?? ''}`).slice(0, 16);
}

/** A slice of a batch: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`--shard: unexpected "${text}", expected i/n such as 1/4`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: unexpected "${text}", expected i/n with 1 ≤ i ≤ n (such as 1/4)`);
  }
  return { index, count };
}

/**
 * The shard (1-based) an item belongs to among `count`: the sha256 of its id, first 32 bits,
 * modulo `count`. Depends only on the id, so every machine of a CI matrix agrees.
 */
export function shardOf(id: string, count: number): number {
  if (count <= 1) return 1;
  const hash = sha256(`offerbrief-shard\0${id}`);
  return (Number.parseInt(hash.slice(0, 8), 16) % count) + 1;
}

/** True when the item with this id belongs to `shard` (always true without a shard). */
export function inShard(id: string, shard: Shard | null | undefined): boolean {
  return !shard || shardOf(id, shard.count) === shard.index;
}

/** Manifest file name: `manifest.json`, or `manifest.shard-<i>-of-<n>.json` for a shard. */
export function manifestFileName(shard: Shard | null | undefined): string {
  return shard && shard.count > 1 ? `manifest.shard-${shard.index}-of-${shard.count}.json` : 'manifest.json';
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inShard, itemId, manifestFileName, parseShard, shardOf } from '../../src/batch/ids.js';

describe('item ids and shards', () => {
  it('gives an item the same id every time (16 hex digits of a sha256)', () => {
    const key = { guide: 'guides/acme-platform.md', candidate: 'candidates/ana.yaml', region: 'Seattle' };
    expect(itemId(key)).toBe(itemId({ ...key }));
    expect(itemId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(itemId(key)).not.toBe(itemId({ ...key, region: 'Austin' }));
    expect(itemId({ guide: 'a', candidate: 'b', region: 'c' })).not.toBe(itemId({ guide: 'a\0b', candidate: '', region: 'c' }));
    // Pinned: a change here breaks every user's manifest (all items render again).
    expect(itemId(key)).toBe('d774f8d82905ffe4');
  });

  it('puts every id in exactly one shard of n, spread over all of them', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (names, n) => {
        for (const name of names) {
          const id = itemId({ guide: 'g', candidate: name, region: 'r' });
          const owners = Array.from({ length: n }, (_, i) => i + 1).filter((index) => inShard(id, { index, count: n }));
          expect(owners).toEqual([shardOf(id, n)]);
        }
      }),
    );
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[shardOf(itemId({ guide: 'g', candidate: `c${i}`, region: 'r' }), 4) - 1]!++;
    for (const count of counts) expect(count).toBeGreaterThan(60);
    expect(inShard('anything', null)).toBe(true);
  });

  it('parses --shard i/n and refuses the rest', () => {
    expect(parseShard('1/2')).toEqual({ index: 1, count: 2 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
    expect(() => parseShard('0/2')).toThrow('--shard: unexpected "0/2", expected i/n with 1 ≤ i ≤ n (such as 1/4)');
    expect(() => parseShard('3/2')).toThrow('expected i/n with 1 ≤ i ≤ n');
    expect(() => parseShard('half')).toThrow('--shard: unexpected "half", expected i/n such as 1/4');
  });

  it('names a shard\'s manifest after the shard', () => {
    expect(manifestFileName(null)).toBe('manifest.json');
    expect(manifestFileName({ index: 1, count: 1 })).toBe('manifest.json');
    expect(manifestFileName({ index: 2, count: 3 })).toBe('manifest.shard-2-of-3.json');
  });
});

import { describe, expect, test } from 'vitest';
import { once, type RenderContext } from '../../src/render/context.js';

/** Only what `once` reads: a pass's table of what it built. */
const pass = () => ({ computed: new Map() }) as unknown as RenderContext;

describe('once', () => {
  test('builds a key once per pass and gives the same value back', () => {
    const calls: object[] = [];
    const build = (_ctx: RenderContext, key: object) => {
      calls.push(key);
      return { built: calls.length };
    };
    const ctx = pass();
    const a = {};
    const b = {};
    const first = once(ctx, build, a);
    expect(once(ctx, build, a)).toBe(first);
    expect(once(ctx, build, b)).toEqual({ built: 2 });
    expect(once(ctx, build, b)).toEqual({ built: 2 });
    expect(calls).toEqual([a, b]);
  });

  test('keeps builders apart, and a new pass builds again', () => {
    const key = {};
    const left = () => 'left';
    const right = () => 'right';
    const ctx = pass();
    expect(once(ctx, left, key)).toBe('left');
    expect(once(ctx, right, key)).toBe('right');
    let builds = 0;
    const counted = () => ++builds;
    expect(once(ctx, counted, key)).toBe(1);
    expect(once(pass(), counted, key)).toBe(2);
  });

  test('remembers a value that is undefined or null too', () => {
    let builds = 0;
    const nothing = () => {
      builds++;
      return undefined;
    };
    const ctx = pass();
    once(ctx, nothing, ctx);
    once(ctx, nothing, ctx);
    expect(builds).toBe(1);
  });
});

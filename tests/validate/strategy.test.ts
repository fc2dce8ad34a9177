import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { Guide, StrategyPackage } from '../../src/model/guide.js';
import { parseGuide } from '../../src/parse/index.js';
import { validateGuide } from '../../src/validate/index.js';

const ok = readFileSync(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');

/** The ok guide with its strategy's packages replaced (positions stay those of the ok guide's mentions). */
function withStrategy(target: Partial<StrategyPackage> | null, floor: Partial<StrategyPackage> | null): Guide {
  const { guide } = parseGuide(ok);
  const s = guide.strategy!;
  return {
    ...guide,
    strategy: {
      ...s,
      target: target && { ...s.target!, ...target },
      floor: floor && { ...s.floor!, ...floor },
    },
  };
}

function findings(guide: Guide) {
  const file = validateGuide(guide, new VFile({ path: 'g.md' }));
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
}

describe('strategy rules on the model', () => {
  it('the ok guide reads target 205/240/4yr = 265 and floor 190/200/4yr', () => {
    const { guide } = parseGuide(ok);
    expect(guide.strategy?.target).toEqual({ base: 205_000, equity: 240_000, vestingYears: 4, bonus: null, totalComp: 265_000 });
    expect(guide.strategy?.floor).toEqual({ base: 190_000, equity: 200_000, vestingYears: 4, bonus: null, totalComp: null });
    expect(findings(guide)).toEqual([]);
  });

  it('adds a bonus the sentence names', () => {
    expect(findings(withStrategy({ bonus: 20_000, totalComp: 285_000 }, {}))).toEqual([]);
    expect(findings(withStrategy({ bonus: 20_000 }, {}))).toEqual([
      '20:196 strategy-tc-mismatch Unexpected target TC $265K, expected $285K ($205K + $240K/4yr + $20K)',
    ]);
  });

  it('checks the floor TC when one is written (at the strategy when the text has no such number)', () => {
    expect(findings(withStrategy({}, { totalComp: 240_500 }))).toEqual([]);
    expect(findings(withStrategy({}, { totalComp: 250_000 }))).toEqual([
      '20:1 strategy-tc-mismatch Unexpected floor TC $250K, expected $240K ($190K + $200K/4yr)',
    ]);
  });

  it('compares a computed floor TC with the target TC even when the bases are in order', () => {
    expect(findings(withStrategy({}, { base: 200_000, equity: 400_000 }))).toEqual([
      '20:225 strategy-floor-above-target Unexpected floor TC $300K ($200K + $400K/4yr) above the target TC $265K, expected the floor at or below the target',
    ]);
  });

  it('says nothing about a missing target or floor', () => {
    expect(findings(withStrategy(null, {}))).toEqual([]);
    expect(findings(withStrategy({}, null))).toEqual([]);
  });

  it('warns about a floor base outside every band, naming the nearest band', () => {
    expect(findings(withStrategy({}, { base: 150_000, equity: 0 }))).toEqual([
      "20:225 strategy-outside-band Unexpected floor base $150K outside every region's base band, expected a base within one, e.g. Austin $165K-$205K",
    ]);
  });
});

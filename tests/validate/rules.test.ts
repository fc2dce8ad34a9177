import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/validate/index.js';
import { rules } from '../../src/validate/registry.js';

const fixture = (rule: string, name: 'ok' | 'not-ok') =>
  readFileSync(new URL(`../fixtures/lint/rules/${rule}/${name}.md`, import.meta.url));

/** [ruleId, severity, line, column, endLine, endColumn, message] */
type Row = [string, 'error' | 'warning', number, number, number, number, string];

function lintRows(source: Uint8Array | string): Row[] {
  const { file } = lintGuideSource(source, { path: 'guide.md', date: '2026-12-01' });
  return file.messages.map((m) => [
    m.ruleId ?? '',
    m.fatal ? 'error' : 'warning',
    m.line ?? 0,
    m.column ?? 0,
    m.place && 'end' in m.place ? m.place.end.line : 0,
    m.place && 'end' in m.place ? m.place.end.column : 0,
    m.reason,
  ]);
}

const expected: Record<string, Row[]> = {
  'table-missing': [
    ['table-missing', 'error', 1, 1, 1, 61, 'Unexpected guide without a band table, expected a table with Region, Base Salary and Total Comp columns'],
  ],
  'column-missing': [
    ['column-missing', 'error', 5, 1, 5, 50, 'Unexpected band table without a Total Comp column, expected columns Region, Base Salary and Total Comp (found "Region", "Base Salary", "Equity (RSU/4yr)", "Bonus")'],
  ],
  'money-invalid': [
    ['money-invalid', 'error', 8, 12, 8, 15, 'Unexpected base salary "TBD" for Austin, expected an amount like $188K, a range like $188K-$235K or — for none'],
    ['money-invalid', 'error', 9, 26, 9, 29, 'Unexpected equity percentage "12%" for London, expected an amount like $188K, a range like $188K-$235K or — for none'],
  ],
  'range-inverted': [
    ['range-inverted', 'error', 7, 13, 7, 24, 'Unexpected base salary range $220K-$180K with its low end above its high end, expected $180K-$220K'],
  ],
  'currency-mixed': [
    ['currency-mixed', 'error', 9, 26, 9, 37, 'Unexpected USD ($) in equity of London, expected GBP (£) like the rest of the row'],
  ],
  'region-duplicate': [
    ['region-duplicate', 'error', 9, 3, 9, 9, 'Unexpected second row for region "austin", expected each region once (first on line 8)'],
  ],
  'tc-mismatch': [
    ['tc-mismatch', 'error', 8, 44, 8, 55, 'Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)'],
  ],
  'vesting-missing': [
    ['vesting-missing', 'warning', 5, 26, 5, 38, 'Unexpected equity header "Equity (RSU)" without a vesting period, expected one like "Equity (RSU/4yr)"; 4 years is assumed'],
  ],
  'strategy-tc-mismatch': [
    ['strategy-tc-mismatch', 'error', 20, 196, 20, 201, 'Unexpected target TC $275K, expected $265K ($205K + $240K/4yr)'],
  ],
  'strategy-floor-above-target': [
    ['strategy-floor-above-target', 'error', 20, 225, 20, 230, 'Unexpected floor base $215K above the target base $205K, expected the floor at or below the target'],
    ['strategy-floor-above-target', 'error', 20, 225, 20, 230, 'Unexpected floor TC $275K ($215K + $240K/4yr) above the target TC $265K, expected the floor at or below the target'],
  ],
  'strategy-outside-band': [
    ['strategy-outside-band', 'warning', 20, 145, 20, 150, "Unexpected target base $230K outside every region's base band, expected a base within one, e.g. Seattle $180K-$220K"],
  ],
  'section-missing': [
    ['section-missing', 'warning', 1, 1, 1, 61, 'Unexpected guide without sources, expected a bullet list under "**Evidence & Sources**"'],
  ],
  'placeholder-malformed': [
    ['placeholder-malformed', 'warning', 17, 66, 17, 68, 'Unexpected empty placeholder "[]", expected choices like "[A/B]"'],
    ['placeholder-malformed', 'warning', 18, 66, 18, 88, 'Unexpected empty choice in placeholder "[Bazel//test sharding]", expected text between every "/"'],
    ['placeholder-malformed', 'warning', 20, 56, 20, 57, 'Unexpected unclosed placeholder "[Amazon Robotics/Locus/Symbotic in the $…", expected a closing "]"'],
  ],
  'control-comment-invalid': [
    ['control-comment-invalid', 'warning', 8, 85, 8, 95, 'Unexpected rule id "tc-mismach" in an offerbrief-disable-line comment, expected "tc-mismatch"'],
    ['control-comment-invalid', 'warning', 22, 1, 22, 28, 'Unexpected control comment "offerbrief-disabel", expected "offerbrief-disable"'],
    ['control-comment-invalid', 'warning', 24, 24, 24, 35, 'Unexpected rule id "zzz-nothing" in an offerbrief-enable comment, expected a rule id from docs/rules.md'],
  ],
  'front-matter-invalid': [
    ['front-matter-invalid', 'error', 3, 19, 4, 1, 'Unexpected YAML in the front matter (flow sequence in block collection must be sufficiently indented and end with a ]), expected key: value lines'],
  ],
  'sources-stale': [
    ['sources-stale', 'warning', 22, 1, 22, 23, 'Unexpected newest source year 2024, expected sources at most 18 months old on 2026-12-01 (stale since 2026-07-01); refresh the figures and their sources'],
  ],
};

describe('every rule has an ok and a not-ok fixture', () => {
  it('covers the whole registry', () => {
    expect(Object.keys(expected).sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });

  for (const rule of rules) {
    const id = rule.meta.id;
    it(`${id}: ok fixture has no findings`, () => {
      expect(lintRows(fixture(id, 'ok'))).toEqual([]);
    });
    it(`${id}: not-ok fixture is reported exactly`, () => {
      expect(lintRows(fixture(id, 'not-ok'))).toEqual(expected[id]);
    });
    it(`${id}: every finding carries source, url and the rule id`, () => {
      const { file } = lintGuideSource(fixture(id, 'not-ok'), { path: 'guide.md', date: '2026-12-01' });
      for (const m of file.messages) {
        expect(m.source).toBe('offerbrief');
        expect(m.url).toBe(`https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md#${id}`);
      }
    });
  }
});

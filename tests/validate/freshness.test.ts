import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/validate/index.js';
import { addMonths, newestYear } from '../../src/validate/rules/sources-stale.js';
import { parseUpdated } from '../../src/validate/rules/front-matter-invalid.js';
import { runCli } from '../cli/run.js';

const ok = readFileSync(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');
const withMatter = (yaml: string, body = ok) => `---\n${yaml}\n---\n\n${body}`;
const found = (text: string, options: { date: string; maxAgeMonths?: number }) =>
  lintGuideSource(text, options).file.messages.filter((m) => m.ruleId === 'sources-stale' || m.ruleId === 'front-matter-invalid').map((m) => [m.ruleId, m.line, m.column, m.reason]);

describe('sources-stale at its boundary dates', () => {
  it('sources citing 2026 are fresh through 2028-06-30 and stale from 2028-07-01 (18 months after the year ends)', () => {
    expect(found(ok, { date: '2028-06-30' })).toEqual([]);
    expect(found(ok, { date: '2028-07-01' })).toEqual([
      ['sources-stale', 22, 1, 'Unexpected newest source year 2026, expected sources at most 18 months old on 2028-07-01 (stale since 2028-07-01); refresh the figures and their sources'],
    ]);
  });

  it('maxAgeMonths moves the boundary', () => {
    expect(found(ok, { date: '2027-12-31', maxAgeMonths: 12 })).toEqual([]);
    expect(found(ok, { date: '2028-01-01', maxAgeMonths: 12 })).toHaveLength(1);
  });

  it('an updated: date in the front matter wins over the sources, day for day', () => {
    const guide = withMatter('updated: 2025-08-31', ok);
    expect(found(guide, { date: '2027-02-28' })).toEqual([]);
    expect(found(guide, { date: '2027-03-01' })).toEqual([
      ['sources-stale', 2, 10, 'Unexpected updated 2025-08-31, expected sources at most 18 months old on 2027-03-01 (stale since 2027-03-01); refresh the figures and their sources'],
    ]);
    // A month stands for its last day.
    expect(found(withMatter('updated: 2025-08'), { date: '2027-02-28' })).toEqual([]);
    expect(found(withMatter('updated: 2025-08'), { date: '2027-03-01' })).toHaveLength(1);
  });

  it('says nothing without a year or a date to go by', () => {
    expect(found(ok.replace(' (2025-2026)', ''), { date: '2040-01-01' })).toEqual([]);
  });

  it('reads years and adds months as a calendar does', () => {
    expect(newestYear(['Levels.fyi (2025-2026)', 'Blind, 2024', 'v3.2019.1 build', 'ID 120254'])).toBe(2026);
    expect(addMonths('2025-12-31', 18)).toBe('2027-06-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(parseUpdated('2026-02-30')).toBeNull();
    expect(parseUpdated('2026-02')).toBe('2026-02-28');
    expect(parseUpdated('2026-03-05T10:00:00Z')).toBe('2026-03-05');
  });

  it('--date and SOURCE_DATE_EPOCH set the day on the command line; a bad one is a usage error', async () => {
    const dir = new URL('../fixtures/lint/rules/sources-stale/', import.meta.url).pathname;
    const fresh = await runCli(['lint', 'ok.md', 'not-ok.md', '--date', '2026-06-30'], { cwd: dir });
    expect(fresh.stdout).toBe('✔ No problems in 2 files\n');
    // 2026-07-01 00:00:00 UTC
    const stale = await runCli(['lint', 'ok.md', 'not-ok.md'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '1782864000' } });
    expect(stale.stdout).toContain('22:1  warning  Unexpected newest source year 2024, expected sources at most 18 months old on 2026-07-01 (stale since 2026-07-01)');
    expect(await runCli(['lint', 'ok.md', '--date', '2026-13-01'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief lint: --date "2026-13-01": expected a calendar date as YYYY-MM-DD, like --date 2026-03-05\n',
    });
  });
});

describe('maxAgeMonths in the config', () => {
  it('moves the boundary, and a bad value is a usage error that says where', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offerbrief-fresh-'));
    try {
      cpSync(new URL('../fixtures/lint/rules/sources-stale/not-ok.md', import.meta.url), join(dir, 'guides/a.md'), { recursive: true });
      const lint = () => runCli(['lint', '--date', '2026-12-01'], { cwd: dir });
      expect((await lint()).stdout).toContain('sources-stale');
      writeFileSync(join(dir, 'offerbrief.config.json'), JSON.stringify({ maxAgeMonths: 24 }));
      expect((await lint()).stdout).toBe('✔ No problems in 1 file\n');
      writeFileSync(join(dir, 'offerbrief.config.json'), JSON.stringify({ maxAgeMonths: 1.5 }));
      expect(await lint()).toEqual({ code: 2, stdout: '', stderr: 'offerbrief lint: bad config: offerbrief.config.json: maxAgeMonths: expected a whole number of months, like 18\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('front-matter-invalid', () => {
  it('a valid front matter is read and is not part of the guide', () => {
    const { guide, file } = lintGuideSource(withMatter('updated: 2026-11-02\nowner: comp-team'), { date: '2026-12-01' });
    expect(file.messages).toEqual([]);
    expect(guide.title.text).toBe('Platform Engineer | Northwind Robotics Negotiation Guide');
    expect(file.data.frontMatter?.data).toEqual({ updated: '2026-11-02', owner: 'comp-team' });
  });

  it('reports YAML errors, a non-mapping, a bad updated: and an unclosed block where they are', () => {
    const date = '2026-12-01';
    expect(found(withMatter('a: 1\na: 2'), { date })).toEqual([
      ['front-matter-invalid', 3, 1, 'Unexpected YAML in the front matter (map keys must be unique), expected key: value lines'],
    ]);
    expect(found(withMatter('- a\n- b'), { date })).toEqual([
      ['front-matter-invalid', 1, 1, 'Unexpected front matter that is not a mapping, expected key: value lines like "updated: 2026-03-05"'],
    ]);
    expect(found(withMatter('updated: soon'), { date })).toEqual([
      ['front-matter-invalid', 2, 10, 'Unexpected updated "soon", expected a date like 2026-03-05 or a month like 2026-03'],
    ]);
    expect(found(`---\nupdated: 2026-11-02\n\n${ok}`, { date })).toEqual([
      ['front-matter-invalid', 1, 1, 'Unexpected front matter without a closing "---" line, expected one after its last key'],
    ]);
  });

  it('a thematic break on the first line is not front matter', () => {
    expect(found(`---\n\n${ok}`, { date: '2026-12-01' })).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/validate/index.js';
import { rules } from '../../src/validate/registry.js';

const fixture = (rule: string) => readFileSync(new URL(`../fixtures/lint/rules/${rule}/not-ok.md`, import.meta.url), 'utf8');

function findings(source: string): Array<[string, number]> {
  return lintGuideSource(source, { path: 'guide.md', date: '2026-12-01' }).file.messages.map((m) => [m.ruleId ?? '', m.line ?? 0]);
}

/** Inserts a line before 1-based line `n`. */
function insertBefore(source: string, n: number, line: string): string {
  const lines = source.split('\n');
  lines.splice(n - 1, 0, line);
  return lines.join('\n');
}

// control-comment-invalid's own findings are about the comments, so it is tested on its own below.
// front-matter-invalid's are inside the front matter, which must open the file: no comment can
// come before them (the config turns that rule off).
const ruled = rules.map((rule) => rule.meta.id).filter((id) => id !== 'control-comment-invalid' && id !== 'front-matter-invalid');

describe('a disable comment at the top silences that rule, and only it', () => {
  for (const id of ruled) {
    it(id, () => {
      const source = fixture(id);
      const before = findings(source);
      expect(before.some(([rule]) => rule === id)).toBe(true);
      const silenced = findings(`<!-- offerbrief-disable ${id} -->\n${source}`);
      // Everything else stays, one line lower.
      expect(silenced).toEqual(before.filter(([rule]) => rule !== id).map(([rule, line]) => [rule, line + 1]));
      // No id: every rule.
      expect(findings(`<!-- offerbrief-disable -->\n${source}`)).toEqual([]);
    });
  }
});

describe('enable, disable-line and disable-next-line', () => {
  const source = fixture('tc-mismatch'); // tc-mismatch on line 8 (the Austin row)

  it('an enable after a disable switches the rule back on from its line', () => {
    const text = `<!-- offerbrief-disable tc-mismatch -->\n${source.replace('**Global Levers**', '<!-- offerbrief-enable tc-mismatch -->\n\n**Global Levers**')}`;
    expect(findings(text)).toEqual([]);
    const early = `<!-- offerbrief-disable -->\n\n<!-- offerbrief-enable tc-mismatch -->\n\n${source}`;
    expect(findings(early)).toEqual([['tc-mismatch', 12]]);
  });

  it('disable then enable around the table', () => {
    const text = insertBefore(insertBefore(source, 11, '<!-- offerbrief-enable -->\n'), 5, '<!-- offerbrief-disable tc-mismatch -->\n');
    expect(findings(text)).toEqual([]);
  });

  it('disable-line in a cell silences its own line only, and leaves the cell its value', () => {
    const text = source.replace('$205K-$285K |', '$205K-$285K <!-- offerbrief-disable-line tc-mismatch --> |');
    expect(findings(text)).toEqual([]);
    // Another rule on that line is not silenced: the wrong id leaves tc-mismatch.
    const other = source.replace('$205K-$285K |', '$205K-$285K <!-- offerbrief-disable-line range-inverted --> |');
    expect(findings(other)).toEqual([['tc-mismatch', 8]]);
    const guide = lintGuideSource(text, { path: 'guide.md' }).guide;
    expect(guide.bands[1]!.cells.totalComp!.value).toEqual({ low: 205000, high: 285000 });
  });

  it('disable-next-line silences the next line only', () => {
    const lead = '<!-- offerbrief-disable-next-line section-missing -->\n';
    const missing = fixture('section-missing'); // reported on line 1, the title
    expect(findings(lead + missing)).toEqual([]);
    expect(findings(`${lead}\n${missing}`)).toEqual([['section-missing', 3]]);
  });

  it('ids may be separated by commas', () => {
    expect(findings(`<!-- offerbrief-disable vesting-missing, tc-mismatch -->\n${source}`)).toEqual([]);
  });

  it('a comment inside a code block is text, not a control comment', () => {
    expect(findings(`\`\`\`\n<!-- offerbrief-disable -->\n\`\`\`\n\n${source}`)).toEqual([['tc-mismatch', 12]]);
  });

  it('comments are not section content', () => {
    const text = source.replace('**Evidence & Sources**', '<!-- offerbrief-disable vesting-missing -->\n\n**Evidence & Sources**');
    const guide = lintGuideSource(text, { path: 'guide.md' }).guide;
    expect(guide.sections.map((s) => s.markdown).join('\n')).not.toContain('offerbrief-disable');
  });

  it('a misspelt comment silences nothing and is itself reported', () => {
    expect(findings(`<!-- offerbrief-disabel tc-mismatch -->\n${source}`)).toEqual([
      ['control-comment-invalid', 1],
      ['tc-mismatch', 9],
    ]);
  });
});

describe('property: a disable comment removes exactly the findings of the ids it names', () => {
  it('for any set of ids, on any fixture', async () => {
    const fc = (await import('fast-check')).default;
    const sources = ruled.map(fixture);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sources.length - 1 }), fc.subarray([...ruled]), fc.constantFrom(' ', ', ', ',', '  '), (index, ids, separator) => {
        const source = sources[index]!;
        const before = findings(source);
        const text = `<!-- offerbrief-disable ${ids.join(separator)} -->\n${source}`;
        const expected = ids.length === 0 ? [] : before.filter(([rule]) => !ids.includes(rule)).map(([rule, line]) => [rule, line + 1]);
        expect(findings(text)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

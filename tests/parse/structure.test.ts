import { describe, expect, test } from 'vitest';
import { parseGuide } from '../../src/parse/index.js';
import { validateGuide } from '../../src/validate/index.js';

const lint = (text: string | Uint8Array) => {
  const { guide, file } = parseGuide(text, { path: 'g.md' });
  validateGuide(guide, file);
  return { guide, messages: file.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column, fatal: m.fatal, reason: m.reason })) };
};

const table = `| Region | Base Salary | Total Comp |
|---|---|---|
| Austin | $100K-$120K | $100K-$120K |`;

describe('sections', () => {
  test('bold-only, bold with colon, colon after bold, and ## headings', () => {
    const { guide } = lint(`# Analyst | Acme Negotiation Guide

${table}

**Why Acme**
Body one.

**Level Mapping:** Acme Analyst = Google L3

**Notes**: after the colon

## Heading Section

Paragraph *one*.

- a
- b
`);
    expect(guide.sections.map((s) => [s.title, s.style, s.text, s.position.line, s.position.column])).toEqual([
      ['Why Acme', 'bold', 'Body one.', 7, 1],
      ['Level Mapping', 'bold', 'Acme Analyst = Google L3', 10, 1],
      ['Notes', 'bold', 'after the colon', 12, 1],
      ['Heading Section', 'heading', 'Paragraph one.\n\na\nb', 14, 1],
    ]);
    expect(guide.sections[3]!.markdown).toBe('Paragraph *one*.\n\n- a\n- b');
    expect(guide.levelMapping).toEqual({ text: 'Acme Analyst = Google L3', level: 'Acme Analyst', equivalents: ['Google L3'], position: { line: 10, column: 1, endLine: 10, endColumn: 19 } });
  });

  test('a bold span inside a sentence does not start a section', () => {
    const { guide } = lint(`# A | B Guide\n\n${table}\n\n**Sources**\nSee **this** text here.\n`);
    expect(guide.sections.map((s) => s.title)).toEqual(['Sources']);
    expect(guide.sources).toEqual(['See this text here.']);
  });

  test('a strategy as a block quote after a ## heading', () => {
    const { guide } = lint(`# A | B Guide\n\n${table}\n\n## Negotiation Strategy\n\n> "My target is $110K base, putting my TC at $110K. My floor is $100K base."\n`);
    expect(guide.strategy).toMatchObject({ target: { base: 110000, equity: 0, totalComp: 110000 }, floor: { base: 100000, totalComp: null } });
    expect(guide.strategy!.mentions.map((m) => [m.field, m.position.line, m.position.column])).toEqual([
      ['target.base', 9, 17],
      ['target.totalComp', 9, 46],
      ['floor.base', 9, 65],
    ]);
  });

  test('levers without bold names use the text before a colon', () => {
    const { guide } = lint(`# A | B Guide\n\n${table}\n\n**Levers**\n1. Scarcity: "I hold [X/Y]."\n2. "No name here."\n`);
    expect(guide.levers.map((l) => [l.name, l.pitch, l.placeholders.map((p) => p.text)])).toEqual([
      ['Scarcity', 'I hold [X/Y].', ['X/Y']],
      ['', 'No name here.', []],
    ]);
  });

  test('table columns in another order, without Bonus or Equity', () => {
    const { guide } = lint(`# A | B Guide\n\n| Total Comp | Region | Base Salary |\n|---|---|---|\n| $120K | Austin | $120K |\n`);
    expect(guide.bands).toMatchObject([{ region: 'Austin', base: { low: 120000, high: 120000 }, equity: null, bonus: null, totalComp: { low: 120000, high: 120000 } }]);
  });
});

describe('placeholders', () => {
  test('slots in order; links, citations and code are not slots', () => {
    const { guide } = lint(`# A | B Guide\n\n${table}\n\n**Levers**\n1. **One:** "[TS/SCI/Secret] and [a link](https://x.org) and \`[code]\` and [1] and [AI/ML security]"\n`);
    expect(guide.placeholders.map((p) => [p.text, p.choices, p.position.line, p.position.column])).toEqual([
      ['TS/SCI/Secret', ['TS', 'SCI', 'Secret'], 8, 14],
      ['AI/ML security', ['AI', 'ML security'], 8, 83],
    ]);
  });

  test('malformed slots are recorded for placeholder-malformed', () => {
    const { guide, messages } = lint(`# A | B Guide\n\n${table}\n\n**Levers**\n1. **One:** "[] and [A//B] and [unclosed"\n`);
    expect(guide.placeholders.map((p) => [p.text, p.choices, p.closed, p.position.column])).toEqual([
      ['', [''], true, 14],
      ['A//B', ['A', '', 'B'], true, 21],
      ['unclosed', [], false, 32],
    ]);
    expect(messages.filter((m) => m.ruleId === 'placeholder-malformed').map((m) => [m.line, m.column, m.fatal])).toEqual([
      [8, 14, false],
      [8, 21, false],
      [8, 32, false],
    ]);
  });
});

describe('bad input', () => {
  test('an empty file', () => {
    expect(lint('').messages).toEqual([
      expect.objectContaining({ ruleId: 'file-empty', line: 1, column: 1, fatal: true }),
    ]);
    expect(lint(' \n\n\t\n').messages.map((m) => m.ruleId)).toEqual(['file-empty']);
  });

  test('invalid UTF-8 names the byte and its line and column, and the rest is still read', () => {
    const bytes = Buffer.concat([Buffer.from(`# A | B Guide\n\n${table}\n\nab`), Buffer.from([0xff, 0xfe]), Buffer.from('c\n')]);
    const { guide, messages } = lint(bytes);
    expect(messages[0]).toMatchObject({ ruleId: 'encoding-invalid', line: 7, column: 3, fatal: true });
    expect(messages[0]!.reason).toBe('Unexpected byte 0xff, expected UTF-8 text; save the file as UTF-8');
    expect(guide.bands).toHaveLength(1);
  });

  test('random bytes', () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 73 + 11) % 256);
    const { messages } = lint(bytes);
    expect(messages.map((m) => m.ruleId)).toContain('encoding-invalid');
  });

  test('a guide with no table', () => {
    const { messages } = lint('# A | B Guide\n\nJust prose.\n');
    expect(messages.find((m) => m.ruleId === 'table-missing')).toMatchObject({ line: 1, column: 1, fatal: true });
  });

  test('rows with missing or extra cells', () => {
    const { guide, messages } = lint(`# A | B Guide

| Region | Base Salary | Total Comp |
|---|---|---|
| Austin | $100K-$120K |
| Dallas | $100K-$120K | $100K-$120K | $5K |
`);
    expect(messages.filter((m) => m.ruleId === 'table-row-shape').map((m) => [m.line, m.column, m.reason])).toEqual([
      [5, 1, 'Unexpected 2 cells in this row, expected 3 (one per column: Region, Base Salary, Total Comp); add the missing cells, or "—" for none'],
      [6, 1, 'Unexpected 4 cells in this row, expected 3 (one per column: Region, Base Salary, Total Comp); remove the extra cells or add a column header'],
    ]);
    expect(guide.bands[0]!.cells.totalComp).toMatchObject({ kind: 'missing' });
  });

  test('cells like $18OK and TBD get money-invalid at the cell', () => {
    const { messages } = lint(`# A | B Guide

| Region | Base Salary | Total Comp |
|---|---|---|
| Austin | $18OK-$120K | TBD |
`);
    expect(messages.filter((m) => m.ruleId === 'money-invalid').map((m) => [m.line, m.column, m.fatal])).toEqual([
      [5, 12, true],
      [5, 26, true],
    ]);
  });

  test('a missing title is a warning; the rest is read', () => {
    const { guide, messages } = lint(`${table}\n`);
    expect(messages.find((m) => m.ruleId === 'title-missing')).toMatchObject({ line: 1, column: 1, fatal: false });
    expect(guide.bands).toHaveLength(1);
  });

  test('a string over the size limit is refused without parsing', () => {
    const { guide, file } = parseGuide('x'.repeat(2000), { maxBytes: 1000 });
    expect(file.messages.map((m) => [m.ruleId, m.reason])).toEqual([
      ['file-too-large', 'Unexpected 2 KB guide, expected at most 1000 bytes; split the guide or raise the limit (--max-size)'],
    ]);
    expect(guide.bands).toEqual([]);
  });
});

describe('UTF-8 edge cases', () => {
  test.each([
    ['an overlong form', [0xe0, 0x80, 0x80], 1],
    ['a surrogate', [0x61, 0xed, 0xa0, 0x80], 2],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1],
    ['a truncated sequence', [0x61, 0x62, 0xe2, 0x82], 3],
  ])('%s is reported at its first byte', (_name, bytes, column) => {
    const { messages } = lint(new Uint8Array(bytes));
    expect(messages.find((m) => m.ruleId === 'encoding-invalid')).toMatchObject({ line: 1, column, fatal: true });
  });
});

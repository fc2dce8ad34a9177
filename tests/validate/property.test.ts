import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/validate/index.js';

const ok = readFileSync(new URL('../fixtures/lint/ok.md', import.meta.url), 'utf8');

/** Lints and checks the invariants every result must hold. */
function check(input: string | Uint8Array) {
  const { file } = lintGuideSource(input, { path: 'fuzz.md' });
  for (const m of file.messages) {
    expect(m.ruleId, m.reason).not.toBe('internal-error');
    expect(typeof m.ruleId).toBe('string');
    expect(m.fatal === true || m.fatal === false).toBe(true);
    expect(m.line ?? 1).toBeGreaterThanOrEqual(1);
    expect(m.column ?? 1).toBeGreaterThanOrEqual(1);
  }
  const order = file.messages.map((m) => [m.line ?? 0, m.column ?? 0]);
  const sorted = [...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  expect(order).toEqual(sorted);
}

/** Pieces that stress the table, money, strategy and placeholder readers. */
const tricky = fc.constantFrom(
  '|', '||', '\n', '\n\n', '$', '£', '€', 'R$', 'CHF ', 'K', 'M', '-', '—', '–', ' to ', '%', '[', ']', '/', '//',
  '**', '> ', '1. ', '- ', '`', '\\', '\uFEFF', '\u0000', '\r\n', '$1.2M', '$-5K', '$0K', '999999999999999999999K',
  'Equity (RSU/0yr)', 'Equity (RSU/-1yr)', '| Region | Total Comp |\n|---|---|\n', 'TC at $', 'base with $', '/4yr', 'NaN', '1e309',
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(tricky, fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: string, edits: readonly Mutation[]): string {
  let text = source;
  for (const edit of edits) {
    const at = text.length === 0 ? 0 : edit.at % (text.length + 1);
    if (edit.kind === 'insert') text = text.slice(0, at) + edit.text + text.slice(at);
    else if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else {
      const lines = text.split('\n');
      const i = lines.length === 0 ? 0 : edit.at % lines.length;
      lines.splice(i, 0, lines[i] ?? '');
      text = lines.join('\n');
    }
  }
  return text;
}

describe('lintGuideSource never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => check(s)), { numRuns: 300 });
  });

  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => check(bytes)), { numRuns: 300 });
  });

  it('on strings built from Markdown and money pieces', () => {
    fc.assert(fc.property(fc.array(fc.oneof(tricky, fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => check(parts.join(''))), { numRuns: 300 });
  });

  it('on mutated guides', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (edits) => check(mutate(ok, edits))), { numRuns: 400 });
  });
});

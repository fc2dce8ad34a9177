import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Guide } from '../../src/model/guide.js';
import { parseGuide } from '../../src/parse/index.js';

const guidesDir = new URL('../../guides/', import.meta.url);
const guides = readdirSync(guidesDir).map((name) => readFileSync(new URL(name, guidesDir), 'utf8'));

/** Parsing must not throw, the model must fit its schema, every message must have a place. */
function check(input: string | Uint8Array) {
  const { guide, file } = parseGuide(input);
  expect(() => Guide.parse(guide)).not.toThrow();
  for (const m of file.messages) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.ruleId).toBeTruthy();
  }
}

// Pieces that stress the guide grammar: table pipes, brackets, money, bold, quotes.
const tokens = ['|', '\n', '[', ']', '/', '$', '£', 'K', 'M', '-', '—', 'to', '**', '> ', '1. ', '- ', '#', '%', '"', ':', ' ', '\\', '`', '188', '1.2'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom(...tokens)) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), a: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    if (m.kind === 'delete') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + out.slice(at + m.length);
    } else if (m.kind === 'insert') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + m.text + out.slice(at);
    } else {
      const lines = out.split('\n');
      const a = m.a % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(a, 0, lines[a]!);
      else {
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      out = lines.join('\n');
    }
  }
  return out;
}

describe('the parser never throws', () => {
  test('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => check(s)), { numRuns: 300 });
  });

  test('on strings made of guide syntax', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 200 }), (parts) => check(parts.join(''))), { numRuns: 300 });
  });

  test('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => check(bytes)), { numRuns: 300 });
  });

  test('on randomly mutated guides', () => {
    fc.assert(
      fc.property(fc.constantFrom(...guides), fc.array(mutation, { minLength: 1, maxLength: 8 }), (guide, mutations) => check(mutate(guide, mutations))),
      { numRuns: 300 },
    );
  });
});

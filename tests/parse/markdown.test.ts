import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseMarkdown, parseMarkdownReference } from '../../src/parse/markdown.js';

const guidesDir = new URL('../../guides/', import.meta.url);

// The fast path must give exactly the tree that unified + remark-parse + remark-gfm gives.
describe('parseMarkdown equals remark-parse + remark-gfm', () => {
  test.each(readdirSync(guidesDir))('%s', (name) => {
    const text = readFileSync(new URL(name, guidesDir), 'utf8');
    expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
  });

  test('tables in every shape, in containers, with every line ending', () => {
    const pieces = ['|', ' | ', 'a', 'b c', '-', '--', ':-', '-:', ':-:', '---|---', '| --- |', '> ', '- ', '1. ', '  ', '\n', '\r\n', '\r', '\n\n', '**x**', 'www.x.org', '[a](b)', '$1K', '[^1]', '[^1]: note', '~~', '~', '[ ] ', '[x] ', '[TS/SCI]'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
      }),
      { numRuns: 1000 },
    );
  });

  test('inputs fast-check found', () => {
    // micromark's development build asserts on this one; the production build, which users run, does not.
    for (const text of ['-\n[x] |']) expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
  });

  test('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
      }),
      { numRuns: 500 },
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseMarkdown, parseMarkdownReference } from '../../src/parse/markdown.js';

const guidesDir = new URL('../../guides/', import.meta.url);

// The fast path must give exactly the tree that unified + remark-parse + remark-gfm gives.

/** Texts joined from `pieces` parse to the same tree as plain remark-parse + remark-gfm. */
function sameTreeAsReference(pieces: string[], maxLength: number, numRuns: number): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength }), (parts) => {
      const text = parts.join('');
      expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
    }),
    { numRuns },
  );
}

describe('parseMarkdown equals remark-parse + remark-gfm', () => {
  test.each(readdirSync(guidesDir))('%s', (name) => {
    const text = readFileSync(new URL(name, guidesDir), 'utf8');
    expect(parseMarkdown(text)).toEqual(parseMarkdownReference(text));
  });

  test('tables in every shape, in containers, with every line ending', () => {
    const pieces = ['|', ' | ', 'a', 'b c', '-', '--', ':-', '-:', ':-:', '---|---', '| --- |', '> ', '- ', '1. ', '  ', '\n', '\r\n', '\r', '\n\n', '**x**', 'www.x.org', '[a](b)', '$1K', '[^1]', '[^1]: note', '~~', '~', '[ ] ', '[x] ', '[TS/SCI]'];
    sameTreeAsReference(pieces, 60, 1000);
  });

  test('URLs in link destinations, and everything that looks like one', () => {
    // The fast path parses these without autolink literals when every URL-like text follows "](".
    const pieces = ['[a](', '](', '(', ')', ']', '[', ' ', '\n', '\n\n', 'https://x.org', 'http://x.org/p?q=1', 'www.x.org', 'a@b.org', 'mailto:a@b.org',
      'xmpp:a@b.org', ' "t"', '<https://x.org>', '`https://x.org`', '\\', '*', '_', '- ', '> ', '[^1]', '~', '<a href="https://x.org">', '[x]: https://x.org', 'ftp://x'];
    sameTreeAsReference(pieces, 40, 2000);
  });

  test('guides whose sources are links, and links that are not', () => {
    const base = readFileSync(new URL('northwind-backend-engineer.md', guidesDir), 'utf8');
    const tails = [
      '\n**Sources**\n- [Survey](https://example.org/survey-2026)\n- [Levels](https://www.levels.fyi/x "Levels")\n',
      '\n**Sources**\n- Survey](https://example.org/survey-2026)\n',
      '\n**Sources**\n- [Survey](https://example.org/a b)\n',
      '\n**Sources**\n- [Survey](<https://example.org/a>)\n',
      '\n**Sources**\n- [Survey](https://example.org/(a))\n',
      '\n**Sources**\n- [Survey](https://example.org) and www.example.org\n',
      '\n**Sources**\n- [Survey](https://example.org) mail pay@example.org\n',
      '\n**Sources**\n- `[Survey](https://example.org)`\n',
      '\n    [Survey](https://example.org)\n',
    ];
    for (const tail of tails) expect(parseMarkdown(base + tail), tail).toEqual(parseMarkdownReference(base + tail));
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

  test('without front matter (section bodies and the email, as the renderer parses them)', () => {
    // "---" on the first line is then a thematic break (or a setext underline), as in plain remark-gfm.
    const pieces = ['---', '---\n', 'a: 1\n', 'x', '\n', '\n\n', '- ', '**x**', '| a |', '|---|', 'www.x.org', '[^1]', '~~'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(parseMarkdown(text, { frontMatter: false })).toEqual(parseMarkdownReference(text, { frontMatter: false }));
      }),
      { numRuns: 500 },
    );
    const text = '---\ntitle: x\n---\nBody\n';
    expect(parseMarkdown(text, { frontMatter: false }).children.map((n) => n.type)).toEqual(['thematicBreak', 'heading', 'paragraph']);
    expect(parseMarkdown(text).children.map((n) => n.type)).toEqual(['yaml', 'paragraph']);
  });
});

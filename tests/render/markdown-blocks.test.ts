// Issue #17: Markdown parsed a block at a time must give the tree of one parse of the whole text.
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, test } from 'vitest';
import { parseMarkdown as parseWhole, parseMarkdownReference } from '../../src/parse/markdown.js';
import { blocksOf, parseByBlocks } from '../../src/render/markdown-blocks.js';
import { parseMarkdown as parseForRender } from '../../src/render/blocks/sections.js';
import { draftEmail } from '../../src/personalize/email.js';

const whole = (text: string): Root => parseWhole(text, { frontMatter: false });

/** Lines of every kind a guide or draft holds, and the kinds that tie blocks together. */
const lines = [
  'Hi,',
  'Thank you for the offer for the **Platform Engineer** role at Acme.',
  "I'd be ready to sign at $195K base, about $235K a year in total.",
  '- **On-Call Depth**: I have led incident response.',
  '- **Migration Record**: I moved [Kubernetes/Nomad] clusters.',
  '* star item',
  '1. first',
  '2) second',
  '> a quote',
  '> > nested quote',
  '# Heading',
  '## Heading *two*',
  'Setext',
  '===',
  '---',
  '***',
  '* * *',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  'see [the source](https://example.com/a_b) and www.example.com or me@example.com',
  '~~gone~~ and ~one~',
  '`code` and <b>inline html</b>',
  '<div>',
  '</div>',
  '```',
  '~~~',
  '    indented code',
  '  two spaces',
  '\tx',
  '   ',
  '[ref]: https://example.com',
  'a [ref] and [^1]',
  '[^1]: a note',
  '- [ ] task',
  'trailing break  ',
  'back\\',
  'Candidate 0001',
  '_under_ *em* **strong** ***both***',
  '',
  '',
];

const docs = fc
  .tuple(fc.array(fc.constantFrom(...lines), { maxLength: 24 }), fc.boolean())
  .map(([parts, newline]) => parts.join('\n') + (newline ? '\n' : ''));

describe('parseByBlocks gives the tree of one parse of the whole text', () => {
  test('over generated documents, positions included, wherever it splits', () => {
    let split = 0;
    fc.assert(
      fc.property(docs, (text) => {
        const byBlocks = parseByBlocks(text, whole);
        if (byBlocks === null) return;
        split++;
        expect(byBlocks).toEqual(whole(text));
      }),
      { numRuns: 3000 },
    );
    // The generator reaches the split path often, else the property proves nothing.
    expect(split).toBeGreaterThan(300);
  });

  test('over generated characters, where any construct may start anywhere', () => {
    const chars = fc.constantFrom('a', 'b', ' ', ' ', '\n', '\n', '\n', '-', '*', '+', '>', '#', '=', '|', '`', '~', '<', '>', '[', ']', '(', ')', ':', '^', '_', '1', '.', ')', '\\', '\t', '!', '&', '@', 'w');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        const byBlocks = parseByBlocks(text, whole);
        if (byBlocks !== null) expect(byBlocks).toEqual(whole(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("the renderer's parse (whole-text and block caches) equals remark-gfm's, also on a second call", () => {
    fc.assert(
      fc.property(docs, (text) => {
        const reference = parseMarkdownReference(text, { frontMatter: false });
        expect(parseForRender(text)).toEqual(reference);
        expect(parseForRender(`${text}\n\nagain`)).toEqual(parseMarkdownReference(`${text}\n\nagain`, { frontMatter: false }));
        expect(parseForRender(text)).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });

  test('splits the bundled email draft into its paragraphs and the list', () => {
    const levers = [
      { name: 'On-Call Depth', segments: [{ type: 'text', text: 'I have led incident response.' }] },
      { name: 'Migration Record', segments: [{ type: 'text', text: 'I moved ' }, { type: 'slot', slot: 'Kubernetes/Nomad', value: null }, { type: 'text', text: ' clusters.' }] },
    ];
    const brief = {
      currency: 'USD',
      target: { base: 195000, equity: 160000, annualEquity: 40000, vestingYears: 4, bonus: 0, totalComp: 235000 },
      competing: { quoted: [], aboveBand: 0, offers: [] },
      ask: { mode: 'counter', nonCash: [] },
      yearOne: null,
      levers,
      candidate: { name: 'Ana Lima' },
      guide: { role: 'Platform Engineer', company: 'Acme Robotics' },
    } as unknown as Parameters<typeof draftEmail>[0];
    const { markdown } = draftEmail(brief);
    const blocks = blocksOf(markdown);
    expect(blocks?.map((b) => b.text.split('\n')[0])).toEqual([
      'Hi,',
      'Thank you for the offer for the Platform Engineer role at Acme Robotics. I\'m excited about the team and the work, and I\'d like to find numbers that let me say yes.',
      "I'd be ready to sign at $195K base and $160K in equity over 4 years, about $235K a year in total.",
      'Two reasons I think this is fair:',
      '- **On-Call Depth**: I have led incident response.',
      "I'm happy to talk it through on a call this week.",
      'Best regards,',
      'Ana Lima',
    ]);
    expect(parseByBlocks(markdown, whole)).toEqual(parseMarkdownReference(markdown, { frontMatter: false }));
  });

  test('leaves whole what may parse differently a block at a time', () => {
    for (const text of ['- a\n\n- b\n', '```\na\n\nb\n```\n', '    code\n\n    more\n', 'a [x]\n\n[x]: https://e.com\n', 'a[^1]\n\n[^1]: n\n', '<pre>\n\n</pre>\n', 'a\n  \nb\n', 'a\r\n\r\nb\r\n', '', '\n\n']) {
      expect(blocksOf(text)).toBeNull();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';

// The fast parse path (src/parse/markdown.ts: extensions left out where they cannot fire, the
// autolink-literal extension skipped when URLs stand only in link destinations) must give the same
// lint findings as plain remark-parse + remark-frontmatter + remark-gfm, on every bundled guide, on
// the lint fixtures and on guides generated from them.
const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : entry.name.endsWith('.md') ? [join(dir, entry.name)] : [],
  );
}

type Lint = ((name: string, text: string) => unknown) & { parser: string };

async function linter(reference: boolean): Promise<Lint> {
  vi.resetModules();
  if (reference) {
    vi.doMock('../../src/parse/markdown.js', async (load) => {
      const real = await load<typeof import('../../src/parse/markdown.js')>();
      return { ...real, parseMarkdown: (text: string) => real.parseMarkdownReference(text) };
    });
  } else {
    vi.doUnmock('../../src/parse/markdown.js');
  }
  const { parseGuide } = await import('../../src/parse/index.js');
  const { validateGuide } = await import('../../src/validate/index.js');
  const { toResult } = await import('../../src/lint/one.js');
  const { parseMarkdown } = await import('../../src/parse/markdown.js');
  const lint = (name: string, text: string) => {
    const { guide, file } = parseGuide(text, { path: name, budgetMs: Infinity });
    validateGuide(guide, file, { date: '2026-12-03' });
    return { guide, result: toResult(file, join('/guides', name), '/') };
  };
  return Object.assign(lint, { parser: String(parseMarkdown) });
}

const sources = [...markdownFiles(join(root, 'guides')), ...markdownFiles(join(root, 'tests/fixtures/lint'))].map((path) => [path.slice(root.length), readFileSync(path, 'utf8')] as const);

describe('fast parse path: same findings as remark-parse + remark-gfm', () => {
  test('bundled guides and lint fixtures', async () => {
    const fast = await linter(false);
    const plain = await linter(true);
    // The plain linter really parses with the reference stack.
    expect(plain.parser).toContain('parseMarkdownReference');
    expect(fast.parser).not.toContain('parseMarkdownReference');
    expect(sources.length).toBeGreaterThan(20);
    for (const [name, text] of sources) expect(fast(name, text), name).toEqual(plain(name, text));
  });

  test('generated guides: sources as links, bare URLs, emails, footnotes, front matter', async () => {
    const fast = await linter(false);
    const plain = await linter(true);
    const guides = sources.filter(([name]) => name.startsWith('guides/')).map(([, text]) => text);
    const extras = [
      '\n**Sources**\n- [Pay survey](https://example.org/pay-2026)\n- [Levels](https://www.levels.fyi/x "Levels 2025")\n',
      '\n**Sources**\n- Pay survey](https://example.org/pay-2026)\n',
      '\n**Sources**\n- https://example.org/pay-2026 (2026)\n',
      '\n**Sources**\n- [Pay survey](https://example.org/pay) by pay@example.org\n',
      '\n**Sources**\n- Pay survey[^1]\n\n[^1]: https://example.org/pay-2026\n',
      '\n[Pay survey]: https://example.org/pay-2026\n',
      '\n~~old band~~ see www.example.org\n',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...guides), fc.subarray(extras), fc.boolean(), (guide, tails, frontMatter) => {
        const text = (frontMatter ? '---\nupdated: 2025-01-01\n---\n' : '') + guide + tails.join('');
        expect(fast('generated.md', text)).toEqual(plain('generated.md', text));
      }),
      { numRuns: 80 },
    );
  });
});

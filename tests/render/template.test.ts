import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { loadTemplate, parseTemplate, templateFields } from '../../src/render/index.js';

const error = (source: string) => {
  try {
    parseTemplate(source, '/x/custom.md');
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseTemplate', () => {
  it('reads front matter, markdown and directives', () => {
    const t = parseTemplate('---\npageSize: A4\nmargins: 40\naccent: "#aa3300"\n---\n\n# For {{candidate.name}}\n\n::band-chart\n\n::levers{style=compact}\n', '/x/custom.md');
    expect(t.name).toBe('custom.md');
    expect(t.settings).toEqual({ pageSize: 'A4', margins: { top: 40, right: 40, bottom: 40, left: 40 }, accent: '#aa3300', lang: 'en-US' });
    expect(t.nodes.map((n) => n.type)).toEqual(['heading', 'directive', 'directive']);
    expect(t.nodes[2]).toMatchObject({ type: 'directive', name: 'levers', attributes: { style: 'compact' }, line: 11, column: 1 });
  });

  it('defaults to Letter with 54 pt margins', () => {
    expect(parseTemplate('::cover\n', 'a.md').settings).toMatchObject({ pageSize: 'Letter', margins: { top: 54, left: 54 } });
  });

  it('names the line and column of an unknown field', () => {
    expect(error('---\npageSize: A4\n---\n\nHello {{candidate.name}}, see {{candidate.nmae}}.\n')).toBe(
      'custom.md:5:31: Unexpected field "{{candidate.nmae}}", expected a field of the brief such as {{candidate.name}} or {{guide.company}}',
    );
    expect(error('Ask {{target}}\n')).toMatch(/^custom\.md:1:5: Unexpected field "\{\{target\}\}"/);
  });

  it('names the line and column of an unknown directive or attribute', () => {
    expect(error('# Hi\n\n::band-graph\n')).toMatch(/^custom\.md:3:1: Unexpected directive "::band-graph", expected one of ::cover, ::at-a-glance/);
    expect(error('::levers{size=3}\n')).toBe('custom.md:1:1: Unexpected attribute "size" on ::levers, expected style');
    expect(error('::levers{style=tiny}\n')).toBe('custom.md:1:1: Unexpected style "tiny" on ::levers, expected full or compact');
    expect(error('Text with :cover inside\n')).toMatch(/^custom\.md:1:11: Unexpected text directive ":cover"/);
  });

  it('refuses bad front matter with the line of the key', () => {
    expect(error('---\npageSize: A5\n---\n')).toMatch(/^custom\.md:2:1: Unexpected value of "pageSize"/);
    expect(error('---\naccent: red\n---\n')).toMatch(/^custom\.md:2:1: Unexpected value of "accent"/);
    expect(error('---\npagesize: A4\n---\n')).toMatch(/^custom\.md:2:1: Unexpected key "pagesize"/);
  });

  it('knows the fields of the brief model', () => {
    const fields = templateFields();
    for (const f of ['date', 'candidate.name', 'guide.company', 'region', 'target.totalComp', 'band.base', 'offer.gaps.totalComp', 'guide.tags']) {
      expect(fields).toContain(f);
    }
    expect(fields).not.toContain('target');
    expect(fields).not.toContain('levers');
  });
});

describe('loadTemplate', () => {
  it('finds the bundled templates whatever the cwd, and caches them', async () => {
    const a = await loadTemplate('brief', '/');
    expect(a.name).toBe('brief.md');
    expect(await loadTemplate('brief', '/tmp')).toBe(a);
    expect((await loadTemplate('one-page', '/')).nodes.length).toBeGreaterThan(3);
  });

  it('throws an I/O error naming a missing template', async () => {
    await expect(loadTemplate('missing.md', '/tmp')).rejects.toThrow(/^missing\.md: no such file or folder/);
  });
});

describe('fitting and title settings', () => {
  it('refuses a maxPages that is not a whole number of pages', () => {
    expect(() => parseTemplate('---\nmaxPages: 0\n---\n\n::cover\n', 'fit.md')).toThrow(
      /^fit\.md:2:1: Unexpected value of "maxPages" in the front matter, expected pageSize \(Letter\|A4\), margins \(points\), accent \(#rrggbb\), lang, ask, title or maxPages \(1–50\)/,
    );
    expect(() => parseTemplate('---\ntitle: "For {{candidate.nam}}"\n---\n\n::cover\n', 't.md')).toThrow(/^t\.md:2:\d+: Unexpected field "\{\{candidate\.nam\}\}"/);
  });
});

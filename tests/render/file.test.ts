import { mkdtemp, readdir, readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { IoError, InputError, UsageError } from '../../src/errors.js';
import { Brief } from '../../src/model/brief.js';
import { briefFileName, resolveRenderDate, writeFileAtomic } from '../../src/render/index.js';
import { outputPath, renderBriefFile } from '../../src/render/file.js';
import { flat, readPdf } from './pdf.js';

const fixtures = resolve('tests/fixtures/render');
const brief = Brief.parse(JSON.parse(await readFile(join(fixtures, 'brief-ny.json'), 'utf8')));
const temp = () => mkdtemp(join(tmpdir(), 'offerbrief-render-'));

function capture(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    ctx: { cwd, env, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out,
    err,
  };
}

describe('renderBriefFile on the bundled guide', () => {
  it('writes the brief into out/, mode 0600, with the candidate numbers', async () => {
    const dir = await temp();
    const result = await renderBriefFile({ cwd: fixtures, candidate: 'profiles/priya.yaml', out: dir, date: '2026-03-05' });
    expect(result.path).toBe(join(dir, 'scale-ai-security-engineer-new-york-priya-raman.pdf'));
    expect((await stat(result.path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['scale-ai-security-engineer-new-york-priya-raman.pdf']);
    const pdf = await readPdf(await readFile(result.path));
    const text = flat(pdf.text);
    const k = (n: number) => `$${Math.round(n / 1000)}K`;
    expect(text).toContain(k(result.brief.target.totalComp));
    expect(text).toContain(k(result.brief.floor.totalComp));
    expect(text).toContain(k(result.brief.offer!.totalComp));
    expect(text).toContain('Confidential — prepared for Priya Raman');
    expect(text).toContain(`scale-ai-security-engineer.md · sha256 ${result.brief.guide.sha256.slice(0, 12)}`);
    expect(text).toContain('with my active TS/SCI clearance'.slice(10));
    pdf.pages.forEach((page, i) => expect(flat(page)).toContain(`Page ${i + 1} of ${pdf.pages.length}`));
  });

  it('keeps a name with ../ inside the output folder', async () => {
    const dir = await temp();
    const result = await renderBriefFile({ cwd: fixtures, candidate: 'profiles/escape.yaml', out: join(dir, 'briefs'), date: '2026-03-05' });
    expect(result.path).toBe(join(dir, 'briefs', 'scale-ai-security-engineer-san-francisco-tmp-evil.pdf'));
    expect(await readdir(join(dir, 'briefs'))).toEqual(['scale-ai-security-engineer-san-francisco-tmp-evil.pdf']);
  });

  it('leaves no file behind when the inputs are refused', async () => {
    const dir = await temp();
    await expect(renderBriefFile({ cwd: fixtures, candidate: 'profiles/unknown-region.yaml', out: dir })).rejects.toBeInstanceOf(InputError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const dir = await temp();
    const path = join(dir, 'a.pdf');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]), { mode: 0o600 });
    await writeFileAtomic(path, new Uint8Array([4, 5]), { mode: 0o600 });
    expect([...(await readFile(path))]).toEqual([4, 5]);
    expect(await readdir(dir)).toEqual(['a.pdf']);
  });

  it('leaves nothing behind when the rename fails', async () => {
    const dir = await temp();
    const path = join(dir, 'taken.pdf');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await expect(writeFileAtomic(path, new Uint8Array([1]), { mode: 0o600 })).rejects.toBeInstanceOf(IoError);
    expect(await readdir(dir)).toEqual(['taken.pdf']);
  });

  it('creates a missing folder', async () => {
    const dir = await temp();
    await writeFileAtomic(join(dir, 'x', 'y', 'b.pdf'), new Uint8Array([7]));
    expect(await readdir(join(dir, 'x', 'y'))).toEqual(['b.pdf']);
  });
});

describe('file names', () => {
  it('slugs company, role, region and candidate', () => {
    expect(briefFileName(brief)).toBe('scale-ai-security-engineer-new-york-priya-raman.pdf');
    const evil = { ...brief, guide: { ...brief.guide, company: '../../x', role: 'São Paulo / R&D' }, candidate: { name: '..\\..\\Zoë', file: null } };
    expect(briefFileName(evil)).toBe('x-sao-paulo-r-d-new-york-zoe.pdf');
  });

  it('names other templates, so a summary never overwrites the brief', () => {
    expect(briefFileName(brief, 'brief')).toBe('scale-ai-security-engineer-new-york-priya-raman.pdf');
    expect(briefFileName(brief, 'one-page')).toBe('scale-ai-security-engineer-new-york-priya-raman-one-page.pdf');
    expect(briefFileName(brief, '../coach/Short Brief.md')).toBe('scale-ai-security-engineer-new-york-priya-raman-short-brief.pdf');
  });

  it('only ever yields [a-z0-9-] names that stay inside the folder (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (company, role, region, name) => {
        const b = { ...brief, region, guide: { ...brief.guide, company, role }, candidate: { name, file: null } };
        const file = briefFileName(b);
        expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.pdf$|^brief\.pdf$/);
        expect(outputPath('/srv/out', file).startsWith('/srv/out/')).toBe(true);
      }),
    );
  });
});

describe('resolveRenderDate', () => {
  it('takes --date, then SOURCE_DATE_EPOCH, else the undated default', () => {
    expect(resolveRenderDate({ date: '2026-03-05', env: { SOURCE_DATE_EPOCH: '0' } })).toBe('2026-03-05');
    expect(resolveRenderDate({ env: { SOURCE_DATE_EPOCH: '1772668800' } })).toBe('2026-03-05');
    expect(resolveRenderDate({ env: {} })).toBe('1970-01-01');
  });

  it('refuses dates that are not calendar dates', () => {
    for (const bad of ['2026-02-30', '2026-3-5', '05/03/2026', 'tomorrow']) {
      expect(() => resolveRenderDate({ date: bad, env: {} })).toThrow(UsageError);
    }
    expect(() => resolveRenderDate({ env: { SOURCE_DATE_EPOCH: 'yesterday' } })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('offerbrief render', () => {
  it('prints the path it wrote', async () => {
    const dir = await temp();
    const { ctx, out, err } = capture(fixtures, { SOURCE_DATE_EPOCH: '1772668800' });
    const code = await main(['render', '--candidate', 'profiles/priya.yaml', '--out', dir, '--template', 'one-page'], ctx);
    expect(code).toBe(0);
    expect(out.join('')).toBe(`${join(dir, 'scale-ai-security-engineer-new-york-priya-raman-one-page.pdf')}\n`);
    expect(err.join('')).toContain('warning');
    const pdf = await readPdf(await readFile(join(dir, 'scale-ai-security-engineer-new-york-priya-raman-one-page.pdf')));
    expect(pdf.pages).toHaveLength(1);
    expect(flat(pdf.text)).toContain('5 March 2026');
  });

  it('encrypts with the password from --password-env, and refuses a missing variable', async () => {
    const dir = await temp();
    const ok = capture(fixtures, { BRIEF_PW: 'pa55word' });
    expect(await main(['render', '-c', 'profiles/priya.yaml', '-o', dir, '-t', 'one-page', '--password-env', 'BRIEF_PW'], ok.ctx)).toBe(0);
    const bytes = await readFile(ok.out.join('').trim());
    await expect(readPdf(bytes)).rejects.toMatchObject({ name: 'PasswordException' });
    expect(flat((await readPdf(bytes, 'pa55word')).text)).toContain('Priya Raman');

    const missing = capture(fixtures, {});
    expect(await main(['render', '-c', 'profiles/priya.yaml', '-o', dir, '--password-env', 'NOPE'], missing.ctx)).toBe(2);
    expect(missing.err.join('')).toBe('offerbrief render: --password-env NOPE: the environment variable NOPE is not set, expected the PDF\'s password in it\n');
  });

  it('exits 2 on a bad date or template, 1 on refused inputs, and writes nothing', async () => {
    const dir = await temp();
    const bad = capture(fixtures);
    expect(await main(['render', '-c', 'profiles/priya.yaml', '-o', dir, '--date', '2026-13-01'], bad.ctx)).toBe(2);
    expect(bad.err.join('')).toContain('Unexpected --date "2026-13-01", expected a calendar date as YYYY-MM-DD');
    const tpl = capture(fixtures);
    expect(await main(['render', '-c', 'profiles/priya.yaml', '-o', dir, '-t', 'nope.md'], tpl.ctx)).toBe(2);
    expect(tpl.err.join('')).toContain('nope.md: no such file or folder');
    const refused = capture(fixtures);
    expect(await main(['render', '-c', 'profiles/unknown-region.yaml', '-o', dir], refused.ctx)).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});

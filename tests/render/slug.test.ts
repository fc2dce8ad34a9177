// Issue #12 case 9: names in any script keep a slug; a brief never overwrites another candidate's.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Brief } from '../../src/model/brief.js';
import { renderBriefFile } from '../../src/render/file.js';
import { briefFileName, candidateHash, slugify } from '../../src/render/slug.js';

const fixtures = resolve('tests/fixtures/render');
const brief = Brief.parse(JSON.parse(await readFile(join(fixtures, 'brief-ny.json'), 'utf8')));
const named = (name: string) => ({ ...brief, candidate: { ...brief.candidate, name } });

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('slugify', () => {
  it.each([
    ['Łukasz', 'lukasz'],
    ['Straße', 'strasse'],
    ['Дмитрий Иванов', 'dmitriy-ivanov'],
    ['王伟', 'wang-wei'],
    ['Nguyễn Văn A', 'nguyen-van-a'],
    ['São Paulo / R&D', 'sao-paulo-r-d'],
    ['Zoë', 'zoe'],
    ['ﬁona', 'fiona'],
    ['..', ''],
    ['😀', ''],
  ])('%s → %s', (text, slug) => expect(slugify(text)).toBe(slug));
});

describe('briefFileName', () => {
  it('keeps the name part for non-Latin names', () => {
    expect(briefFileName(named('李娜'))).toBe('scale-ai-security-engineer-new-york-li-nuo.pdf');
    expect(briefFileName(named('Дмитрий Иванов'))).toBe('scale-ai-security-engineer-new-york-dmitriy-ivanov.pdf');
  });

  it('adds the candidate hash when nothing of the name remains, so ".." and "..." differ', () => {
    expect(briefFileName(named('..'), 'brief', { candidateFile: 'a.yaml' })).toBe(`scale-ai-security-engineer-new-york-${candidateHash('a.yaml')}.pdf`);
    expect(briefFileName(named('..'), 'brief', { candidateFile: 'b.yaml' })).not.toBe(briefFileName(named('..'), 'brief', { candidateFile: 'a.yaml' }));
    expect(briefFileName(named('..'))).not.toBe(briefFileName(named('...')));
    expect(candidateHash('a.yaml')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('render never overwrites another candidate\'s brief', () => {
  it('a second candidate with the same name gets the hashed name; rendering each again overwrites only its own', async () => {
    const work = await mkdtemp(join(tmpdir(), 'offerbrief-slug-'));
    dirs.push(work);
    const guide = resolve('guides/scale-ai-security-engineer.md');
    const text = (await readFile(join(fixtures, 'profiles/priya.yaml'), 'utf8')).replace(/^guide: .*$/m, `guide: ${guide}`);
    await writeFile(join(work, 'one.yaml'), text);
    await writeFile(join(work, 'two.yaml'), text.replace('base: 210000', 'base: 200000'));
    const render = (candidate: string) => renderBriefFile({ cwd: work, candidate, out: 'out', date: '2026-03-05' });
    const first = await render('one.yaml');
    const second = await render('two.yaml');
    expect(first.path).toBe(join(work, 'out', 'scale-ai-security-engineer-new-york-priya-raman.pdf'));
    expect(second.path).toBe(join(work, 'out', `scale-ai-security-engineer-new-york-priya-raman-${candidateHash('two.yaml')}.pdf`));
    const again = await render('one.yaml');
    expect(again.path).toBe(first.path);
    expect((await render('two.yaml')).path).toBe(second.path);
    expect((await readdir(join(work, 'out'))).sort()).toEqual([
      'scale-ai-security-engineer-new-york-priya-raman-' + candidateHash('two.yaml') + '.pdf',
      'scale-ai-security-engineer-new-york-priya-raman.pdf',
    ]);
    // A file of someone else's in the way is kept too.
    await rm(first.path);
    await writeFile(first.path, 'not a brief');
    expect((await render('one.yaml')).path).toBe(join(work, 'out', `scale-ai-security-engineer-new-york-priya-raman-${candidateHash('one.yaml')}.pdf`));
    expect(await readFile(first.path, 'utf8')).toBe('not a brief');
  }, 60_000);
});

describe('slugify fast path for ASCII (skips loading transliteration)', () => {
  it('gives what transliteration@2.6.1 gives for any printable ASCII text', async () => {
    const fc = (await import('fast-check')).default;
    const { transliterate } = await import('transliteration');
    const viaLibrary = (text: string) =>
      transliterate(text.normalize('NFKC'), { unknown: ' ' }).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
    fc.assert(fc.property(printable, (text) => slugify(text) === viaLibrary(text)), { numRuns: 2000 });
    // Every printable ASCII character on its own, and all of them together.
    const all = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    for (const text of [...all, all.join(''), `x${all.join('x')}x`]) expect(slugify(text)).toBe(viaLibrary(text));
    expect(transliterate('A-z 0~9', { unknown: ' ' })).toBe('A-z 0~9');
  });
});

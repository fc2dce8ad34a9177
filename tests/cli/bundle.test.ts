import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readPdf } from '../render/pdf.js';
import { runCli } from './run.js';

// The CLI starts from dist/bundle/offerbrief.cjs (scripts/bundle.mjs, run by `npm run build`).
const root = new URL('../../', import.meta.url).pathname;
const bundle = join(root, 'dist/bundle/offerbrief.cjs');

describe.skipIf(!existsSync(bundle))('the bundled CLI', () => {
  test('renders the same bytes as the sources', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offerbrief-bundle-'));
    const args = ['render', '-c', 'candidates/oliver-grant.json', '--date', '2026-02-01'];
    const printed = execFileSync(process.execPath, [join(root, 'bin/offerbrief.js'), ...args, '--out', join(out, 'bundle')], { cwd: root, encoding: 'utf8' });
    const inProcess = await runCli([...args, '--out', join(out, 'src')], { cwd: root });
    expect(inProcess.code).toBe(0);
    const name = 'helvetia-pay-data-scientist-london-oliver-grant.pdf';
    expect(printed).toBe(`${join(out, 'bundle', name)}\n`);
    expect(readFileSync(join(out, 'bundle', name)).equals(readFileSync(join(out, 'src', name)))).toBe(true);
  });

  // scripts/bundle.mjs escapes what esbuild leaves in regular expressions (£, €, “, — …): V8 then
  // holds the source one byte a character. The test above renders a brief in pounds through them.
  test('is ASCII only', () => {
    const source = readFileSync(bundle, 'latin1');
    expect(source.length).toBeGreaterThan(1_000_000);
    expect(source.match(/[^\x00-\x7f]/g)).toBeNull();
  });

  // The cache holds only for the V8 flags it was made with: the CLI's (bin/load-bundle.cjs).
  test('accepts its code cache under the CLI\'s V8 flags, and only under them', () => {
    const load = (setFlags: boolean) =>
      execFileSync(process.execPath, ['-e', `const b = require('./bin/load-bundle.cjs'); ${setFlags ? 'b.useCliV8Flags();' : ''} process.stdout.write(String(b.loadBundle().script.cachedDataRejected))`], { cwd: root, encoding: 'utf8' });
    expect(load(true)).toBe('false');
    expect(load(false)).toBe('true');
  });

  test('a corrupt or missing code cache only makes the start slower', () => {
    const copy = mkdtempSync(join(tmpdir(), 'offerbrief-cache-'));
    for (const part of ['bin', 'dist/bundle', 'templates', 'guides', 'package.json']) cpSync(join(root, part), join(copy, part), { recursive: true });
    writeFileSync(join(copy, 'dist/bundle/offerbrief.cjs.cache'), Buffer.alloc(4096, 7));
    const run = spawnSync(process.execPath, ['bin/offerbrief.js', 'lint', 'guides'], { cwd: copy, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No problems in 5 files');
    expect(run.status).toBe(0);
  });

  // The bundle holds brief.md and one-page.md parsed at build time ("renders the same bytes as the
  // sources" above uses them); a bundled template edited after the build is parsed from its text.
  test('parses a bundled template edited after the build from its text', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'offerbrief-template-'));
    for (const part of ['bin', 'dist/bundle', 'templates', 'guides', 'candidates', 'package.json']) cpSync(join(root, part), join(copy, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const brief = join(copy, 'templates/brief.md');
    writeFileSync(brief, readFileSync(brief, 'utf8').replace('## At a glance', '## Your numbers, edited'));
    const printed = execFileSync(process.execPath, ['bin/offerbrief.js', 'render', '-c', 'candidates/oliver-grant.json', '--date', '2026-02-01', '--out', 'out'], { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const text = (await readPdf(readFileSync(join(copy, printed.trim())))).text;
    expect(text).toContain('Your numbers, edited');
    expect(text).not.toContain('At a glance');
  });

  // The bundle loads AES (pdfkit's @noble/ciphers) and transliteration only when a brief needs them,
  // and builds fontkit's Unicode and shaper tables only when text needs shaping.
  test('loads AES on first use: a --password-env brief opens with the password only', async () => {
    const out = mkdtempSync(join(tmpdir(), 'offerbrief-bundle-aes-'));
    const run = spawnSync(process.execPath, [join(root, 'bin/offerbrief.js'), 'render', '-c', 'candidates/oliver-grant.json', '--date', '2026-02-01', '--out', out, '--password-env', 'BRIEF_PW'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, BRIEF_PW: 'c0rrect-horse' },
    });
    expect(run.status).toBe(0);
    const bytes = readFileSync(join(out, 'helvetia-pay-data-scientist-london-oliver-grant.pdf'));
    expect((await readPdf(bytes, 'c0rrect-horse')).text).toContain('Oliver Grant');
    await expect(readPdf(bytes)).rejects.toThrow(/password/i);
  });

  test('loads transliteration on first use: a name in another script still gets its slug', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offerbrief-bundle-slug-'));
    const profile = readFileSync(join(root, 'candidates/oliver-grant.json'), 'utf8');
    const data = JSON.parse(profile);
    data.name = 'Łukasz Дмитрий';
    data.guide = join(root, 'guides/helvetia-pay-data-scientist.md');
    writeFileSync(join(dir, 'lukasz.json'), JSON.stringify(data));
    const printed = execFileSync(process.execPath, [join(root, 'bin/offerbrief.js'), 'render', '-c', join(dir, 'lukasz.json'), '--date', '2026-02-01', '--out', join(dir, 'out')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(printed).toBe(`${join(dir, 'out', 'helvetia-pay-data-scientist-london-lukasz-dmitriy.pdf')}\n`);
  });

  test('builds the shaping tables on first use: text fontkit shapes gives the same bytes as the sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offerbrief-bundle-shape-'));
    const data = JSON.parse(readFileSync(join(root, 'candidates/oliver-grant.json'), 'utf8'));
    // Decomposed marks (Latin and Cyrillic), Arabic joining, Han from the fallback face.
    data.name = 'Nguye\u0302\u0303n Ва\u0301ня سارة 王芳';
    data.guide = join(root, 'guides/helvetia-pay-data-scientist.md');
    writeFileSync(join(dir, 'shaped.json'), JSON.stringify(data));
    const args = ['render', '-c', join(dir, 'shaped.json'), '--date', '2026-02-01'];
    const printed = execFileSync(process.execPath, [join(root, 'bin/offerbrief.js'), ...args, '--out', join(dir, 'bundle')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const inProcess = await runCli([...args, '--out', join(dir, 'src')], { cwd: root });
    expect(inProcess.code).toBe(0);
    const file = printed.trim();
    const bytes = readFileSync(file);
    expect(bytes.equals(readFileSync(join(dir, 'src', file.slice(join(dir, 'bundle').length + 1))))).toBe(true);
    const text = (await readPdf(bytes)).text.normalize('NFC');
    expect(text).toContain('Prepared for Nguyễn Ва́ня');
    expect(text).toContain('سارة');
    expect(text).toContain('王芳 · London');
  });
});

// scripts/shims/tiny-inflate.cjs replaces tiny-inflate@1.0.3 in the bundle: it must give its bytes.
describe('the tiny-inflate stand-in', () => {
  const require = createRequire(import.meta.url);
  const fromTrie = createRequire(createRequire(require.resolve('unicode-properties')).resolve('unicode-trie'));
  const tinyInflate = fromTrie('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
  const native = require('../../scripts/shims/tiny-inflate.cjs') as typeof tinyInflate;
  const same = (source: Uint8Array, size: number) => {
    const expected = tinyInflate(source, new Uint8Array(size));
    const actual = native(source, new Uint8Array(size));
    expect(actual.length).toBe(expected.length);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
    return actual;
  };

  test('inflates the Unicode tables of unicode-properties and fontkit as unicode-trie reads them', () => {
    // Their CommonJS builds hold each table as one base64 string.
    const tables = [require.resolve('unicode-properties'), require.resolve('fontkit')]
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\("([A-Za-z0-9+/=]{200,})"\)/g)].map((m) => Buffer.from(m[1]!, 'base64')));
    expect(tables.length).toBe(4);
    for (const table of tables) {
      // unicode-trie@2.0.0: a 12-byte header, then the data deflated twice into the same length.
      const size = table.readUInt32LE(8);
      const once = same(table.subarray(12), size);
      expect(same(once, size).length).toBe(size);
    }
  });

  test('gives the same bytes for stored, fixed and dynamic blocks, into a buffer too long or exact', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40_000 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), fc.nat(64), (bytes, level, text, extra) => {
        const data = text ? Buffer.from(Array.from(bytes, (b) => 97 + (b % 7))) : Buffer.from(bytes);
        same(deflateRawSync(data, { level }), data.length + extra);
      }),
      { numRuns: 60 },
    );
  });
});

// The package as users get it: `npm pack` (dist/ is already built by `npm test`, so the
// prepack build is not run again here), installed into an empty project with
// `npm install <tarball> --offline` from the local npm cache, then used as documented.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; files: string[]; exports: Record<string, unknown> };
const built = existsSync(join(root, 'dist/index.js')) && existsSync(join(root, 'dist/bundle/offerbrief.cjs'));

/** The environment without the npm_* variables of the `npm test` that runs us (they would steer the inner npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', NODE_ENV: 'production' };
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return result;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let consumer: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };

describe.skipIf(!built)('the npm package', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'offerbrief-pack-'));
    const pack = run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
    expect(pack.status, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as (typeof packed & { filename: string })[])[0]!;
    tarball = join(work, (packed as unknown as { filename: string }).filename);

    // An empty project. npm resolves the package's dependencies from registry metadata,
    // which an offline cache filled by `npm ci` does not hold; a lockfile listing the
    // production dependencies as our own lockfile pins them lets npm take their tarballs
    // from the cache by integrity, as a project that already depends on them would.
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const packages: Record<string, unknown> = { '': { name: 'consumer', version: '1.0.0' } };
    for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
    writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
    writeFileSync(join(consumer, 'package-lock.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
    cpSync(join(root, 'guides/northwind-backend-engineer.md'), join(consumer, 'guides/northwind-backend-engineer.md'));
    cpSync(join(root, 'candidates/priya-natarajan.yaml'), join(consumer, 'candidates/priya-natarajan.yaml'));
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  test('holds only what a user needs, and stays small', () => {
    const paths = packed.files.map((file) => file.path);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'bin/offerbrief.js', 'bin/load-bundle.cjs', 'dist/index.js', 'dist/index.d.ts', 'dist/bundle/offerbrief.cjs', 'dist/bundle/batch-worker.cjs', 'dist/batch/worker.js', 'templates/brief.md', 'templates/one-page.md', 'templates/email.md', 'web/index.html', 'web/app.js']) {
      expect(paths).toContain(needed);
    }
    const stray = paths.filter((path) => !/^(dist|bin|templates|web)\//.test(path) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(path));
    expect(stray).toEqual([]);
    expect(paths.filter((path) => /^(src|tests|bench|scripts|\.ci|guides|candidates)\//.test(path) || path.endsWith('.cache') || path.includes('tsbuildinfo'))).toEqual([]);
    expect(packed.size).toBeLessThan(1_000_000);
  });

  test('installs offline with no warning and runs no install script', () => {
    const install = run(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund'], consumer);
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/warn|error/i);
    expect(existsSync(join(consumer, 'node_modules/offerbrief/dist/index.js'))).toBe(true);
    expect(existsSync(join(consumer, 'node_modules/offerbrief/src'))).toBe(false);
  }, 180_000);

  test('its CLI runs from the bin, lints and renders', () => {
    const bin = join(consumer, 'node_modules/.bin/offerbrief');
    expect(run(bin, ['--version'], consumer).stdout).toBe(`${pkg.version}\n`);
    const lint = run(bin, ['lint', 'guides'], consumer);
    expect(lint.stdout).toContain('No problems in 1 file');
    expect(lint.status).toBe(0);
    const render = run(bin, ['render', '--candidate', 'candidates/priya-natarajan.yaml', '--date', '2026-03-05'], consumer);
    expect(render.stderr).toBe('');
    expect(render.stdout).toBe('out/northwind-robotics-backend-engineer-austin-priya-natarajan.pdf\n');
    expect(readFileSync(join(consumer, 'out/northwind-robotics-backend-engineer-austin-priya-natarajan.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  test('every exported entry point imports, and the library renders a brief', () => {
    // Every subpath the package exports (`.`, `./package.json`, and any added later) must load.
    const subpaths = Object.keys(pkg.exports).map((key) => `offerbrief${key.slice(1)}`);
    expect(subpaths).toEqual(expect.arrayContaining(['offerbrief', 'offerbrief/package.json']));
    const script = `
      for (const subpath of ${JSON.stringify(subpaths)}) {
        const loaded = await import(subpath, subpath.endsWith('.json') ? { with: { type: 'json' } } : undefined);
        if (Object.keys(loaded).length === 0) throw new Error(subpath + ' exports nothing');
      }
      import * as offerbrief from 'offerbrief';
      import packageJson from 'offerbrief/package.json' with { type: 'json' };
      const { readGuide, validateGuide, loadBrief, renderBrief, loadTemplate, renderBriefFile, mergeManifestFiles, runBatch, lint } = offerbrief;
      for (const [name, f] of Object.entries({ readGuide, validateGuide, loadBrief, renderBrief, loadTemplate, renderBriefFile, mergeManifestFiles, runBatch, lint })) {
        if (typeof f !== 'function') throw new Error(name + ' is not exported');
      }
      const { guide, file } = await readGuide('guides/northwind-backend-engineer.md');
      validateGuide(guide, file);
      const { brief } = await loadBrief({ cwd: process.cwd(), candidate: 'candidates/priya-natarajan.yaml' });
      const pdf = await renderBrief(brief, { template: await loadTemplate('one-page', process.cwd()), date: '2026-12-01' });
      const written = await renderBriefFile({ cwd: process.cwd(), candidate: 'candidates/priya-natarajan.yaml', out: 'lib-out', date: '2026-12-01' });
      let deep = 'exported';
      try { await import('offerbrief/dist/render/index.js'); } catch (error) { deep = error.code; }
      console.log(JSON.stringify({ version: packageJson.version, messages: file.messages.length, head: Buffer.from(pdf.subarray(0, 5)).toString(), path: written.path.slice(process.cwd().length), deep }));
    `;
    const result = run(process.execPath, ['--input-type=module', '-e', script], consumer);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      version: pkg.version,
      messages: 0,
      head: '%PDF-',
      path: '/lib-out/northwind-robotics-backend-engineer-austin-priya-natarajan.pdf',
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  }, 60_000);

  test('a TypeScript consumer, and every ts example of the docs, type-check against the shipped declarations', () => {
    // The docs' TypeScript examples, each as its own module of the consumer.
    const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
    const examples: string[] = [];
    for (const doc of docs) {
      for (const match of readFileSync(join(root, doc), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
        const name = `doc-example-${examples.length + 1}.ts`;
        writeFileSync(join(consumer, name), `// ${doc}\n${match[1]}\nexport {};\n`);
        examples.push(name);
      }
    }
    expect(examples.length).toBeGreaterThanOrEqual(3);
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import { readGuide, validateGuide, loadBrief, renderBrief, loadTemplate, resolveRenderDate, briefFileName, writeFileAtomic,
  renderBriefFile, mergeManifestFiles, runBatch, lint, UsageError, type Brief, type Guide, type Candidate, type RenderFileResult, type Manifest } from 'offerbrief';

const { guide, file } = await readGuide('guides/northwind-backend-engineer.md');
const checked: Guide = guide;
validateGuide(checked, file);
const { brief } = await loadBrief({ cwd: process.cwd(), candidate: 'candidates/priya-natarajan.yaml' });
const b: Brief = brief;
const template = await loadTemplate('brief', process.cwd());
const date: string = resolveRenderDate({ date: undefined, env: process.env });
const bytes: Uint8Array = await renderBrief(b, { template, date });
await writeFileAtomic(\`out/\${briefFileName(b)}\`, bytes, { mode: 0o600 });
const result: RenderFileResult = await renderBriefFile({ cwd: process.cwd(), candidate: 'candidates/priya-natarajan.yaml' });
const merged: { manifest: Manifest; path: string } = await mergeManifestFiles({ cwd: process.cwd(), out: 'out', manifests: [] });
const candidate: Candidate | undefined = undefined;
export { result, merged, candidate, runBatch, lint, UsageError };
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true,
          skipLibCheck: false, types: ['node'], typeRoots: [join(root, 'node_modules/@types')],
        },
        files: ['consumer.ts', ...examples],
      }),
    );
    const tsc = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 300_000);
});

// The CI and Kubernetes examples: every YAML parses, every offerbrief command line in
// them is one the CLI accepts (its options and values, checked by the CLI's own parser),
// and the Kubernetes Indexed Job, run locally as its pods would run, gives the same
// briefs as one machine.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseShard } from '../../src/batch/ids.js';
import { resolveShard } from '../../src/cli/commands/batch.js';
import { runCli } from '../cli/run.js';
import { offerbriefCommands, optionValues, UNKNOWN } from './commands.js';

const root = new URL('../../', import.meta.url).pathname;
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}
const files = ['.pre-commit-hooks.yaml', 'action.yml', ...yamlFiles('examples')];

type Yaml = unknown;
function load(file: string): Yaml[] {
  const docs = parseAllDocuments(readFileSync(join(root, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: no YAML documents`);
  for (const doc of docs) expect(doc.errors.map((e) => e.message), file).toEqual([]);
  return docs.map((doc) => doc.toJS() as Yaml);
}

/** Every value under a key `name`, anywhere in the tree. */
function valuesOf(node: Yaml, name: string, found: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const item of node) valuesOf(item, name, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === name) found.push(value);
      valuesOf(value, name, found);
    }
  }
  return found;
}

/** The offerbrief command lines of one file: shell `run:` steps, pre-commit hooks, container args. */
function commandsIn(file: string): string[][] {
  const docs = load(file);
  const found: string[][] = [];
  for (const doc of docs) {
    for (const script of valuesOf(doc, 'run')) if (typeof script === 'string') found.push(...offerbriefCommands(script));
    if (file === '.pre-commit-hooks.yaml') {
      for (const hook of doc as { entry: string; args?: string[] }[]) {
        const [command, ...rest] = hook.entry.split(' ');
        expect(command).toBe('offerbrief');
        found.push([...rest, ...(hook.args ?? []), 'guides/a-staged-guide.md']);
      }
    }
    // Kubernetes containers of the example image, whose ENTRYPOINT is offerbrief (see the Dockerfile).
    for (const containers of valuesOf(doc, 'containers')) {
      for (const container of containers as { image: string; command?: string[]; args: string[] }[]) {
        expect(container.command, `${file}: the image's ENTRYPOINT runs offerbrief`).toBeUndefined();
        found.push(container.args.map(String));
      }
    }
  }
  return found;
}

/** The CLI's own option parser judges the command line: with --help appended it parses every option, then prints the help. */
async function accepts(argv: string[]): Promise<void> {
  const shown = `offerbrief ${argv.join(' ')}`.replaceAll(UNKNOWN, '$X');
  const concrete = argv.map((arg) => arg.replaceAll(UNKNOWN, 'x'));
  const { code, stdout, stderr } = await runCli([...concrete, '--help'], { cwd: root });
  expect(stderr, shown).toBe('');
  expect(code, shown).toBe(0);
  expect(stdout, shown).toMatch(new RegExp(`^Usage: offerbrief ${argv[0]}`));
  // Values the parser leaves to the command, where the example writes them out.
  const known = (values: string[]) => values.filter((value) => !value.includes(UNKNOWN));
  for (const format of known(optionValues(argv, 'format', 'f'))) expect(['text', 'json', 'sarif', 'github'], shown).toContain(format);
  for (const date of known(optionValues(argv, 'date'))) expect(date, shown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const jobs of known(optionValues(argv, 'jobs', 'j'))) expect(jobs, shown).toMatch(/^[1-9]\d*$/);
  for (const count of known(optionValues(argv, 'max-warnings'))) expect(count, shown).toMatch(/^\d+$/);
  for (const shard of known(optionValues(argv, 'shard'))) {
    if (shard !== 'auto') expect(() => parseShard(shard), shown).not.toThrow();
  }
  if (argv[0] === 'manifest') expect(argv[1], shown).toBe('merge');
}

describe('example YAML files', () => {
  test('are the ones this test knows', () => {
    expect(files).toEqual([
      '.pre-commit-hooks.yaml',
      'action.yml',
      'examples/github/batch-sharded.yml',
      'examples/github/lint-with-action.yml',
      'examples/github/lint.yml',
      'examples/kubernetes/job.yaml',
      'examples/kubernetes/merge-job.yaml',
    ]);
  });

  test.each(files)('%s: every offerbrief command line is one the CLI accepts', async (file) => {
    const commands = commandsIn(file);
    const expected: Record<string, string[]> = {
      '.pre-commit-hooks.yaml': ['lint'],
      'action.yml': ['lint', 'lint'],
      'examples/github/batch-sharded.yml': ['batch', 'manifest'],
      'examples/github/lint-with-action.yml': [],
      'examples/github/lint.yml': ['lint', 'lint'],
      'examples/kubernetes/job.yaml': ['batch'],
      'examples/kubernetes/merge-job.yaml': ['manifest'],
    };
    expect(commands.map((argv) => argv[0])).toEqual(expected[file]);
    for (const argv of commands) await accepts(argv);
  });

  test('the action defaults to this version, and the workflow that uses it names it', () => {
    const [action] = load('action.yml') as { inputs: Record<string, { default: unknown }>; runs: { using: string } }[];
    expect(Object.keys(action!.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'config']));
    expect(String(action!.inputs.version!.default)).toBe(version);
    expect(action!.runs.using).toBe('composite');
    expect(valuesOf(load('examples/github/lint-with-action.yml')[0], 'uses')).toContain(`offerbrief/offerbrief@v${version}`);
  });

  test('the sharded workflow has as many matrix entries as it tells offerbrief there are shards', () => {
    const [workflow] = load('examples/github/batch-sharded.yml') as { env: { SHARDS: number }; jobs: { render: { strategy: { matrix: { shard: number[] } } } } }[];
    const shards = workflow!.jobs.render.strategy.matrix.shard;
    expect(shards).toEqual(Array.from({ length: workflow!.env.SHARDS }, (_, i) => i + 1));
  });

  test('the pre-commit hook names a node hook with offerbrief lint', () => {
    const [hooks] = load('.pre-commit-hooks.yaml') as { id: string; language: string; entry: string }[][];
    expect(hooks!.map((hook) => [hook.id, hook.language, hook.entry])).toEqual([['offerbrief-lint', 'node', 'offerbrief lint']]);
  });

  test('the Dockerfile installs production dependencies on node:20-slim and runs offerbrief', () => {
    const dockerfile = readFileSync(join(root, 'examples/kubernetes/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["offerbrief"\]$/m);
    expect(dockerfile).toMatch(/^WORKDIR \/work$/m);
  });
});

interface JobSpec {
  kind: string;
  spec: {
    completionMode?: string;
    completions: number;
    parallelism: number;
    template: { spec: { containers: { args: string[]; env?: { name: string; value: string }[]; volumeMounts: { mountPath: string }[] }[] } };
  };
}

describe.skipIf(!existsSync(join(root, 'dist/bundle/offerbrief.cjs')))('the Kubernetes Indexed Job, run locally', () => {
  const work = mkdtempSync(join(tmpdir(), 'offerbrief-k8s-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

  const job = load('examples/kubernetes/job.yaml').find((doc) => (doc as JobSpec).kind === 'Job') as JobSpec;
  const [merge] = load('examples/kubernetes/merge-job.yaml') as JobSpec[];
  const container = job.spec.template.spec.containers[0]!;
  const count = Number(container.env!.find((e) => e.name === 'OFFERBRIEF_SHARD_COUNT')!.value);

  /** A pod's working folder (the image's /work): a few guides and candidates. */
  function podFolder(name: string): string {
    const dir = join(work, name);
    for (const guide of ['northwind-backend-engineer.md', 'scale-ai-security-engineer.md']) cpSync(join(root, 'guides', guide), join(dir, 'guides', guide));
    for (const candidate of ['dana-reyes.yaml', 'marcus-lee.yaml', 'priya-natarajan.yaml']) cpSync(join(root, 'candidates', candidate), join(dir, 'candidates', candidate));
    return dir;
  }
  function offerbrief(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    const { JOB_COMPLETION_INDEX: _i, OFFERBRIEF_SHARD_COUNT: _n, SOURCE_DATE_EPOCH: _d, ...rest } = process.env;
    return spawnSync(process.execPath, [join(root, 'bin/offerbrief.js'), ...args], { cwd, env: { ...rest, ...env }, encoding: 'utf8' });
  }
  function outputs(dir: string) {
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as { complete: boolean; shard: unknown; items: { id: string; status: string; output: string | null; sha256: string | null }[] };
    return { complete: manifest.complete, shard: manifest.shard, items: manifest.items.map(({ id, status, output, sha256 }) => ({ id, status: status === 'skipped' ? 'rendered' : status, output, sha256 })) };
  }

  test('is an Indexed Job whose pods write to out/, one shard each', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(count);
    expect(job.spec.parallelism).toBe(count);
    expect(container.volumeMounts.map((mount) => mount.mountPath)).toEqual(['/work/out']);
    expect(optionValues(container.args, 'out', 'o')).toEqual(['out']);
    expect(optionValues(container.args, 'shard')).toEqual(['auto']);
    expect(resolveShard('auto', { JOB_COMPLETION_INDEX: String(count - 1), OFFERBRIEF_SHARD_COUNT: String(count) })).toEqual({ index: count, count });
  });

  test(`its ${count} pods and the merge give the briefs one machine renders`, () => {
    const shared = podFolder('pods'); // the shared volume: every pod writes to the same out/
    for (let index = 0; index < count; index++) {
      const pod = offerbrief(shared, container.args, { JOB_COMPLETION_INDEX: String(index), OFFERBRIEF_SHARD_COUNT: String(count) });
      expect(pod.status, pod.stderr).toBe(0);
      expect(existsSync(join(shared, `out/manifest.shard-${index + 1}-of-${count}.json`))).toBe(true);
    }
    const merged = offerbrief(shared, merge!.spec.template.spec.containers[0]!.args);
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(merged.stdout).toMatch(new RegExp(`^offerbrief manifest merge: ${count} manifests, \\d+ items \\(\\d+ rendered, 0 skipped, 0 failed\\) → out/manifest\\.json\\n$`));

    const single = podFolder('single');
    const args = [...container.args];
    args.splice(args.indexOf('--shard'), 2);
    const run = offerbrief(single, args);
    expect(run.status, run.stderr).toBe(0);

    const sharded = outputs(shared);
    const whole = outputs(single);
    expect(whole.items.length).toBe(18); // 3 candidates × 2 guides × 3 regions
    expect(sharded).toEqual(whole);
    expect(sharded.items.every((item) => item.status === 'rendered' && item.sha256 !== null)).toBe(true);
    for (const item of sharded.items) expect(readdirSync(join(shared, 'out'))).toContain(item.output);
  }, 300_000);

  test('--shard auto says what is missing', async () => {
    const missing = await runCli(['batch', '--shard', 'auto'], { cwd: work, env: { OFFERBRIEF_SHARD_COUNT: '4' } });
    expect(missing.stderr).toBe(
      'offerbrief batch: --shard auto: JOB_COMPLETION_INDEX is not set, expected the 0-based index a Kubernetes Indexed Job sets (or pass --shard i/n)\n',
    );
    expect(missing.code).toBe(2);
    const outOfRange = await runCli(['batch', '--shard', 'auto'], { cwd: work, env: { JOB_COMPLETION_INDEX: '4', OFFERBRIEF_SHARD_COUNT: '4' } });
    expect(outOfRange.stderr).toBe('offerbrief batch: --shard auto: JOB_COMPLETION_INDEX 4 is out of range, expected 0 to 3 for OFFERBRIEF_SHARD_COUNT 4\n');
    const noCount = await runCli(['batch', '--shard', 'auto'], { cwd: work, env: { JOB_COMPLETION_INDEX: '0', OFFERBRIEF_SHARD_COUNT: 'four' } });
    expect(noCount.stderr).toBe(
      'offerbrief batch: --shard auto: OFFERBRIEF_SHARD_COUNT is "four", expected the number of shards (the Job\'s completions), a whole number ≥ 1\n',
    );
  });
});

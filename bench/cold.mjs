#!/usr/bin/env node
// Benchmark of what a user waits for: one brief in a cold process, side by side with the tool
// they would otherwise reach for, pandoc + wkhtmltopdf on the same guide (a plain PDF of the
// Markdown, no personalization). Runs are interleaved (ours, theirs, ours, …) so both see the
// same load; medians of BENCH_COLD runs (default 7). Also a cold `offerbrief lint` of one guide.
//
// pandoc and wkhtmltopdf are installed with apt-get when missing (root only; BENCH_NO_INSTALL=1
// skips that); without them the side-by-side figure is skipped with a note.
//
// Run after `npm run build`: node bench/cold.mjs   (BENCH_COLD=9 to vary)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

// BENCH_ROOT: another build of offerbrief to measure (e.g. a checkout of main, for before/after).
const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(1, Number(process.env.BENCH_COLD ?? 7));
const guide = join(root, 'guides/scale-ai-security-engineer.md');
const candidate = join(root, 'candidates/dana-reyes.yaml');
const bin = join(root, 'bin/offerbrief.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
function ensureTools() {
  if (has('pandoc') && has('wkhtmltopdf')) return null;
  if (process.env.BENCH_NO_INSTALL) return 'pandoc or wkhtmltopdf missing (BENCH_NO_INSTALL set)';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'pandoc or wkhtmltopdf missing, and installing them needs root (apt-get install pandoc wkhtmltopdf)';
  if (!has('apt-get')) return 'pandoc or wkhtmltopdf missing, and there is no apt-get to install them';
  console.log('cold: installing pandoc and wkhtmltopdf with apt-get (once) …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'pandoc', 'wkhtmltopdf'], { stdio: 'ignore', env });
  return has('pandoc') && has('wkhtmltopdf') ? null : 'apt-get could not install pandoc and wkhtmltopdf';
}

const out = mkdtempSync(join(tmpdir(), 'offerbrief-bench-cold-'));
try {
  const skipped = ensureTools();
  const timed = (command, args) => {
    const s = performance.now();
    const child = spawnSync(command, args, { encoding: 'utf8', cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    const ms = performance.now() - s;
    if (child.status !== 0 && child.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
    return ms;
  };
  const ours = [];
  const theirs = [];
  const lint = [];
  const noop = [];
  const loads = [load()];
  // One untimed run each first: the page cache, not start-up, would otherwise be measured.
  timed(process.execPath, [bin, 'render', '--candidate', candidate, '--out', out, '--date', '2026-01-01']);
  if (!skipped) timed('pandoc', [guide, '-o', join(out, 'pandoc.pdf'), '--pdf-engine=wkhtmltopdf']);
  for (let i = 0; i < runs; i++) {
    ours.push(timed(process.execPath, [bin, 'render', '--candidate', candidate, '--out', out, '--date', '2026-01-01']));
    if (!skipped) theirs.push(timed('pandoc', [guide, '-o', join(out, 'pandoc.pdf'), '--pdf-engine=wkhtmltopdf']));
    lint.push(timed(process.execPath, [bin, 'lint', guide]));
    noop.push(timed(process.execPath, ['-e', '0']));
  }
  loads.push(load());
  const brief = median(ours);
  if (skipped) {
    console.log(`cold render (offerbrief render, full brief): median ${brief.toFixed(0)} ms wall over ${runs} runs; pandoc + wkhtmltopdf skipped: ${skipped}`);
  } else {
    const anchor = median(theirs);
    console.log(
      `cold render (offerbrief render, full brief): median ${brief.toFixed(0)} ms wall beside pandoc + wkhtmltopdf ${anchor.toFixed(0)} ms ` +
        `on the same guide: ${(brief / anchor).toFixed(2)}× (target ≤ 0.6×), ${runs} interleaved runs`,
    );
  }
  console.log(`cold lint (offerbrief lint, one guide): median ${median(lint).toFixed(0)} ms wall; bare node -e 0: ${median(noop).toFixed(0)} ms`);
  console.log(`cold: load average (1 5 15 min) before ${loads[0]}, after ${loads[1]}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}

import { existsSync, statSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeFsError, UsageError } from '../errors.js';
import { version as toolVersion } from '../version.js';
import { workerScript } from '../paths.js';
import { acquireLock, ensureDir, isInside, removeStaleTempFiles, sameFile, stagingPath } from './fs.js';
import { candidateHash, slugify, withCandidateHash } from '../render/slug.js';
import { inShard, manifestFileName, sha256, type Shard } from './ids.js';
import {
  cacheKey,
  describeItem,
  MANIFEST_VERSION,
  readManifest,
  sortEntries,
  summarize,
  writeManifest,
  entryBytesCache,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
import { loadPlanInputs, planItems, type PlannedItem, type RegionChoice, type RegionsOf } from './plan.js';
import { DiscardedError, InlineExecutor, runPool, ThreadExecutor, type Executor, type Outcome } from './pool.js';
import type { ProgressState } from './progress.js';
import type { WorkerConfig, WorkResult, WorkTask } from './types.js';

export interface BatchOptions {
  /** The folder the batch runs in: relative paths, item ids and manifest paths start here. */
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Guide files, folders or globs; empty: each candidate's `guide` field. */
  guides?: readonly string[];
  /** Candidate profile files, folders or globs (default: the `candidates` folder). */
  candidates?: readonly string[];
  regions?: RegionChoice;
  /** Template name or path (default `brief`). */
  template?: string;
  /** Output folder (default `out`). */
  out?: string;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  shard?: Shard | null;
  /** YYYY-MM-DD; default `SOURCE_DATE_EPOCH`, then the render module's fixed default. */
  date?: string;
  /** Render again even when up to date, and render guides with lint errors. */
  force?: boolean;
  /** Unfilled slots fail the item. */
  strict?: boolean;
  /** Lint severities and tolerance (from the config file). */
  validate?: WorkerConfig['validate'];
  /** Exchange rates (from the config). */
  fx?: Record<string, number>;
  /** Stop: start nothing new, let the items in flight finish. */
  signal?: AbortSignal;
  /** Discard: drop the items in flight now (their staging files are removed). */
  discardSignal?: AbortSignal;
  /**
   * Old-generation heap limit of each worker thread in MB (default 128): rendering leaves garbage
   * that V8 would otherwise let grow to hundreds of MB per thread before collecting.
   */
  workerHeapMb?: number;
  /**
   * Young-generation size of each worker thread in MB (default 16, V8's own 48 here): a brief's
   * garbage dies young, and a smaller nursery is collected more often for the same CPU (measured:
   * peak RSS of 1,000 briefs 295 instead of 333 MB, the same briefs/s within noise).
   */
  workerYoungMb?: number;
  /** Called after every finished item. */
  onProgress?: (state: Omit<ProgressState, 'elapsedMs'>) => void;
  /** Write the manifest at most this often while running (default 2000 ms), and at the end. */
  manifestIntervalMs?: number;
  /** Test seam: render items in this thread with this function instead of worker threads. */
  renderItem?: (task: WorkTask, config: WorkerConfig) => Promise<WorkResult>;
  /** Test seam: the template's hash and the date, without the render module. */
  resolveTemplate?: (options: { template: string; cwd: string; date?: string; env: NodeJS.ProcessEnv }) => Promise<{ templateSha256: string; date: string }>;
  /** Test seam: a guide's regions for `--regions all`, without the parser. */
  regionsOf?: RegionsOf;
}

export interface BatchResult {
  manifest: Manifest;
  manifestPath: string;
  /** True when a signal stopped the batch before every item was done. */
  interrupted: boolean;
  /** This run's failures, sorted by id. */
  failures: ManifestEntry[];
  /** Notes for the user (an unreadable earlier manifest, stale files removed). */
  notes: string[];
  elapsedMs: number;
}

/** The template's hash (over its loaded form) and the render date, from the render module. */
async function renderModuleTemplate(options: { template: string; cwd: string; date?: string; env: NodeJS.ProcessEnv }): Promise<{ templateSha256: string; date: string }> {
  const render = await import('../render/index.js');
  const date = render.resolveRenderDate({ date: options.date, env: options.env });
  const template = await render.loadTemplate(options.template, options.cwd);
  // The loaded template's content, not its path: the key is the same on every machine.
  return { templateSha256: sha256(JSON.stringify({ settings: template.settings, nodes: template.nodes })), date };
}

/** The worker thread's module: the bundled one, else the compiled one (dist/batch/worker.js). */
export const workerUrl: URL = workerScript('batch') ?? new URL('./worker.js', import.meta.url);

/**
 * Renders the batch: plans the items, skips the ones already up to date, renders the rest in
 * worker threads, and writes the manifest (atomically, every `manifestIntervalMs` and at the end).
 * Throws `UsageError`/`IoError` for bad options or an unwritable output folder; item problems
 * are recorded as failed items, never thrown.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now();
  const cwd = resolve(options.cwd);
  const env = options.env ?? {};
  const outDir = resolve(cwd, options.out ?? 'out');
  const template = options.template ?? 'brief';
  const force = options.force ?? false;
  const shard = options.shard && options.shard.count > 1 ? options.shard : null;
  if (options.out === '') throw new UsageError('--out: unexpected empty folder name, expected a folder such as out (use . for the working folder)');
  const requested = options.jobs ?? availableParallelism();
  if (!Number.isInteger(requested) || requested < 1) throw new UsageError(`--jobs: unexpected ${String(requested)}, expected a whole number ≥ 1`);
  const notes: string[] = [];
  const jobs = Math.min(requested, maxJobs());
  if (jobs < requested) notes.push(`--jobs ${requested} is more than this machine can use; using ${jobs} (4 × ${availableParallelism()} cores)`);

  const { templateSha256, date } = await (options.resolveTemplate ?? renderModuleTemplate)({ template, cwd, date: options.date, env });
  const config: WorkerConfig = { cwd, template, date, force, strict: options.strict ?? false, validate: options.validate ?? {}, ...(options.fx ? { fx: options.fx } : {}) };
  const startThreads = (count: number) =>
    new ThreadExecutor<WorkTask, WorkResult>({
      workerUrl,
      workerData: config,
      jobs: count,
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 128, maxYoungGenerationSizeMb: options.workerYoungMb ?? 16 },
    });
  // Without an earlier manifest every item renders: the threads start (load the code, the
  // template, the fonts) while this thread plans. A re-run may render nothing: it waits.
  let warm: ThreadExecutor<WorkTask, WorkResult> | null =
    options.renderItem || existsSync(join(outDir, manifestFileName(shard))) ? null : startThreads(jobs);
  try {
  const inputs = await loadPlanInputs({
    cwd,
    guides: options.guides ?? [],
    candidates: options.candidates && options.candidates.length > 0 ? options.candidates : ['candidates'],
    regions: options.regions ?? null,
    regionsOf: options.regionsOf,
  });

  // First pass: which items this shard owns (ids only, to know the total and what is pending).
  // Items whose briefs would share a file name for sure (same guide, region and candidate name
  // slug) all get the candidate hash in their names, whatever order they finish in.
  const planned = new Set<string>();
  const byName = new Map<string, string[]>();
  for (const item of planItems(inputs)) {
    if (!inShard(item.id, shard)) continue;
    planned.add(item.id);
    if (item.error !== null || !item.guide || item.region === null || !item.candidate.candidate) continue;
    const name = `${item.guide.path}\0${slugify(item.region)}\0${slugify(item.candidate.candidate.name)}`;
    const ids = byName.get(name);
    if (ids) ids.push(item.id);
    else byName.set(name, [item.id]);
  }
  const unique = new Set<string>([...byName.values()].filter((ids) => ids.length > 1).flat());
  const total = planned.size;

  await ensureDir(outDir);
  const manifestName = manifestFileName(shard);
  const manifestPath = join(outDir, manifestName);
  // One batch per output folder and manifest at a time; a killed batch's lock is taken over.
  const lock = await acquireLock(outDir, manifestName);
  try {
  if (lock.tookOver !== null) notes.push(`took over the lock of an earlier batch (pid ${lock.tookOver}) that is no longer running`);
  const removed = await removeStaleTempFiles(outDir, manifestName, (id) => inShard(id, shard));
  if (removed > 0) notes.push(`removed ${removed} temporary file(s) an interrupted batch left in ${outDir}`);

  const prior = new Map<string, ManifestEntry>();
  for (const name of shard ? [manifestName, 'manifest.json'] : [manifestName]) {
    const path = join(outDir, name);
    let manifest: Manifest;
    try {
      statSync(path);
    } catch {
      continue;
    }
    try {
      manifest = await readManifest(path);
    } catch (error) {
      notes.push(`ignoring the earlier manifest: ${(error as Error).message}; every item is rendered again`);
      continue;
    }
    // The shard's own manifest first; a merged manifest.json fills in what it lacks. The manifest
    // is input, not truth: an output outside the folder makes its entry worthless.
    let outside = 0;
    for (const entry of manifest.items) {
      if (!planned.has(entry.id) || prior.has(entry.id)) continue;
      if (entry.output !== null && !isInside(outDir, entry.output)) {
        outside++;
        continue;
      }
      prior.set(entry.id, entry);
    }
    if (outside > 0) notes.push(`${name}: ${outside} item(s) with an output outside ${outDir} ignored; they are rendered again`);
  }

  const options_ = { template, regions: regionChoiceText(options.regions ?? null), force };
  const entries = new Map<string, ManifestEntry>();
  /** Output file name → the item that wrote it in this run (or was kept from an earlier one). */
  const claims = new Map<string, string>();
  const counts = { done: 0, failed: 0 };
  const record = (entry: ManifestEntry) => {
    entries.set(entry.id, entry);
    counts.done++;
    if (entry.status === 'failed') counts.failed++;
    options.onProgress?.({ done: counts.done, total, failed: counts.failed });
    scheduleManifestWrite();
  };

  const buildManifest = (complete: boolean): Manifest => {
    const items: ManifestEntry[] = [];
    for (const id of planned) {
      const entry = entries.get(id) ?? prior.get(id);
      if (entry) items.push(entry);
    }
    const summary = summarize([...entries.values()], total);
    return {
      tool: 'offerbrief',
      manifestVersion: MANIFEST_VERSION,
      version: toolVersion,
      date,
      options: options_,
      shard,
      mergedFrom: [],
      complete,
      summary,
      items: sortEntries(items),
    };
  };

  // Manifest writes are serialized; while running, at most one every `manifestIntervalMs`.
  const interval = options.manifestIntervalMs ?? 2000;
  let lastWrite = performance.now();
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  const bytesOf = entryBytesCache();
  const writeNow = (complete: boolean) => {
    const manifest = buildManifest(complete);
    writing = writing.then(() => writeManifest(manifestPath, manifest, bytesOf)).catch((error: unknown) => {
      writeError ??= error;
    });
    return writing;
  };
  function scheduleManifestWrite() {
    if (performance.now() - lastWrite < interval) return;
    lastWrite = performance.now();
    void writeNow(false);
  }

  const baseEntry = (item: PlannedItem) => ({
    id: item.id,
    guide: item.guide?.name ?? null,
    candidate: item.candidate.name,
    region: item.region,
  });
  const inputsOf = (item: PlannedItem) => ({
    guide: item.guide?.sha256 ?? null,
    candidate: item.candidate.sha256,
    template: templateSha256,
  });
  const failedEntry = (item: PlannedItem, error: string, key: string | null): ManifestEntry => ({
    ...baseEntry(item),
    status: 'failed',
    output: null,
    sha256: null,
    bytes: null,
    error,
    warnings: [],
    key,
    inputs: inputsOf(item),
  });

  const taskItems = new Map<string, { item: PlannedItem; key: string }>();
  function* tasks(): Generator<WorkTask> {
    for (const item of planItems(inputs)) {
      if (!planned.has(item.id)) continue;
      if (item.error !== null || !item.guide || item.region === null) {
        record(failedEntry(item, item.error ?? `${describeItem(baseEntry(item))}: nothing to render`, null));
        continue;
      }
      const key = cacheKey({
        guideSha256: item.guide.sha256!,
        candidateSha256: item.candidate.sha256!,
        templateSha256,
        version: toolVersion,
        region: item.region,
        date,
        // The rates change the numbers of converted offers: a new rate renders those briefs again.
        options: { template, ...(options.fx ? { fx: options.fx } : {}) },
      });
      const before = prior.get(item.id);
      if (
        !force &&
        before &&
        before.status !== 'failed' &&
        before.key === key &&
        before.output !== null &&
        sameFile(join(outDir, before.output), before.bytes, before.sha256)
      ) {
        const owner = claims.get(before.output);
        if (owner === undefined || owner === item.id) {
          claims.set(before.output, item.id);
          record({ ...before, ...baseEntry(item), status: 'skipped', error: null });
          continue;
        }
      }
      taskItems.set(item.id, { item, key });
      yield {
        id: item.id,
        guidePath: item.guide.path,
        guideName: item.guide.name,
        guideSha256: item.guide.sha256!,
        candidatePath: item.candidate.path,
        candidateName: item.candidate.name,
        candidateSha256: item.candidate.sha256!,
        ...(item.candidate.candidate ? { candidate: item.candidate.candidate } : {}),
        region: item.region,
        stagingPath: stagingPath(outDir, item.id),
      };
    }
  }

  const onResult = async (task: WorkTask, outcome: Outcome<WorkResult>) => {
    const { item, key } = taskItems.get(task.id)!;
    taskItems.delete(task.id);
    if (!outcome.ok) {
      await unlink(task.stagingPath).catch(() => undefined);
      if (outcome.error instanceof DiscardedError) return; // still pending: a re-run renders it
      record(failedEntry(item, (outcome.error as Error)?.message ?? String(outcome.error), key));
      return;
    }
    const result = outcome.value;
    if (result.status === 'failed' || result.fileName === null) {
      await unlink(task.stagingPath).catch(() => undefined);
      record(failedEntry(item, result.error ?? 'failed without a reason', key));
      return;
    }
    // Check and claim the name in one synchronous step, before any await: two items finishing
    // together can never both take it. A taken name gets the candidate hash.
    const hashed = withCandidateHash(result.fileName, candidateHash(item.candidate.name));
    let fileName = unique.has(item.id) ? hashed : result.fileName;
    const taken = (name: string) => {
      const owner = claims.get(name);
      return owner !== undefined && owner !== item.id ? owner : null;
    };
    if (taken(fileName) !== null) fileName = hashed;
    const owner = taken(fileName);
    if (owner !== null || !isInside(outDir, fileName)) {
      await unlink(task.stagingPath).catch(() => undefined);
      const other = owner !== null ? entries.get(owner) : undefined;
      record(
        failedEntry(
          item,
          owner !== null
            ? `${fileName}: the same output file as ${other ? describeItem(other) : `item ${owner}`}; give the candidates different names or render them in separate batches`
            : `${fileName}: not a file name inside ${outDir}`,
          key,
        ),
      );
      return;
    }
    claims.set(fileName, item.id);
    try {
      await rename(task.stagingPath, join(outDir, fileName));
    } catch (error) {
      claims.delete(fileName);
      await unlink(task.stagingPath).catch(() => undefined);
      record(failedEntry(item, describeFsError(error, join(outDir, fileName)), key));
      return;
    }
    record({
      ...baseEntry(item),
      status: 'rendered',
      output: fileName,
      sha256: result.sha256,
      bytes: result.bytes,
      error: null,
      warnings: result.warnings ?? [],
      key,
      inputs: inputsOf(item),
    });
  };

  // Only start threads when something is left to render.
  const source = tasks();
  const first = source.next();
  let stopped = false;
  if (!first.done) {
    const executor: Executor<WorkTask, WorkResult> = options.renderItem
      ? new InlineExecutor<WorkTask, WorkResult>((task) => options.renderItem!(task, config), jobs)
      : (warm ?? startThreads(Math.min(jobs, total)));
    warm = null; // runPool's caller closes it now
    const all: Iterator<WorkTask> = {
      next: (() => {
        let head: IteratorResult<WorkTask> | null = first;
        return () => {
          if (head) {
            const value = head;
            head = null;
            return value;
          }
          return source.next();
        };
      })(),
    };
    try {
      ({ stopped } = await runPool({ source: all, executor, signal: options.signal, discardSignal: options.discardSignal, onResult }));
    } finally {
      await executor.close(options.discardSignal?.aborted ? 'discard' : 'drain');
    }
  }
  // Interrupted only when a signal left items undone (a signal after the last item changes nothing).
  const complete = counts.done === total;
  const interrupted = !complete && (stopped || (options.signal?.aborted ?? false) || (options.discardSignal?.aborted ?? false));
  await writeNow(complete);
  if (writeError) throw writeError;
  const manifest = buildManifest(complete);
  const failures = sortEntries([...entries.values()].filter((entry) => entry.status === 'failed'));
  return { manifest, manifestPath, interrupted, failures, notes, elapsedMs: performance.now() - started };
  } finally {
    await lock.release();
  }
  } finally {
    // Threads started for a batch that then rendered nothing (or failed while planning).
    await warm?.close('drain');
  }
}

/** The most worker threads a batch starts: more only adds memory and contention. */
export function maxJobs(): number {
  return 4 * availableParallelism();
}


function regionChoiceText(regions: RegionChoice): string | null {
  if (regions === null) return null;
  return regions === 'all' ? 'all' : regions.join(',');
}

export { runBatch, workerUrl, type BatchOptions, type BatchResult } from './run.js';
export { itemId, shardOf, inShard, parseShard, manifestFileName, sha256, type ItemKey, type Shard } from './ids.js';
export {
  Manifest,
  ManifestEntry,
  ManifestOptions,
  ManifestSummary,
  EntryStatus,
  MANIFEST_VERSION,
  cacheKey,
  describeItem,
  formatManifest,
  mergeManifests,
  parseManifest,
  readManifest,
  sortEntries,
  summarize,
  writeManifest,
  type CacheKeyInput,
  type MergeInput,
} from './manifest.js';
export { planItems, loadPlanInputs, parseRegions, splitList, expandPaths, type PlannedItem, type RegionChoice } from './plan.js';
export { runPool, InlineExecutor, ThreadExecutor, DiscardedError, WorkerCrashError, type Executor } from './pool.js';
export { formatProgress, formatDuration, formatRate, ProgressReporter, type ProgressMode, type ProgressState } from './progress.js';
export type { WorkerConfig, WorkTask, WorkResult } from './types.js';
export { mergeManifestFiles, type MergeFilesOptions, type MergeFilesResult } from './merge.js';

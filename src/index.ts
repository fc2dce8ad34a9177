/**
 * offerbrief as a library: parse guides, lint them, compute a candidate's
 * brief, render it to PDF, batch many. The CLI is a thin layer over these.
 */
export * from './model/guide.js';
export { Candidate, Offer, CompetingOffer } from './model/candidate.js';
export * from './model/brief.js';
export { OfferbriefError, UsageError, IoError, InputError, ExitCode } from './errors.js';
export { version } from './version.js';

export { parseGuide, readGuide, defaultMaxBytes, type ParseOptions, type ParsedGuide, type ReadGuide } from './parse/index.js';
export { parseCell, findAmounts } from './parse/money.js';
export { validateGuide, rules, allRuleMeta, defaultTolerance, formatMoney, type ValidateOptions, type Rule, type RuleMeta, type Severity, type Tolerance } from './validate/index.js';
export { lint, lintFile, type LintOptions, type LintRun } from './lint/index.js';
export { reporters, formatText, formatJson, formatSarif, formatGithub, type LintResult, type LintMessage } from './report/index.js';
export { loadConfig, loadValidateOptions, parseConfig, parseTolerance, type LintConfig } from './config/index.js';
export { buildBrief, loadBrief, readCandidate, parseCandidate, type LoadBriefOptions, type LoadedBrief } from './personalize/index.js';
export { renderBrief, loadTemplate, briefFileName, writeFileAtomic, resolveRenderDate, UNDATED, type RenderOptions, type Template } from './render/index.js';
export { renderBriefFile, type RenderFileOptions, type RenderFileResult } from './render/file.js';
export {
  runBatch,
  mergeManifestFiles,
  mergeManifests,
  readManifest,
  parseManifest,
  parseShard,
  Manifest,
  ManifestEntry,
  type BatchOptions,
  type BatchResult,
  type MergeFilesOptions,
  type MergeFilesResult,
  type Shard,
} from './batch/index.js';

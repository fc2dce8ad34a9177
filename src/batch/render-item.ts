import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { VFile } from 'vfile';
import type { Guide } from '../model/guide.js';
import { OfferbriefError } from '../errors.js';
import { defaultMaxBytes, parseGuide } from '../parse/index.js';
import { maxProfileBytes } from '../personalize/profile.js';
import { readRegularFileSync } from '../read.js';
import { validateGuide } from '../validate/index.js';
import type { Candidate } from '../model/candidate.js';
import { addGuideWarnings, bandCurrency, buildBrief, formatMessages, parseCandidate, parseProfileText } from '../personalize/index.js';
import { readGuide } from '../parse/index.js';
import { dirname, resolve } from 'node:path';
import { UNDATED, briefFileName, loadTemplate, renderBrief, type Template } from '../render/index.js';
import { candidateHash as ownerHash } from '../render/slug.js';
import { sha256 } from './ids.js';
import type { WorkerConfig, WorkResult, WorkTask } from './types.js';

/** Guides kept parsed per worker (most batches use a handful; the cache stays bounded). */
const GUIDE_CACHE_SIZE = 64;
/** Profiles kept parsed per worker (a profile is rendered once per guide × region). */
const CANDIDATE_CACHE_SIZE = 256;

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface ParsedGuide {
  guide: Guide;
  file: VFile;
  /** The lint errors that refuse it (empty when clean or forced). */
  refusal: string | null;
}

/**
 * The real pipeline for one item, with per-worker caches: each guide is parsed and linted once
 * (by sha256 of its bytes), the template loaded once; fonts are parsed once by the render module.
 * Never throws for a bad input: the item fails with the reason.
 */
export function createItemRenderer(config: WorkerConfig): (task: WorkTask) => Promise<WorkResult> {
  const guides = new Map<string, ParsedGuide>();
  const candidates = new Map<string, Candidate>();
  // Loaded as the worker starts, while the main thread still plans; a failure is the first item's.
  let template: Promise<Template> | null = loadTemplate(config.template, config.cwd);
  template.catch(() => undefined);
  /** The band currency of a profile's region in the guide it names, by guide path and region. */
  const ownCurrencies = new Map<string, Promise<string | null>>();
  const ownCurrency = (candidate: Candidate, candidatePath: string, guidePath: string): Promise<string | null> | null => {
    if (candidate.guide === undefined) return null;
    const own = resolve(dirname(candidatePath), candidate.guide);
    if (own === guidePath) return null;
    const key = `${own}\0${candidate.region}`;
    let found = ownCurrencies.get(key);
    if (!found) {
      found = readGuide(own, {}).then((read) => bandCurrency(read.guide, candidate.region)).catch(() => null);
      if (ownCurrencies.size >= GUIDE_CACHE_SIZE) ownCurrencies.delete(ownCurrencies.keys().next().value!);
      ownCurrencies.set(key, found);
    }
    return found;
  };

  const guideFor = (bytes: Uint8Array, hash: string, name: string): ParsedGuide => {
    const cached = guides.get(hash);
    if (cached) return cached;
    const { guide, file } = parseGuide(bytes, { path: name });
    // The guide's age is judged on the briefs' day; undated briefs do not judge it.
    validateGuide(guide, file, { ...config.validate, ...(config.date !== UNDATED ? { date: config.date } : {}) });
    const errors = formatMessages(file, name, 'errors');
    const refusal =
      errors.length > 0 && !config.force
        ? `${name}: ${errors.length} lint error${errors.length === 1 ? '' : 's'}, expected none (fix them, or pass --force to render anyway):\n${errors.join('\n')}`
        : null;
    const parsed = { guide, file, refusal };
    if (guides.size >= GUIDE_CACHE_SIZE) guides.delete(guides.keys().next().value!);
    guides.set(hash, parsed);
    return parsed;
  };

  // Guides this worker has read and found to be the planned bytes, by path and sha256: the next
  // items of the guide render from the same parse without reading it again, so every brief of a
  // guide is made of the bytes whose hash the manifest records.
  const verifiedGuides = new Map<string, ParsedGuide>();

  // File access is synchronous: this thread has nothing else to do meanwhile, and each await on the
  // thread pool cost more than the read itself (about 1.4 ms of a brief's ~22 ms, measured).
  return async (task) => {
    try {
      const guideKey = `${task.guidePath}\0${task.guideSha256}`;
      let parsed = verifiedGuides.get(guideKey);
      if (!parsed) {
        let bytes: Uint8Array;
        try {
          bytes = readRegularFileSync(task.guidePath, { maxBytes: defaultMaxBytes, shown: task.guideName, what: 'guide', hint: 'split it' });
        } catch (error) {
          return failed((error as Error).message);
        }
        const hash = sha256(bytes);
        if (hash !== task.guideSha256) return failed(`${task.guideName}: changed while the batch ran; run the batch again`);
        parsed = guideFor(bytes, hash, task.guideName);
        if (verifiedGuides.size >= GUIDE_CACHE_SIZE) verifiedGuides.delete(verifiedGuides.keys().next().value!);
        verifiedGuides.set(guideKey, parsed);
      }
      if (parsed.refusal) return failed(parsed.refusal);
      const hash = task.guideSha256;

      // The planner sends the profile it parsed from the bytes whose hash the task carries.
      let candidate = task.candidate ?? candidates.get(task.candidateSha256);
      if (!candidate) {
        let candidateBytes: Uint8Array;
        try {
          candidateBytes = readRegularFileSync(task.candidatePath, { maxBytes: maxProfileBytes, shown: task.candidateName, what: 'profile' });
        } catch (error) {
          return failed((error as Error).message);
        }
        const candidateHash = sha256(candidateBytes);
        if (candidateHash !== task.candidateSha256) return failed(`${task.candidateName}: changed while the batch ran; run the batch again`);
        // The planner already checked this profile; parse it the same way (see personalize/profile.ts).
        let text: string;
        try {
          text = utf8.decode(candidateBytes);
        } catch {
          return failed(`${task.candidateName}: not valid UTF-8, expected a UTF-8 text file`);
        }
        candidate = parseCandidate(parseProfileText(text.replace(/^\uFEFF/, ''), task.candidateName), task.candidateName);
        if (candidates.size >= CANDIDATE_CACHE_SIZE) candidates.delete(candidates.keys().next().value!);
        candidates.set(candidateHash, candidate);
      }
      const defaultCurrency = bandCurrency(parsed.guide, candidate.region) ?? (await ownCurrency(candidate, task.candidatePath, task.guidePath));
      let built;
      try {
        built = buildBrief({
          ...(defaultCurrency !== null ? { defaultCurrency } : {}),
          ...(config.fx ? { fx: config.fx } : {}),
          guide: parsed.guide,
          guideFile: { name: basename(task.guidePath), sha256: hash },
          candidate,
          candidateFile: basename(task.candidatePath),
          region: task.region,
          strict: config.strict,
        });
      } catch (error) {
        if (error instanceof OfferbriefError) return failed(`${task.candidateName}: ${error.message}`);
        throw error;
      }
      if (built.problems.length > 0) return failed(built.problems.map((problem) => `${task.candidateName}: ${problem}`).join('\n'));

      addGuideWarnings(built.brief, parsed.file, task.guideName);
      template ??= loadTemplate(config.template, config.cwd);
      // The same owner mark as `render` gives (the hash of the profile's path), so the bytes match.
      const pdf = await renderBrief(built.brief, { template: await template, date: config.date, owner: ownerHash(task.candidateName) });
      const fileName = briefFileName(built.brief, config.template, { candidateFile: task.candidateName });
      writeFileSync(task.stagingPath, pdf, { mode: 0o600 });
      return { status: 'rendered', fileName, sha256: sha256(pdf), bytes: pdf.byteLength, error: null, warnings: built.brief.warnings };
    } catch (error) {
      if (error instanceof OfferbriefError) return failed(error.message);
      return failed(`internal error: ${(error as Error)?.message ?? String(error)}; please report this with the inputs`);
    }
  };
}

function failed(error: string): WorkResult {
  return { status: 'failed', fileName: null, sha256: null, bytes: null, error };
}

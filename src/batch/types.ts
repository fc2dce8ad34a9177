import type { Candidate } from '../model/candidate.js';

/** What a worker needs once: the same for every item of a batch. */
export interface WorkerConfig {
  /** The folder the batch runs in (templates given as paths resolve from here). */
  cwd: string;
  /** Template name (`brief`, `one-page`) or path. */
  template: string;
  /** The date printed in the briefs, YYYY-MM-DD. */
  date: string;
  /** Render guides that have lint errors. */
  force: boolean;
  /** Unfilled slots fail the item. */
  strict: boolean;
  /** Lint severities and tolerance (from the config file). */
  validate: { rules?: Record<string, 'off' | 'warn' | 'error'>; tolerance?: { absolute: number; relative: number }; maxAgeMonths?: number };
  /** Exchange rates from the config (a profile's own fx wins). */
  fx?: Record<string, number>;
}

/** One item, as sent to a worker (small: paths, not contents). */
export interface WorkTask {
  id: string;
  guidePath: string;
  /** The guide's path as messages show it. */
  guideName: string;
  /** The guide's sha256 when the batch was planned (a changed file fails the item). */
  guideSha256: string;
  candidatePath: string;
  candidateName: string;
  candidateSha256: string;
  /** The profile as the planner parsed it (from the bytes of `candidateSha256`): parsed once per batch. */
  candidate?: Candidate;
  region: string;
  /** Where the worker writes the PDF; the main thread renames it into place. */
  stagingPath: string;
}

/** A worker's answer (never the PDF's bytes). */
export interface WorkResult {
  status: 'rendered' | 'failed';
  /** The PDF's file name (`briefFileName`), when rendered. */
  fileName: string | null;
  sha256: string | null;
  bytes: number | null;
  error: string | null;
  /** The brief's warnings (rendered items). */
  warnings?: string[];
}

import { UsageError } from '../errors.js';

/** The options plan and render share: which brief to compute, and how strictly. */
export const briefOptions = {
  candidate: { type: 'string', short: 'c' },
  guide: { type: 'string', short: 'g' },
  region: { type: 'string', short: 'r' },
  strict: { type: 'boolean' },
  force: { type: 'boolean' },
  config: { type: 'string' },
} as const;

/** The candidate profile's path, which plan and render cannot do without. */
export function requireCandidate(command: string, candidate: string | undefined): string {
  if (candidate === undefined || candidate === '') {
    throw new UsageError(`missing --candidate <profile>\nRun \`offerbrief ${command} --help\` for usage.`);
  }
  return candidate;
}

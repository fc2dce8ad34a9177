import type { Reporter } from './types.js';
import { formatText } from './text.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';

export type { LintMessage, LintResult, Reporter, ReportOptions } from './types.js';
export { countProblems } from './types.js';
export { formatText, formatJson, formatSarif, formatGithub };

/** Reporters by `--format` name. */
export const reporters: Readonly<Record<string, Reporter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

export const formatNames: readonly string[] = Object.keys(reporters);

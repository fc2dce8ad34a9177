import type { Rule } from './rule.js';
import { tableMissing } from './rules/table-missing.js';
import { columnMissing } from './rules/column-missing.js';
import { moneyInvalid } from './rules/money-invalid.js';
import { rangeInverted } from './rules/range-inverted.js';
import { currencyMixed } from './rules/currency-mixed.js';
import { regionDuplicate } from './rules/region-duplicate.js';
import { tcMismatch } from './rules/tc-mismatch.js';
import { vestingMissing } from './rules/vesting-missing.js';
import { strategyTcMismatch } from './rules/strategy-tc-mismatch.js';
import { strategyFloorAboveTarget } from './rules/strategy-floor-above-target.js';
import { strategyOutsideBand } from './rules/strategy-outside-band.js';
import { sectionMissing } from './rules/section-missing.js';
import { placeholderMalformed } from './rules/placeholder-malformed.js';
import { controlCommentInvalid } from './rules/control-comment-invalid.js';
import { sourcesStale } from './rules/sources-stale.js';
import { frontMatterInvalid } from './rules/front-matter-invalid.js';
import { ruleUrl, type RuleMeta } from './rule.js';

/** Every lint rule, in documentation order. */
export const rules: readonly Rule[] = [
  tableMissing,
  columnMissing,
  moneyInvalid,
  rangeInverted,
  currencyMixed,
  regionDuplicate,
  tcMismatch,
  vestingMissing,
  strategyTcMismatch,
  strategyFloorAboveTarget,
  strategyOutsideBand,
  sectionMissing,
  placeholderMalformed,
  controlCommentInvalid,
  frontMatterInvalid,
  sourcesStale,
];

/**
 * The parser's own checks (reported while reading the Markdown). Their
 * severities can be changed like a rule's; they are documented in docs/rules.md.
 */
export const parserChecks: readonly RuleMeta[] = [
  { id: 'encoding-invalid', url: ruleUrl('encoding-invalid'), severity: 'error', description: 'The file is UTF-8 text.' },
  { id: 'file-empty', url: ruleUrl('file-empty'), severity: 'error', description: 'The file is not empty.' },
  { id: 'file-too-large', url: ruleUrl('file-too-large'), severity: 'error', description: 'The file is within the size limit (5 MB by default).' },
  { id: 'title-missing', url: ruleUrl('title-missing'), severity: 'warn', description: 'The guide starts with a title heading.' },
  { id: 'title-malformed', url: ruleUrl('title-malformed'), severity: 'warn', description: 'The title reads "<Role> | <Company> <words>".' },
  { id: 'table-row-shape', url: ruleUrl('table-row-shape'), severity: 'error', description: 'Every table row has as many cells as the header.' },
  { id: 'nesting-too-deep', url: ruleUrl('nesting-too-deep'), severity: 'error', description: 'Block quotes and lists nest at most 32 levels deep.' },
  { id: 'table-too-long', url: ruleUrl('table-too-long'), severity: 'error', description: 'A table has at most 1,000 rows.' },
  { id: 'emphasis-too-many', url: ruleUrl('emphasis-too-many'), severity: 'error', description: 'A paragraph has at most 1,000 emphasis marks (* and _).' },
  { id: 'parse-timeout', url: ruleUrl('parse-timeout'), severity: 'error', description: 'The guide parses within the time budget (1 s).' },
];

/** Metadata of everything whose severity can be configured: rules, then parser checks. */
export const allRuleMeta: readonly RuleMeta[] = [...rules.map((rule) => rule.meta), ...parserChecks];

export const ruleIds: readonly string[] = allRuleMeta.map((meta) => meta.id);

export function findRuleMeta(id: string): RuleMeta | undefined {
  return allRuleMeta.find((meta) => meta.id === id);
}

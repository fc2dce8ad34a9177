/**
 * offerbrief as a remark plugin (`offerbrief/remark`):
 *
 *   unified().use(remarkParse).use(remarkGfm).use(remarkOfferbrief, options)
 *
 * adds every rule's findings to the VFile, as remark-lint rules do: `ruleId`,
 * `source: 'offerbrief'`, `url`, place, and `fatal` for errors. The guide is
 * read again from the file's text by offerbrief's own parser rather than from
 * the processor's tree, so other plugins in the pipeline (front matter,
 * directives, …) cannot change the findings: they are the same as
 * `offerbrief lint`'s, config, inline comments and severities included.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { lintGuideSource } from '../validate/index.js';
import type { Severity, Tolerance } from '../validate/rule.js';
import { resolveFileConfig } from '../config/discover.js';

export interface RemarkOfferbriefOptions {
  /** Severities that win over the config's (`{ 'vesting-missing': 'off' }`). */
  rules?: Record<string, Severity>;
  /** Wins over the config's tolerance. */
  tolerance?: Partial<Tolerance>;
  /**
   * A config file to use (relative to the file's cwd), or `false` to use none;
   * by default the nearest offerbrief config above the file is used, as `offerbrief lint` does.
   */
  config?: string | false;
  /** Largest guide accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** The day `sources-stale` judges age on, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today, UTC, as `offerbrief lint`). */
  date?: string;
  /** How old sources may be, in months (wins over the config's `maxAgeMonths`; default 18). */
  maxAgeMonths?: number;
}

export default function remarkOfferbrief(options: RemarkOfferbriefOptions = {}) {
  return async function transformer(_tree: Root, file: VFile): Promise<void> {
    const cwd = file.cwd;
    const config = options.config === false
      ? { ignored: false, rules: {}, source: null }
      : await resolveFileConfig(file.path ? file.path : `${cwd}/guide.md`, { cwd, ...(typeof options.config === 'string' ? { configPath: options.config } : {}) });
    if (config.ignored) return;
    const tolerance = { ...(config.tolerance ?? {}), ...(options.tolerance ?? {}) };
    // Bytes as they are (the parser reports bad UTF-8 where it is), else the text.
    const value = file.value instanceof Uint8Array ? file.value : String(file.value ?? '');
    const { file: checked } = lintGuideSource(value, {
      ...(file.path ? { path: file.path } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      rules: { ...config.rules, ...(options.rules ?? {}) },
      ...(Object.keys(tolerance).length > 0 ? { tolerance } : {}),
      ...((options.maxAgeMonths ?? config.maxAgeMonths) !== undefined ? { maxAgeMonths: (options.maxAgeMonths ?? config.maxAgeMonths)! } : {}),
      date: options.date ?? lintDay(process.env),
    });
    for (const found of checked.messages) {
      const message = file.message(found.reason, {
        place: found.place ?? { line: 1, column: 1 },
        ruleId: found.ruleId ?? 'unknown',
        source: 'offerbrief',
      });
      message.fatal = found.fatal;
      if (found.url) message.url = found.url;
      if (found.expected) message.expected = found.expected;
      if (found.actual !== undefined) message.actual = found.actual;
    }
  };
}

export { remarkOfferbrief };

/** The day lint judges age on without `date`: SOURCE_DATE_EPOCH (seconds), else today (UTC). */
function lintDay(env: NodeJS.ProcessEnv): string {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const ms = epoch && /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
  return new Date(ms).toISOString().slice(0, 10);
}

import type { VFile } from 'vfile';

/** Where each parser diagnostic is documented. */
export const docsUrl = 'https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md';

/** Adds a diagnostic to the guide's VFile, as remark-lint rules do. */
export function report(
  file: VFile,
  d: { ruleId: string; reason: string; fatal: boolean; place?: { start: { line: number; column: number }; end?: { line: number; column: number } } },
) {
  const message = file.message(d.reason, { place: d.place as never, ruleId: d.ruleId, source: 'offerbrief' });
  message.fatal = d.fatal;
  message.url = `${docsUrl}#${d.ruleId}`;
  return message;
}

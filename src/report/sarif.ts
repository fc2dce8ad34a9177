import type { RuleMeta } from '../validate/rule.js';
import { ruleUrl } from '../validate/rule.js';
import { allRuleMeta } from '../validate/registry.js';
import type { Reporter } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/offerbrief/offerbrief';

/** Checks that are not rules but can still appear in results. */
const extraChecks: readonly RuleMeta[] = [
  { id: 'file-unreadable', url: ruleUrl('file-unreadable'), severity: 'error', description: 'The file can be read.' },
  { id: 'internal-error', url: ruleUrl('internal-error'), severity: 'error', description: 'offerbrief itself failed on the file (a bug: please report it).' },
];

/** Percent-encodes a relative path for an artifact URI, keeping `/`. */
function toUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for code scanning: one run, every rule in `tool.driver.rules`
 * (with `helpUri` to its documentation), locations relative to the working
 * folder under `%SRCROOT%`, columns in UTF-16 code units.
 */
export const formatSarif: Reporter = (results, options = {}) => {
  const known = [...(options.rules ?? allRuleMeta)];
  const used = new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)));
  for (const extra of extraChecks) if (used.has(extra.id) && !known.some((k) => k.id === extra.id)) known.push(extra);
  for (const id of [...used].sort()) {
    if (!known.some((k) => k.id === id)) known.push({ id, url: ruleUrl(id), severity: 'error', description: id });
  }
  const index = new Map(known.map((meta, i) => [meta.id, i]));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'offerbrief',
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            informationUri: INFORMATION_URI,
            rules: known.map((meta) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              helpUri: meta.url,
              help: { text: `${meta.description} See ${meta.url}` },
              defaultConfiguration: { level: meta.severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) =>
          result.messages.map((m) => ({
            ruleId: m.ruleId,
            ruleIndex: index.get(m.ruleId) ?? 0,
            level: m.severity === 2 ? 'error' : 'warning',
            message: { text: m.message },
            // SARIF's fix: the same edit as the message's `fix`, as a character region.
            ...(m.fix
              ? {
                  fixes: [
                    {
                      description: { text: `Replace with ${JSON.stringify(m.fix.text)}` },
                      artifactChanges: [
                        {
                          artifactLocation: { uri: toUri(result.path), uriBaseId: '%SRCROOT%' },
                          replacements: [
                            {
                              deletedRegion: { charOffset: m.fix.range[0], charLength: m.fix.range[1] - m.fix.range[0] },
                              insertedContent: { text: m.fix.text },
                            },
                          ],
                        },
                      ],
                    },
                  ],
                }
              : {}),
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(result.path), uriBaseId: '%SRCROOT%' },
                  region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};

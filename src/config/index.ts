// The lint config: offerbrief.config.json or package.json#offerbrief.
export { CONFIG_FILE, loadConfig, loadValidateOptions } from './load.js';
export { parseTolerance } from './tolerance.js';
export { Config, SeverityName, ToleranceConfig, parseConfig, type LintConfig } from './schema.js';

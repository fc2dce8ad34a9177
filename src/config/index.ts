// The lint config: offerbrief.config.json or package.json#offerbrief.
export { CONFIG_FILE, CONFIG_FILES, loadConfig, loadValidateOptions, guideValidateOptions, nearestConfig } from './load.js';
export { ConfigFinder, configForPath, resolveFileConfig, matchesGlob, type FileConfig } from './discover.js';
export { parseTolerance } from './tolerance.js';
export { Config, ConfigOverride, SeverityName, ToleranceConfig, parseConfig, configJsonSchema, type LintConfig } from './schema.js';

// The lint config: the nearest offerbrief.config.json/.yaml/.yml or package.json#offerbrief, its ignores and overrides.
export { CONFIG_FILE, CONFIG_FILES, loadConfig, loadValidateOptions, guideValidateOptions, nearestConfig } from './load.js';
export { ConfigFinder, configForPath, resolveFileConfig, matchesGlob, type FileConfig } from './discover.js';
export { parseTolerance } from './tolerance.js';
export { Config, ConfigOverride, SeverityName, ToleranceConfig, parseConfig, configJsonSchema, type LintConfig } from './schema.js';

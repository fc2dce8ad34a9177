import { packageJson } from './paths.js';

/** The tool's version, from package.json (part of the batch manifest's cache key). */
export const version: string = packageJson.version;

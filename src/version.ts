import { readFileSync } from 'node:fs';

/** The tool's version, from package.json (part of the batch manifest's cache key). */
export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

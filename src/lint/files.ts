import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { IoError, UsageError, describeFsError } from '../errors.js';

/** Folders never walked for guides. */
const ignore = ['**/node_modules/**', '**/.git/**'];

/** A path as reports show it: relative to `cwd`, with `/` separators. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Codepoint order (not locale order), so output is the same everywhere. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Expands paths and globs into absolute file paths, sorted by their path
 * relative to `cwd` and without duplicates. A folder is walked for `*.md`
 * (skipping node_modules and .git, not following symbolic links inside it); a file is taken as is, whatever its
 * extension. Throws IoError for a path that does not exist and UsageError for
 * a glob or folder that yields no file.
 */
export async function expandPaths(patterns: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (pattern === '') throw new UsageError('an empty path was given, expected a file, folder or glob');
    const absolute = resolve(cwd, pattern);
    let kind: 'file' | 'folder' | 'missing' = 'missing';
    try {
      const info = await stat(absolute);
      kind = info.isDirectory() ? 'folder' : 'file';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!isDynamicPattern(pattern) || (code !== 'ENOENT' && code !== 'ENOTDIR')) {
        throw new IoError(describeFsError(error, pattern));
      }
    }
    if (kind === 'file') {
      found.add(absolute);
    } else if (kind === 'folder') {
      const files = await glob('**/*.md', { cwd: absolute, absolute: true, onlyFiles: true, ignore, caseSensitiveMatch: false, expandDirectories: false, followSymbolicLinks: false });
      if (files.length === 0) throw new UsageError(`${pattern}: no Markdown files (*.md) in this folder`);
      for (const file of files) found.add(resolve(file));
    } else {
      const files = await glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore, expandDirectories: false, followSymbolicLinks: false });
      if (files.length === 0) throw new UsageError(`${pattern}: no files match this glob`);
      for (const file of files) found.add(resolve(file));
    }
  }
  // Each path's shown form once, not once per comparison.
  const shown = [...found].map((path) => [displayPath(path, cwd), path] as const);
  return shown.sort((a, b) => comparePaths(a[0], b[0])).map(([, path]) => path);
}

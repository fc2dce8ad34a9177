import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import type { VFile } from 'vfile';
import { IoError, OfferbriefError } from '../errors.js';
import { expandPaths, toResult } from '../lint/index.js';
import type { Guide } from '../model/guide.js';
import { readGuide } from '../parse/index.js';
import { slugify } from '../render/slug.js';
import type { LintResult } from '../report/types.js';
import { validateGuide, type ValidateOptions } from '../validate/index.js';

/** A guide as the app knows it: addressed by `id`, never by a path from the browser. */
export interface GuideEntry {
  id: string;
  /** Absolute path. */
  path: string;
  /** Relative to the working folder, as lint shows it. */
  shown: string;
}

export interface LoadedGuide extends GuideEntry {
  guide: Guide;
  /** The validated file (its messages are the lint diagnostics). */
  file: VFile;
  lint: LintResult;
  sha256: string;
  /** The source lines, for showing diagnostics in context. */
  lines: string[];
}

interface Cached {
  key: string;
  loaded: LoadedGuide;
}

/**
 * The guides of one folder: found by the same walk as `offerbrief lint`, parsed and linted
 * with the same functions, re-read when a file's size or mtime changes (so a page always
 * shows the file as it is on disk), and watched so pages can be told to refresh.
 */
export class GuideLibrary {
  readonly dir: string;
  /** The folder as the user wrote it, for messages. */
  private readonly given: string;
  private readonly cwd: string;
  private readonly validate: ValidateOptions;
  private entries: GuideEntry[] = [];
  private byId = new Map<string, GuideEntry>();
  private cache = new Map<string, Cached>();
  private watcher: FSWatcher | null = null;
  private listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: { cwd: string; dir: string; validate: ValidateOptions }) {
    this.cwd = options.cwd;
    this.given = options.dir;
    this.dir = resolve(options.cwd, options.dir);
    this.validate = options.validate;
  }

  /** Scans the folder; an IoError when it does not exist or holds no guide. */
  async scan(): Promise<GuideEntry[]> {
    let paths: string[];
    try {
      paths = await expandPaths([this.given], this.cwd);
    } catch (error) {
      if (error instanceof OfferbriefError) throw error;
      throw new IoError(`${this.given}: ${(error as Error).message}`);
    }
    const taken = new Set<string>();
    const entries: GuideEntry[] = [];
    for (const path of paths) {
      const rel = relative(this.dir, path).replace(/\.md$/i, '');
      const base = slugify(rel.split(sep).join('-')) || 'guide';
      let id = base;
      for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
      taken.add(id);
      entries.push({ id, path, shown: relative(this.cwd, path).split(sep).join('/') || basename(path) });
    }
    this.entries = entries;
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
    return entries;
  }

  list(): GuideEntry[] {
    return this.entries;
  }

  /** The entry for an id, or undefined. */
  entry(id: string): GuideEntry | undefined {
    return this.byId.get(id);
  }

  /** The entry whose file is `absolute`, if it is one of the library's guides. */
  entryForPath(absolute: string): GuideEntry | undefined {
    return this.entries.find((entry) => entry.path === absolute);
  }

  /** Parses and lints a guide, or returns the cached result when the file did not change. */
  async load(entry: GuideEntry): Promise<LoadedGuide> {
    let key: string;
    try {
      const info = await stat(entry.path);
      key = `${info.size}:${info.mtimeMs}`;
    } catch {
      key = 'missing';
    }
    const cached = this.cache.get(entry.id);
    if (cached && cached.key === key) return cached.loaded;
    const read = await readGuide(entry.path, { cwd: this.cwd });
    const file = validateGuide(read.guide, read.file, this.validate);
    const text = typeof file.value === 'string' ? file.value : await readFile(entry.path, 'utf8');
    const loaded: LoadedGuide = {
      ...entry,
      guide: read.guide,
      file,
      lint: toResult(file, entry.path, this.cwd),
      sha256: read.sha256,
      lines: text.split(/\r?\n/),
    };
    this.cache.set(entry.id, { key, loaded });
    return loaded;
  }

  /** Calls `listener` (debounced) whenever a file in the folder changes; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    this.startWatching();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private startWatching(): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.dir, { recursive: true, persistent: false }, () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = null;
          // New or removed files change the list; changed ones are re-read on the next load.
          this.scan()
            .catch(() => undefined)
            .finally(() => {
              for (const listener of this.listeners) listener();
            });
        }, 100);
      });
      this.watcher.on('error', () => this.stopWatching());
    } catch {
      // No watching (e.g. a file system without it): pages still see changes when they reload.
      this.watcher = null;
    }
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopWatching();
    this.listeners.clear();
  }
}

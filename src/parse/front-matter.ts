import type { Yaml } from 'mdast';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Position } from '../model/guide.js';
import type { LineIndex } from './source.js';

/** A guide's YAML front matter (`---` … `---` on the first lines), as the rules see it on `file.data.frontMatter`. */
export interface FrontMatter {
  position: Position;
  /** The mapping read, or null when it is not one. */
  data: Record<string, unknown> | null;
  /** What did not parse, each where it is. */
  problems: Array<{ reason: string; position: Position }>;
  /** The `updated:` value as written, when there is one. */
  updated: { text: string; position: Position } | null;
}

declare module 'vfile' {
  interface DataMap {
    frontMatter: FrontMatter;
  }
}

/** "Map keys must be unique at line 2, column 1:\n…" → "map keys must be unique". */
function shortReason(message: string): string {
  const first = message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?\s*$/, '').replace(/[.:]$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/**
 * Reads the front matter node of a guide (null when it has none). A block
 * opened by `---` on the first line but never closed is not front matter to
 * the parser; it is reported here so the author learns why.
 */
export function readFrontMatter(node: Yaml | null, source: string, lines: LineIndex): FrontMatter | null {
  if (!node) {
    const firstLine = /^---[ \t]*(?:\r?\n|$)/.exec(source);
    if (!firstLine || !/^[ \t]*[A-Za-z_][\w-]*[ \t]*:/m.test(source.slice(firstLine[0].length).split(/\r?\n/)[0] ?? '')) return null;
    const position = lines.position(0, 3);
    return {
      position,
      data: null,
      problems: [{ reason: 'Unexpected front matter without a closing "---" line, expected one after its last key', position }],
      updated: null,
    };
  }
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? source.length;
  const position = lines.position(start, end);
  // The YAML starts on the line after the opening "---".
  const contentStart = source.indexOf('\n', start) + 1;
  const doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true });
  const problems = doc.errors.map((error) => {
    const [a, b] = error.pos;
    return {
      reason: `Unexpected YAML in the front matter (${shortReason(error.message)}), expected key: value lines`,
      position: lines.position(contentStart + a, contentStart + Math.max(a + 1, b)),
    };
  });
  let data: Record<string, unknown> | null = null;
  let updated: FrontMatter['updated'] = null;
  if (problems.length === 0) {
    if (doc.contents === null) {
      data = {};
    } else if (isMap(doc.contents)) {
      data = doc.toJS() as Record<string, unknown>;
      const value = doc.get('updated', true);
      if (value !== undefined && value !== null) {
        const range = isScalar(value) || isMap(value) ? value.range : undefined;
        const at = range ? lines.position(contentStart + range[0], contentStart + range[1]) : position;
        updated = { text: isScalar(value) ? String(value.value) : String(doc.toJS()?.updated), position: at };
      }
    } else {
      problems.push({ reason: 'Unexpected front matter that is not a mapping, expected key: value lines like "updated: 2026-03-05"', position });
    }
  }
  return { position, data, problems, updated };
}

import type { Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Position } from '../model/guide.js';
import type { LineIndex } from './source.js';

/**
 * Inline control comments, in the markdownlint style:
 * `<!-- offerbrief-disable [ids] -->`, `<!-- offerbrief-enable [ids] -->`,
 * `<!-- offerbrief-disable-line [ids] -->`, `<!-- offerbrief-disable-next-line [ids] -->`.
 * The parser records them (only real HTML comments count: not one in a code
 * block) on `file.data`; validateGuide applies them to every message.
 */
export interface ControlComment {
  /** What the comment asks, or the word as written when it is none of the known ones. */
  keyword: string;
  known: boolean;
  /** Rule ids, empty for all rules. */
  ids: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Where each id is written, for messages about one. */
  idPositions: Position[];
  /** Source offsets [start, end) of each id, and of the `offerbrief-<keyword>` word: what a fix replaces. */
  idRanges: Array<[number, number]>;
  keywordRange: [number, number];
}

export const controlKeywords = ['disable', 'enable', 'disable-line', 'disable-next-line'] as const;

/** `<!-- offerbrief-<keyword> ids… -->`; `ids` may be separated by spaces or commas. */
const controlPattern = /^<!--\s*offerbrief-([a-z-]*)((?:\s[^]*?)?)\s*-->$/di;

/** Whether an HTML node is only a comment (then it is never guide content). */
export function isComment(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('<!--') && trimmed.endsWith('-->') && trimmed.indexOf('-->') === trimmed.length - 3;
}

function controlOf(node: Nodes, lines: LineIndex): ControlComment | null {
  if (node.type !== 'html' || !node.position) return null;
  const trimmed = node.value.trimStart();
  const match = controlPattern.exec(trimmed.trimEnd());
  if (!match) return null;
  const keyword = match[1]!.toLowerCase();
  const start = node.position.start;
  const base = (start.offset ?? 0) + (node.value.length - trimmed.length);
  const restStart = base + match.indices![2]![0];
  const keywordEnd = base + match.indices![1]![1];
  const ids: string[] = [];
  const idPositions: Position[] = [];
  const idRanges: Array<[number, number]> = [];
  for (const id of match[2]!.matchAll(/[^\s,]+/g)) {
    ids.push(id[0]);
    idPositions.push(lines.position(restStart + id.index, restStart + id.index + id[0].length));
    idRanges.push([restStart + id.index, restStart + id.index + id[0].length]);
  }
  return {
    keyword,
    known: (controlKeywords as readonly string[]).includes(keyword),
    ids,
    line: start.line,
    column: start.column,
    endLine: node.position.end.line,
    endColumn: node.position.end.column,
    idPositions,
    idRanges,
    keywordRange: [keywordEnd - match[1]!.length - 'offerbrief-'.length, keywordEnd],
  };
}

/** Finds the control comments of a tree, in source order, and keeps them on `file.data.offerbriefControls`. */
export function collectControls(tree: Root, file: VFile, lines: LineIndex): ControlComment[] {
  const found: ControlComment[] = [];
  const visit = (node: Nodes) => {
    const control = controlOf(node, lines);
    if (control) found.push(control);
    if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes);
  };
  visit(tree);
  file.data.offerbriefControls = found;
  return found;
}

declare module 'vfile' {
  interface DataMap {
    /** Inline control comments found by the parser. */
    offerbriefControls: ControlComment[];
  }
}

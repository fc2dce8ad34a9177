import type { Root, RootContent } from 'mdast';

/**
 * Markdown parsed a block at a time, each block's tree kept by its text: the same tree as one parse
 * of the whole text, for the texts where that is certain (`blocksOf`), else null.
 *
 * Why: a brief's counter-offer draft is a template (templates/email.md) filled with the candidate's
 * numbers, different in every brief, and parsing it was ~1.4 ms of a batch brief's ~10 ms of CPU.
 * Most of its paragraphs (the greeting, the thanks, the closing) are the same in every brief of a
 * guide; only the others are parsed again. tests/render/markdown-blocks.test.ts checks the trees,
 * positions included, equal one parse of the whole text over generated documents.
 */

/** A line that starts a list item (CommonMark: `-`, `+`, `*`, or 1–9 digits and `.` or `)`). */
const LIST_ITEM = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * What can tie a block to the one before or after it across a blank line, so that each block alone
 * may parse differently: indented lines (indented code, list item continuations), code fences and
 * HTML blocks (both may hold blank lines), link reference definitions and footnotes (used from
 * other blocks), whitespace-only lines (blank to CommonMark, not to the split), carriage returns.
 */
const TIED = /^[ \t]+\S|^[ \t]+$|^(?:```|~~~|<)|\]:|\[\^|\r/m;

/** A block: its text and where it starts in the whole text. */
export interface Block {
  text: string;
  line: number;
  offset: number;
}

/**
 * The blocks of `markdown` (runs of non-blank lines), or null when a block could parse differently
 * alone than within the whole text: anything `TIED` matches, and a list item starting a block after
 * a block that holds one (the two would be one list). Each block keeps the line break after it.
 */
export function blocksOf(markdown: string): Block[] | null {
  if (markdown === '' || TIED.test(markdown)) return null;
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let offset = 0;
  let start = -1;
  let startOffset = 0;
  let listBefore = false;
  let listHere = false;
  for (let i = 0; i <= lines.length; i++) {
    const line = i < lines.length ? lines[i]! : '';
    if (line !== '') {
      if (start === -1) {
        if (LIST_ITEM.test(line) && listBefore) return null;
        start = i;
        startOffset = offset;
        listHere = false;
      }
      if (LIST_ITEM.test(line)) listHere = true;
    } else if (start !== -1) {
      // The block's text runs to the line break after its last line (if the text has one).
      blocks.push({ text: markdown.slice(startOffset, Math.min(offset, markdown.length)), line: start + 1, offset: startOffset });
      listBefore = listHere;
      start = -1;
    }
    if (i < lines.length) offset += line.length + 1;
  }
  return blocks.length > 0 ? blocks : null;
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface Positioned {
  position?: { start: Point; end: Point };
  children?: Positioned[];
  [key: string]: unknown;
}

/** A copy of a node with every position moved down by `lines` lines and on by `offset` characters. */
function shifted<T extends Positioned>(node: T, lines: number, offset: number): T {
  const copy = { ...node } as T;
  if (node.position) {
    const move = (p: Point): Point => ({ line: p.line + lines, column: p.column, ...(p.offset !== undefined ? { offset: p.offset + offset } : {}) });
    copy.position = { start: move(node.position.start), end: move(node.position.end) };
  }
  if (node.children) (copy as Positioned).children = node.children.map((child) => shifted(child, lines, offset));
  return copy;
}

/** The point at the end of `text`, as the parser ends its root there. */
function endOf(text: string): Point {
  const lastBreak = text.lastIndexOf('\n');
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return { line: lines, column: text.length - lastBreak, offset: text.length };
}

/**
 * `markdown` parsed a block at a time through `parseBlock` (whose trees are never changed: a
 * block's tree may be shared), or null when it must be parsed whole (`blocksOf`).
 */
export function parseByBlocks(markdown: string, parseBlock: (text: string) => Root): Root | null {
  const blocks = blocksOf(markdown);
  if (!blocks) return null;
  const children: RootContent[] = [];
  for (const block of blocks) {
    const tree = parseBlock(block.text);
    for (const child of tree.children) {
      children.push(block.line === 1 ? child : shifted(child as unknown as Positioned, block.line - 1, block.offset) as unknown as RootContent);
    }
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endOf(markdown) } };
}

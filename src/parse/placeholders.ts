import type { Nodes, Parents, Root } from 'mdast';
import type { Placeholder } from '../model/guide.js';
import type { LineIndex } from './source.js';
import { span } from './inline.js';

/** A placeholder with its source offsets, so callers can pick those inside a block. */
export interface LocatedPlaceholder extends Placeholder {
  start: number;
  end: number;
}

const textBlocks = new Set(['paragraph', 'heading', 'tableCell']);
const opaque = new Set(['link', 'linkReference', 'image', 'imageReference', 'inlineCode', 'html', 'footnoteReference', 'code']);

/**
 * Every bracketed slot in the guide, in source order. Scans the source of each
 * text block rather than text nodes, so a slot is found whole even when
 * emphasis splits its text, and its position is exact; links and code are skipped.
 */
export function findPlaceholders(tree: Root, source: string, lines: LineIndex): LocatedPlaceholder[] {
  const found: LocatedPlaceholder[] = [];
  const visit = (node: Nodes) => {
    if (textBlocks.has(node.type)) {
      const [start, end] = span(node);
      const skipped: Array<[number, number]> = [];
      collectOpaque(node, skipped);
      scan(source, start, end, skipped, lines, found);
      return;
    }
    if ('children' in node) for (const child of (node as Parents).children) visit(child as Nodes);
  };
  visit(tree);
  return found;
}

function collectOpaque(node: Nodes, into: Array<[number, number]>) {
  if (opaque.has(node.type)) {
    into.push(span(node));
    return;
  }
  if ('children' in node) for (const child of (node as Parents).children) collectOpaque(child as Nodes, into);
}

function scan(
  source: string,
  start: number,
  end: number,
  skipped: ReadonlyArray<[number, number]>,
  lines: LineIndex,
  found: LocatedPlaceholder[],
) {
  const inSkipped = (i: number) => skipped.some(([a, b]) => i >= a && i < b);
  for (let i = source.indexOf('[', start); i !== -1 && i < end; i = source.indexOf('[', i + 1)) {
    if (inSkipped(i) || isEscaped(source, i)) continue;
    let close = -1;
    let j = i + 1;
    for (; j < end; j++) {
      const c = source[j];
      if (c === '\n' || c === '[' || inSkipped(j)) break;
      if (c === ']' && !isEscaped(source, j)) {
        close = j;
        break;
      }
    }
    if (close === -1) {
      if (source[j] === '[' && !inSkipped(j)) continue; // a nested "[": the inner one may be a slot
      const lineEnd = Math.min(end, j);
      const text = source.slice(i + 1, lineEnd).trimEnd().replace(/["”'.,;:)]+$/, '');
      found.push({ text: unescape(text), choices: [], closed: false, start: i, end: lineEnd, position: lines.position(i, i + 1) });
      i = lineEnd - 1;
      continue;
    }
    const raw = source.slice(i + 1, close);
    i = close;
    if (!isSlot(raw)) continue;
    const text = unescape(raw).trim();
    found.push({
      text,
      choices: text === '' ? [''] : text.split('/').map((c) => c.trim()),
      closed: true,
      start: close - raw.length - 1,
      end: close + 1,
      position: lines.position(close - raw.length - 1, close + 1),
    });
  }
}

/** Brackets that are not slots: task-list marks, footnote calls, citations like [1]. */
function isSlot(raw: string): boolean {
  return !/^(?:[ xX]|\^.*|\d+)$/.test(raw);
}

function isEscaped(source: string, i: number): boolean {
  let backslashes = 0;
  for (let k = i - 1; k >= 0 && source[k] === '\\'; k--) backslashes++;
  return backslashes % 2 === 1;
}

function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/(\*\*|__|\*|_)(.+?)\1/g, '$2');
}

/** Drops the source offsets. */
export function stripLocation({ start: _s, end: _e, ...rest }: LocatedPlaceholder): Placeholder {
  return rest;
}

import type { Nodes, Parents, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Start and end offsets of a node in the source. */
export function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/**
 * Plain text of inline content with a map back to source offsets, so a number
 * or slot found in the text can be reported where it is written.
 */
export interface FlatText {
  text: string;
  /** Sorted runs: text[textStart, textStart+length) comes from source[sourceStart…]. */
  runs: Array<{ textStart: number; sourceStart: number; length: number; exact: boolean }>;
}

const blockTypes = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableRow']);

export function flatten(nodes: readonly (PhrasingContent | RootContent)[], source: string): FlatText {
  const out: FlatText = { text: '', runs: [] };
  const visit = (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      const [start, end] = span(node);
      const exact = node.type === 'text' && source.slice(start, end) === node.value;
      const sourceStart = node.type === 'inlineCode' ? start + 1 : start;
      out.runs.push({ textStart: out.text.length, sourceStart, length: node.value.length, exact });
      out.text += node.value;
    } else if (node.type === 'break') {
      out.text += '\n';
    } else if ('children' in node) {
      // Blocks after the first are separated by a blank line, as they read.
      if (blockTypes.has(node.type) && out.text !== '' && !out.text.endsWith('\n\n')) out.text += '\n\n';
      for (const child of (node as Parents).children) visit(child as Nodes);
    }
  };
  for (const node of nodes) visit(node as Nodes);
  return out;
}

/** Source offset of a text offset (falls back to the run's start when the run was not copied verbatim). */
export function sourceOffset(flat: FlatText, textOffset: number): number {
  let best = flat.runs[0];
  for (const run of flat.runs) {
    if (run.textStart <= textOffset) best = run;
    else break;
  }
  if (!best) return 0;
  const delta = Math.min(textOffset - best.textStart, best.length);
  return best.exact ? best.sourceStart + delta : best.sourceStart;
}

/** Cuts a flat text at `from`, keeping the map (used to drop a bold label). */
export function sliceFlat(flat: FlatText, from: number): FlatText {
  const runs = flat.runs
    .filter((r) => r.textStart + r.length > from)
    .map((r) => {
      if (r.textStart >= from) return { ...r, textStart: r.textStart - from };
      const cut = from - r.textStart;
      return { textStart: 0, sourceStart: r.exact ? r.sourceStart + cut : r.sourceStart, length: r.length - cut, exact: r.exact };
    });
  return { text: flat.text.slice(from), runs };
}

export function plain(node: Nodes | readonly Nodes[]): string {
  return Array.isArray(node) ? node.map((n) => toString(n)).join('') : toString(node as Nodes);
}

/** Plain text of blocks: paragraphs apart by a blank line, list items one a line. */
export function blockText(node: RootContent): string {
  if (node.type === 'list') return node.children.map((item) => blockText(item)).join('\n');
  if (node.type === 'listItem' || node.type === 'blockquote') return node.children.map((c) => blockText(c)).join('\n\n');
  if (node.type === 'table') return node.children.map((row) => row.children.map((c) => toString(c)).join(' | ')).join('\n');
  return toString(node);
}

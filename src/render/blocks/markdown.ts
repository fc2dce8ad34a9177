import type { Blockquote, Code, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import type { FaceName } from '../fonts.js';
import { useFace } from '../fonts.js';
import type { RenderContext } from '../context.js';
import { artifact, container, ensureSpace, newPage, once, paint, tagged } from '../context.js';
import { drawText, fillColorFast } from '../fasttext.js';
import { style, type StyleName, type TextStyle } from '../styles.js';
import { drawTable, tableHeadHeight, type TableSpec } from '../table.js';
import { drawLines, headHeight, layout, type Run } from '../text.js';

/** Replaces `{{field}}` markers in template text; absent for a guide's own Markdown. */
export type FieldResolver = (text: string) => string;

interface InlineState {
  bold: boolean;
  italic: boolean;
  link?: string;
}

function faceFor(s: InlineState, base: FaceName): FaceName {
  const bold = s.bold || base === 'bold' || base === 'boldItalic';
  const italic = s.italic || base === 'italic' || base === 'boldItalic';
  if (base === 'mono') return 'mono';
  return bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
}

/** Turns inline Markdown (bold, italic, links, code, breaks) into runs. */
export function inlineRuns(ctx: RenderContext, nodes: PhrasingContent[], base: TextStyle, resolve?: FieldResolver, state: InlineState = { bold: false, italic: false }): Run[] {
  const runs: Run[] = [];
  const linkLook = (s: InlineState): Partial<Run> => (s.link ? { link: s.link, color: ctx.colors.accent, underline: true } : {});
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        const text = resolve ? resolve(node.value) : node.value;
        runs.push({ text: text.replace(/\n/g, ' '), face: faceFor(state, base.face), ...linkLook(state) });
        break;
      }
      case 'strong':
        runs.push(...inlineRuns(ctx, node.children, base, resolve, { ...state, bold: true }));
        break;
      case 'emphasis':
        runs.push(...inlineRuns(ctx, node.children, base, resolve, { ...state, italic: true }));
        break;
      case 'delete':
        runs.push(...inlineRuns(ctx, node.children, base, resolve, state));
        break;
      case 'link':
        runs.push(...inlineRuns(ctx, node.children, base, resolve, { ...state, link: node.url }));
        break;
      case 'inlineCode':
        runs.push({ text: node.value, face: 'mono', background: '#eef0f3', ...linkLook(state) });
        break;
      case 'break':
        runs.push({ text: '\n' });
        break;
      case 'image':
        runs.push({ text: node.alt ?? '', face: faceFor(state, base.face) });
        break;
      case 'html':
        runs.push({ text: node.value, face: faceFor(state, base.face) });
        break;
      default:
        if ('children' in node) runs.push(...inlineRuns(ctx, node.children as PhrasingContent[], base, resolve, state));
        else if ('value' in node) runs.push({ text: String(node.value) });
    }
  }
  return runs;
}

/** Draws a paragraph of runs in a style, tagged as `type`, from the cursor. */
export function drawParagraph(ctx: RenderContext, runs: Run[], textStyle: TextStyle, type = 'P', indent = 0): void {
  if (runs.every((r) => r.text.trim() === '')) return;
  const laid = layout(ctx, runs, textStyle, ctx.width - indent);
  ctx.y += ctx.y > ctx.top ? textStyle.spaceBefore : 0;
  tagged(ctx, type, () => drawLines(ctx, laid, ctx.left + indent));
  ctx.y += textStyle.spaceAfter;
}

const HEADING_STYLE: Record<number, StyleName> = { 1: 'h1', 2: 'h2' };

/** Height a block needs at the foot of a page so that the heading above it is not left alone. */
export function blockHeadHeight(ctx: RenderContext, node: RootContent | undefined, resolve?: FieldResolver): number {
  if (!node) return 0;
  const p = style('paragraph', ctx.colors);
  switch (node.type) {
    case 'paragraph':
      return headHeight(layout(ctx, inlineRuns(ctx, node.children, p, resolve), p, ctx.width));
    case 'list':
    case 'blockquote':
      return 2 * p.size * p.leading + p.spaceBefore;
    case 'table':
      return tableHeadHeight(ctx, tableSpec(ctx, node, resolve));
    case 'code':
      return 2 * style('code', ctx.colors).size * 1.35;
    default:
      return p.size * p.leading;
  }
}

/**
 * Draws a heading, moving it to the next page when it and the first lines of what follows
 * (`following` points) do not both fit: no heading is left alone at the foot of a page.
 */
export function drawHeading(ctx: RenderContext, runs: Run[], level: number, following: number, outline?: 'top' | 'child'): void {
  const name: StyleName = HEADING_STYLE[level] ?? 'h3';
  const s = style(name, ctx.colors);
  const laid = layout(ctx, runs, s, ctx.width);
  const before = ctx.y > ctx.top ? s.spaceBefore : 0;
  if (ctx.y + before + laid.height + s.spaceAfter + following > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
  else ctx.y += before;
  const title = runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim();
  // A measure-only pass is thrown away: no outline.
  if (!ctx.measureOnly && outline === 'top') ctx.outline = ctx.doc.outline.addItem(title) as unknown as RenderContext['outline'];
  else if (!ctx.measureOnly && outline === 'child') (ctx.outline ?? (ctx.doc.outline as unknown as NonNullable<RenderContext['outline']>)).addItem(title);
  tagged(ctx, level <= 1 ? 'H1' : level === 2 ? 'H2' : 'H3', () => drawLines(ctx, laid));
  ctx.y += s.spaceAfter;
}

function buildTableSpec(ctx: RenderContext, node: Table, resolve?: FieldResolver): TableSpec {
  const cell = style('tableCell', ctx.colors);
  const [head, ...body] = node.children;
  const count = Math.max(...node.children.map((r) => r.children.length));
  const cellsOf = (row: (typeof node.children)[number] | undefined) =>
    Array.from({ length: count }, (_, i) => {
      const c = row?.children[i];
      return c ? inlineRuns(ctx, c.children, cell, resolve) : [];
    });
  const headerRuns = cellsOf(head);
  return {
    columns: headerRuns.map((header, i) => ({ header, share: 1, align: node.align?.[i] === 'right' ? 'right' : 'left' })),
    rows: body.map((row) => ({ cells: cellsOf(row) })),
  };
}

/** Specs of a pass's Markdown tables, per field resolver (a node is drawn with one). */
const specsFor = (_ctx: RenderContext, _resolve: object): Map<Table, TableSpec> => new Map();

/** A Markdown table's spec, built once per pass (measured for the heading above it, then drawn). */
function tableSpec(ctx: RenderContext, node: Table, resolve?: FieldResolver): TableSpec {
  const specs = once(ctx, specsFor, resolve ?? specsFor);
  let spec = specs.get(node);
  if (!spec) {
    spec = buildTableSpec(ctx, node, resolve);
    specs.set(node, spec);
  }
  return spec;
}

function drawList(ctx: RenderContext, node: List, indent: number, resolve?: FieldResolver): void {
  const s = style('listItem', ctx.colors);
  container(ctx, 'L', () => {
    node.children.forEach((item: ListItem, index: number) => {
      const label = node.ordered ? `${(node.start ?? 1) + index}.` : '•';
      const labelWidth = node.ordered ? 16 : 11;
      container(ctx, 'LI', () => {
        const [first, ...rest] = item.children;
        if (first?.type === 'paragraph') {
          const runs = inlineRuns(ctx, first.children, s, resolve);
          const laid = layout(ctx, runs, s, ctx.width - indent - labelWidth);
          if (ctx.y + headHeight(laid) > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
          const y = ctx.y;
          paint(ctx, 'Lbl', () => {
            const lbl = layout(ctx, [{ text: label, face: node.ordered ? 'bold' : 'regular', color: ctx.colors.accent }], s, labelWidth);
            for (const line of lbl.lines) {
              ctx.doc.fontSize(s.size);
              const [piece] = line.pieces;
              if (piece) {
                useFace(ctx.doc, piece.face);
                fillColorFast(ctx.doc, piece.color);
                drawText(ctx.doc, piece.text, ctx.left + indent, y + (laid.lineHeight - ctx.doc.currentLineHeight()) / 2);
              }
            }
          });
          tagged(ctx, 'LBody', () => drawLines(ctx, laid, ctx.left + indent + labelWidth));
          ctx.y += s.spaceAfter;
          if (rest.length) container(ctx, 'LBody', () => drawBlocks(ctx, rest, resolve, indent + labelWidth));
        } else {
          container(ctx, 'LBody', () => drawBlocks(ctx, item.children, resolve, indent + labelWidth));
        }
      });
    });
  });
  ctx.y += 3;
}

function currentPage(ctx: RenderContext): number {
  const range = ctx.doc.bufferedPageRange();
  return range.start + range.count - 1;
}

/**
 * Runs `draw` (which adds blocks from the cursor) and paints an accent bar beside what it drew, on
 * every page it spans (quotes, the script).
 */
export function withBar(ctx: RenderContext, barX: number, draw: () => void, bottomGap = 0, color = ctx.colors.accent): void {
  if (ctx.measureOnly) return draw();
  const startPage = currentPage(ctx);
  const startY = ctx.y;
  draw();
  const endPage = currentPage(ctx);
  const endY = ctx.y - bottomGap;
  for (let page = startPage; page <= endPage; page++) {
    ctx.doc.switchToPage(page);
    const from = page === startPage ? startY : ctx.top;
    const to = page === endPage ? endY : ctx.bottom;
    if (to - from < 4) continue;
    artifact(ctx, () => {
      ctx.doc.rect(barX, from + 1, 2.5, to - from - 2).fill(color);
    });
  }
  ctx.doc.switchToPage(endPage);
}

function drawQuote(ctx: RenderContext, node: Blockquote, indent: number, resolve?: FieldResolver): void {
  ensureSpace(ctx, blockHeadHeight(ctx, node.children[0], resolve));
  withBar(
    ctx,
    ctx.left + indent + 2,
    () => container(ctx, 'BlockQuote', () => drawBlocks(ctx, node.children, resolve, indent + 14, 'quote')),
    style('quote', ctx.colors).spaceAfter,
  );
}

function drawCode(ctx: RenderContext, node: Code, indent: number): void {
  const s = style('code', ctx.colors);
  drawParagraph(ctx, [{ text: node.value, face: 'mono' }], s, 'Code', indent + 8);
}

/** What a template adds to plain Markdown: directive blocks, and headings in the outline. */
export interface BlockHooks {
  /** Draws a node plain Markdown does not know (a directive); false when it is not one. */
  draw(node: RootContent): boolean;
  /** Height the node needs below a heading, or undefined for plain Markdown. */
  headHeight(node: RootContent): number | undefined;
}

/** Draws Markdown blocks from the cursor. `paragraphStyle` changes body text (quotes). */
export function drawBlocks(ctx: RenderContext, nodes: RootContent[], resolve?: FieldResolver, indent = 0, paragraphStyle: StyleName = 'paragraph', hooks?: BlockHooks): void {
  const headOf = (node: RootContent | undefined) => (node && hooks?.headHeight(node)) ?? blockHeadHeight(ctx, node, resolve);
  /**
   * What must fit under the heading at `i`: the first lines of the next block, or, for a short
   * introduction followed by a generated block (a directive), the introduction and that block's start.
   */
  const following = (i: number) => {
    const next = nodes[i];
    const after = nodes[i + 1];
    if (next?.type === 'paragraph' && after && hooks?.headHeight(after) !== undefined) {
      const s = style(paragraphStyle, ctx.colors);
      const intro = layout(ctx, inlineRuns(ctx, next.children, s, resolve), s, ctx.width - indent);
      if (intro.lines.length <= 3) return intro.height + s.spaceAfter + headOf(after);
    }
    return headOf(next);
  };
  nodes.forEach((node, i) => {
    if (hooks?.draw(node)) return;
    switch (node.type) {
      case 'paragraph': {
        const s = style(paragraphStyle, ctx.colors);
        drawParagraph(ctx, inlineRuns(ctx, (node as Paragraph).children, s, resolve), s, 'P', indent);
        break;
      }
      case 'heading': {
        const h = node as Heading;
        const level = Math.min(3, h.depth + (indent > 0 ? 2 : 0));
        const outline = hooks && level <= 2 ? 'top' : undefined;
        drawHeading(ctx, inlineRuns(ctx, h.children, style('h3', ctx.colors), resolve), level, following(i + 1), outline);
        break;
      }
      case 'list':
        drawList(ctx, node, indent, resolve);
        break;
      case 'blockquote':
        drawQuote(ctx, node, indent, resolve);
        break;
      case 'code':
        drawCode(ctx, node, indent);
        break;
      case 'table':
        drawTable(ctx, tableSpec(ctx, node, resolve));
        ctx.y += 8;
        break;
      case 'thematicBreak': {
        ensureSpace(ctx, 12);
        const y = ctx.y + 5;
        artifact(ctx, () => {
          ctx.doc.moveTo(ctx.left + indent, y).lineTo(ctx.left + ctx.width, y).lineWidth(0.5).strokeColor(ctx.colors.rule).stroke();
        });
        ctx.y += 12;
        break;
      }
      case 'html': {
        const s = style(paragraphStyle, ctx.colors);
        drawParagraph(ctx, [{ text: node.value }], s, 'P', indent);
        break;
      }
      default:
        // Definitions, footnotes, front matter: nothing to draw.
        break;
    }
  });
}

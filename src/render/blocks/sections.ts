import type { Root } from 'mdast';
import { parseMarkdown as parseGfm } from '../../parse/markdown.js';
import { parseByBlocks } from '../markdown-blocks.js';
import type { RenderContext } from '../context.js';
import { style } from '../styles.js';
import { blockHeadHeight, drawBlocks, drawHeading } from './markdown.js';

/**
 * Parsed section Markdown, keyed by its text, least recently used first: a guide's sections repeat
 * in every brief of a batch, an email draft only within its brief's passes. Kept small: a draft's
 * tree is tens of KB, and 2,000 of them made a worker's memory grow with the batch.
 */
const parsed = new Map<string, Root>();
const PARSED_LIMIT = 128;

/**
 * Parsed blocks (paragraphs, lists…) of such Markdown, keyed by their text, least recently used
 * first: the email draft's greeting, thanks and closing recur in every brief of a guide, its ask
 * and its name do not. A block is a few hundred bytes of text, its tree a few KB.
 */
const parsedBlocks = new Map<string, Root>();
const PARSED_BLOCKS_LIMIT = 128;

function parseBlock(markdown: string): Root {
  let tree = parsedBlocks.get(markdown);
  if (tree) {
    parsedBlocks.delete(markdown);
  } else {
    tree = parseGfm(markdown, { frontMatter: false });
    if (parsedBlocks.size >= PARSED_BLOCKS_LIMIT) parsedBlocks.delete(parsedBlocks.keys().next().value!);
  }
  parsedBlocks.set(markdown, tree);
  return tree;
}

/**
 * A guide section's Markdown, parsed (CommonMark + GFM) by the guide parser, whose trees equal
 * remark-gfm's (tests/parse/markdown.test.ts) at ~60% of its time; a block at a time where that
 * gives the same tree (markdown-blocks.ts), so that a new email draft, which differs per
 * candidate, parses only its new paragraphs (1.4 ms of a batch brief when parsed whole).
 * The tree is shared: never change it.
 */
export function parseMarkdown(markdown: string): Root {
  let tree = parsed.get(markdown);
  if (tree) {
    parsed.delete(markdown);
  } else {
    tree = parseByBlocks(markdown, parseBlock) ?? parseGfm(markdown, { frontMatter: false });
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(markdown, tree);
  return tree;
}

/** Sections other directives already render (levers, level mapping, strategy, sources). */
const DEDICATED = /^(global\s+)?levers?$|^level\s+mapping$|strategy$|^(evidence|sources|evidence\s*(&|and)\s*sources)$/i;

/** The sections `::sections` draws: not empty, not rendered by another directive, not excluded. */
export function visibleSections(ctx: RenderContext, attributes: Record<string, string>) {
  const excluded = new Set((attributes.exclude ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
  return ctx.brief.sections.filter(
    (s) => s.markdown.trim() !== '' && !DEDICATED.test(s.title.trim()) && !excluded.has(s.title.trim().toLowerCase()),
  );
}

/** Height the first section needs (heading and first lines): for keep-with-next. */
export function sectionsHeadHeight(ctx: RenderContext, attributes: Record<string, string>): number {
  const first = visibleSections(ctx, attributes)[0];
  if (!first) return 0;
  const h = style('h2', ctx.colors);
  return h.size * h.leading + h.spaceBefore + h.spaceAfter + blockHeadHeight(ctx, parseMarkdown(first.markdown).children[0]);
}

/** `::sections` — the guide's own sections, each a heading in the outline with its Markdown body. */
export function drawSections(ctx: RenderContext, attributes: Record<string, string>): void {
  for (const section of visibleSections(ctx, attributes)) {
    const tree = parseMarkdown(section.markdown);
    drawHeading(ctx, [{ text: section.title }], 2, blockHeadHeight(ctx, tree.children[0]), 'top');
    drawBlocks(ctx, tree.children);
  }
}

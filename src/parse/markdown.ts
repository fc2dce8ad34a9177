import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import type { Construct, Extension, TokenizeContext } from 'micromark-util-types';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Processor } from 'unified';
import { ParseBudgetError } from './limits.js';

/*
 * Where the time goes in remark + GFM on a guide (5 KB, long one-line
 * paragraphs): the autolink-literal extension (a hook at every character plus a
 * find-and-replace pass over all text) and the table extension, which scans
 * every line of every paragraph as a possible table header before giving up at
 * the next line. Both are cut here without changing the tree:
 * - autolink literals can only fire where the text holds "www.", "://", "@",
 *   "mailto:" or "xmpp:"; without those we leave the extension out, and
 *   where they stand only in link destinations ("](https://…"), we parse
 *   without it and keep that tree unless some value in it holds them;
 * - a table head needs a delimiter row (which always holds a "-") on the next
 *   line, so a line whose next line has no "-" is refused up front;
 * - footnotes (which hook every "[") and strikethrough are left out of text
 *   that holds no "[^" or "~", where they cannot fire.
 * tests/parse/markdown.test.ts checks the trees equal remark-gfm's.
 */

const mayHoldAutolink = /www\.|:\/\/|@|mailto:|xmpp:/i;

/**
 * The URL right after "](", with what may follow it up to a space or parenthesis: where a guide
 * writes its sources' links. A URL there is a link's destination, never a literal, so it alone does
 * not call for the autolink-literal extension (which costs ~70% more parse time on a guide).
 * A "](" that turns out not to open a destination is caught after the parse (`mayHoldLiteral`).
 */
const linkDestination = /\]\([^\s()]*/g;

/**
 * Whether a tree parsed without autolink literals may differ from one parsed with them: a literal
 * (and remark-gfm's find-and-replace pass after the parse) can only be made of characters that,
 * without the extension, end up in some node's value (text, code, HTML), never in a link's url.
 */
function mayHoldLiteral(node: { value?: unknown; children?: unknown[] }): boolean {
  if (typeof node.value === 'string' && mayHoldAutolink.test(node.value)) return true;
  if (node.children) for (const child of node.children) if (mayHoldLiteral(child as { value?: unknown; children?: unknown[] })) return true;
  return false;
}

function isTableContinuation(context: TokenizeContext): boolean {
  for (let index = context.events.length - 1; index > -1; index--) {
    const type = context.events[index]![1].type;
    if (type === 'lineEnding' || type === 'linePrefix') continue;
    return type === 'tableHead' || type === 'tableRow';
  }
  return false;
}

function nextLineEnding(source: string, from: number, hasCr: boolean): number {
  const lf = source.indexOf('\n', from);
  // Without any CR in the text, searching for one would scan to its end on every line (quadratic).
  if (!hasCr) return lf;
  const cr = source.indexOf('\r', from);
  return cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
}

/**
 * The text being parsed, for the table guard. Parsing is synchronous and each
 * thread has its own module, so one variable serves; it lets the extensions
 * and processors below be built once per thread instead of once per guide.
 */
let current = { source: '', hasCr: false, deadline: Infinity, budgetMs: Infinity, tries: 0, dashFrom: -1, dash: -1 };

/**
 * Offset of the first "-" at or after `from` (the text's length if none), without a copy of the line:
 * the guard asks at every line of every paragraph. The last answer is kept, and reused while the
 * questions move forward below it, so a text without dashes is scanned once, not once a line.
 */
function nextDash(from: number): number {
  const c = current;
  if (from >= c.dashFrom && from <= c.dash) return c.dash;
  const found = c.source.indexOf('-', from);
  c.dashFrom = from;
  c.dash = found === -1 ? c.source.length : found;
  return c.dash;
}

/** gfmTable, with a head row refused when the next line cannot be a delimiter row. */
const guardedTable: Extension = (() => {
  const table = (gfmTable().flow as Record<string, Construct>)['null']!;
  const guarded: Construct = {
    ...table,
    tokenize(effects, ok, nok) {
      const run = table.tokenize.call(this, effects, ok, nok);
      return (code) => {
        if (!isTableContinuation(this)) {
          const { source, hasCr } = current;
          const lineEnd = nextLineEnding(source, this.now().offset, hasCr);
          if (lineEnd === -1) return nok(code);
          const nextStart = lineEnd + (source[lineEnd] === '\r' && source[lineEnd + 1] === '\n' ? 2 : 1);
          const nextEnd = nextLineEnding(source, nextStart, hasCr);
          if (nextDash(nextStart) >= (nextEnd === -1 ? source.length : nextEnd)) return nok(code);
        }
        return run(code);
      };
    },
  };
  return { flow: { null: [guarded] } };
})();

/**
 * A construct that never matches but looks at the clock: micromark tries it at every line of the
 * document and of every flow block, and at inline breaks, so a parse past its deadline (`current`)
 * stops (with `ParseBudgetError`) instead of running for minutes. The clock is read every 32nd try.
 */
const budgetGuard: Extension = (() => {
  const guard: Construct = {
    tokenize(_effects, _ok, nok) {
      return (code) => {
        if ((++current.tries & 31) === 0 && performance.now() > current.deadline) throw new ParseBudgetError(current.budgetMs, this.now().line);
        return nok(code);
      };
    },
  };
  // In text, only characters that already start a construct (so breaks, and the tokens, stay the
  // same): the slow inline cases (`[a](` × 100,000, runs of `*`, backticks) all go through them.
  const text: Record<number, Construct[]> = {};
  for (const code of [-5, -4, -3, 33, 38, 42, 60, 91, 92, 93, 95, 96]) text[code] = [guard];
  return { document: { null: [guard] }, flow: { null: [guard] }, text };
})();

interface Shape {
  budget: boolean;
  autolinks: boolean;
  footnotes: boolean;
  strikethrough: boolean;
}

function remarkGuideGfm(this: Processor, shape: Shape) {
  if (shape.budget) (this.data().micromarkExtensions ??= []).push(budgetGuard);
  if (shape.autolinks) {
    remarkGfm.call(this);
    return;
  }
  const data = this.data();
  const micromark = (data.micromarkExtensions ??= []);
  const mdast = (data.fromMarkdownExtensions ??= []);
  // Footnote calls and definitions both start "[^"; strikethrough needs "~".
  if (shape.footnotes) {
    micromark.push(gfmFootnote());
    mdast.push(gfmFootnoteFromMarkdown());
  }
  if (shape.strikethrough) {
    micromark.push(gfmStrikethrough());
    mdast.push(gfmStrikethroughFromMarkdown());
  }
  micromark.push(guardedTable, gfmTaskListItem());
  mdast.push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

/** One frozen processor per shape of guide (which extensions can fire in it), built on first use. */
const processors = new Map<number, Processor>();

function processorFor(frontMatter: boolean, shape: Shape): Processor {
  const key = (frontMatter ? 1 : 0) | (shape.autolinks ? 2 : 0) | (shape.footnotes ? 4 : 0) | (shape.strikethrough ? 8 : 0) | (shape.budget ? 16 : 0);
  let processor = processors.get(key);
  if (!processor) {
    const built = unified().use(remarkParse);
    // YAML front matter can only open the very first line.
    if (frontMatter) built.use(remarkFrontmatter);
    processor = built.use(remarkGuideGfm, shape).freeze() as unknown as Processor;
    processors.set(key, processor);
  }
  return processor;
}

/**
 * Markdown (CommonMark + GFM) to mdast, as unified + remark-parse + remark-gfm would give. With
 * `budgetMs`, throws `ParseBudgetError` once the parse has taken longer. A first line `---` opens
 * YAML front matter (remark-frontmatter) unless `frontMatter` is false (Markdown that is not a
 * whole file, such as a guide's section: there it is a thematic break).
 */
export function parseMarkdown(text: string, options: { budgetMs?: number; frontMatter?: boolean } = {}): Root {
  const budget = options.budgetMs !== undefined && Number.isFinite(options.budgetMs);
  const budgetMs = budget ? options.budgetMs! : Infinity;
  // One deadline for both parses, when there are two. Only a budget reads the clock: the global
  // `performance` loads node:perf_hooks on first use (2 ms of a cold render).
  const deadline = budget ? performance.now() + budgetMs : Infinity;
  const frontMatter = options.frontMatter !== false && text.startsWith('---');
  const shape = { budget, autolinks: false, footnotes: text.includes('[^'), strikethrough: text.includes('~') };
  if (mayHoldAutolink.test(text)) {
    // Only links' destinations hold what could start a literal: parse without, then make sure.
    shape.autolinks = mayHoldAutolink.test(text.replace(linkDestination, ']('));
    if (!shape.autolinks) {
      const tree = parseWith(processorFor(frontMatter, shape), text, deadline, budgetMs);
      if (!mayHoldLiteral(tree)) return tree;
      shape.autolinks = true;
    }
  }
  return parseWith(processorFor(frontMatter, shape), text, deadline, budgetMs);
}

function parseWith(processor: Processor, text: string, deadline: number, budgetMs: number): Root {
  current = { source: text, hasCr: text.includes('\r'), deadline, budgetMs, tries: 0, dashFrom: -1, dash: -1 };
  try {
    return processor.parse(text) as Root;
  } finally {
    current = { source: '', hasCr: false, deadline: Infinity, budgetMs: Infinity, tries: 0, dashFrom: -1, dash: -1 };
  }
}

/** The reference: plain remark-parse + remark-frontmatter + remark-gfm (used by tests to prove the trees equal). */
export function parseMarkdownReference(text: string, options: { frontMatter?: boolean } = {}): Root {
  const processor = unified().use(remarkParse);
  if (options.frontMatter !== false) processor.use(remarkFrontmatter);
  return processor.use(remarkGfm).parse(text) as Root;
}

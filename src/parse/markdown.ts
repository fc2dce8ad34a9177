import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Processor } from 'unified';

/**
 * GFM without autolink literals. remark-gfm's autolink-literal part is most of
 * GFM's cost (a tokenizer hook at every character plus a find-and-replace pass
 * over every text node), yet it can only fire where the text holds "www.",
 * "http(s)://", or "@". Guides without those get the identical tree this way.
 */
function remarkGfmWithoutAutolinks(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

const fullGfm = unified().use(remarkParse).use(remarkGfm).freeze();
const fastGfm = unified().use(remarkParse).use(remarkGfmWithoutAutolinks).freeze();

const mayHoldAutolink = /www\.|https?:\/\/|@|mailto:|xmpp:/i;

/** Markdown (CommonMark + GFM) to mdast. */
export function parseMarkdown(text: string): Root {
  return (mayHoldAutolink.test(text) ? fullGfm : fastGfm).parse(text) as Root;
}

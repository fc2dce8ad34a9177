#!/usr/bin/env node
// The floor under `offerbrief lint`: what the parser stack the project keeps (remark-parse on
// micromark, remark-gfm) costs alone on the same guides in a cold process, with no lint around
// it. bench/lint.mjs runs it beside the lint variants, so its table shows how far the lint is
// from the parser's limit and whether a target is under that limit.
//
// Usage: node bench/parse-floor.mjs <tokens|tree> <dir of .md files>
//   tokens  micromark tokenising only (CommonMark + the GFM table extension, which every guide
//           needs for its bands), no mdast tree: less than any lint of these guides can do
//   tree    unified + remark-parse + remark-frontmatter + remark-gfm to mdast, as a plugin user
//           would parse them: the stack as it ships, before offerbrief's narrowing of extensions
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, dir] = process.argv.slice(2);
if (!['tokens', 'tree'].includes(mode) || !dir) {
  console.error('usage: node bench/parse-floor.mjs <tokens|tree> <dir>');
  process.exit(2);
}

let parse;
if (mode === 'tokens') {
  const { parse: micromark, postprocess, preprocess } = await import('micromark');
  const { gfmTable } = await import('micromark-extension-gfm-table');
  const extensions = [gfmTable()];
  parse = (text) => postprocess(micromark({ extensions }).document().write(preprocess()(text, undefined, true)));
} else {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const { default: remarkGfm } = await import('remark-gfm');
  const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).freeze();
  parse = (text) => processor.parse(text);
}

// Sorted, read one by one, as lint does; the count goes out so the caller can check it.
let count = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
  parse(readFileSync(join(dir, name), 'utf8'));
  count++;
}
console.log(`${count} parsed`);

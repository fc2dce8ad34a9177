import type { Blockquote, List, Paragraph, PhrasingContent, Root, RootContent, Strong, Table as MdTable } from 'mdast';
import { VFile } from 'vfile';
import type { Band, Guide, Lever, LevelMapping, Placeholder, Position, Section, Strategy, Table, Title } from '../model/guide.js';
import { parseMarkdown } from './markdown.js';
import { blockText, flatten, plain, sliceFlat, sourceOffset, span, type FlatText } from './inline.js';
import { findPlaceholders, stripLocation, type LocatedPlaceholder } from './placeholders.js';
import { LineIndex, place } from './source.js';
import { readStrategyNumbers } from './strategy.js';
import { readTable } from './table.js';
import { report } from './report.js';
import { collectControls, isComment } from './controls.js';
import { readFrontMatter } from './front-matter.js';
import type { Yaml } from 'mdast';

/** A section as found in the tree, before it becomes model. */
interface RawSection {
  title: string;
  style: Section['style'];
  titleStart: number;
  titleEnd: number;
  /** Inline content that follows the title in its own paragraph. */
  inline: PhrasingContent[];
  blocks: RootContent[];
  /** The blockquote that opened it, for a `> **Strategy:** …` section. */
  quote: Blockquote | null;
}

const emptyTitle: Title = { text: '', role: '', company: '', position: null };

/** The guide model of Markdown text; problems of structure become messages on `file`. */
export function guideFromMarkdown(source: string, file: VFile, options: { budgetMs?: number } = {}): Guide {
  const lines = new LineIndex(source);
  const tree = parseMarkdown(source, options);
  collectControls(tree, file, lines);
  const pos = (start: number, end: number): Position => lines.position(start, end);

  const yaml = tree.children[0]?.type === 'yaml' ? (tree.children[0] as Yaml) : null;
  const frontMatter = source.startsWith('---') ? readFrontMatter(yaml, source, lines) : null;
  if (frontMatter) file.data.frontMatter = frontMatter;
  const children = yaml ? tree.children.slice(1) : tree.children;
  const tableIndex = findBandTable(children);
  const titleIndex = children.findIndex((n, i) => n.type === 'heading' && (tableIndex === -1 || i < tableIndex));

  let title = emptyTitle;
  if (titleIndex !== -1) {
    const heading = children[titleIndex]!;
    const [s, e] = span(heading);
    title = { ...splitTitle(plain(heading).trim()), position: pos(s, e) };
    if (!title.company) {
      report(file, {
        ruleId: 'title-malformed',
        fatal: false,
        place: place(title.position!),
        reason: `Unexpected title "${title.text}", expected "<Role> | <Company> <title words>" (e.g. "Data Engineer | Acme Negotiation Guide")`,
      });
    }
  } else if (source.trim() !== '') {
    report(file, {
      ruleId: 'title-missing',
      fatal: false,
      place: { start: { line: 1, column: 1 } },
      reason: 'Unexpected guide without a title heading, expected a first line like "### <Role> | <Company> Negotiation Guide"',
    });
  }

  let table: Table | null = null;
  let bands: Band[] = [];
  if (tableIndex !== -1) ({ table, bands } = readTable(children[tableIndex] as MdTable, lines, file));

  // Split the rest into sections; a tagline before the table is the tags.
  const tags: string[] = [];
  const sections: RawSection[] = [];
  for (let i = 0; i < children.length; i++) {
    if (i === titleIndex || i === tableIndex) continue;
    const node = children[i]!;
    // A comment (a control comment or any other) is not content: it is not shown.
    if (node.type === 'html' && isComment(node.value)) continue;
    if (sections.length === 0 && (tableIndex === -1 || i < tableIndex) && node.type === 'paragraph') {
      // An unbolded tagline: "Negotiation DNA: A | B | C".
      const line = /^\s*(?:negotiation dna|tags|tagline)\s*[:：]\s*(.*)$/is.exec(plain(node));
      if (line) {
        tags.push(...line[1]!.split('|').map((t) => t.trim()).filter(Boolean));
        continue;
      }
    }
    const start = sectionStart(node);
    if (start && sections.length === 0 && (tableIndex === -1 || i < tableIndex) && isTagline(start)) {
      tags.push(...plain(start.inline).split('|').map((t) => t.trim()).filter(Boolean));
      continue;
    }
    if (start) sections.push(start);
    else sections.at(-1)?.blocks.push(node);
  }

  const placeholders = findPlaceholders(tree, source, lines);
  const within = (s: number, e: number) => placeholders.filter((p) => p.start >= s && p.end <= e).map(stripLocation);

  const modelSections = sections.map((raw) => toSection(raw, source, pos));
  const levers = sections.filter((s) => /lever/i.test(s.title)).flatMap((s) => readLevers(s, source, pos, within));
  const levelSection = sections.find((s) => /level|leveling|mapping/i.test(s.title) && !/lever/i.test(s.title));
  const strategySection = sections.find((s) => /strateg|script/i.test(s.title));
  const sourcesSection = sections.find((s) => /source|evidence|reference|citation/i.test(s.title));

  return {
    title,
    tags,
    table,
    bands,
    sections: modelSections,
    levers,
    levelMapping: levelSection ? readLevelMapping(levelSection, source, pos) : null,
    strategy: strategySection ? readStrategy(strategySection, source, lines, bands, table, within) : null,
    placeholders: placeholders.map(stripLocation),
    sources: sourcesSection ? readSources(sourcesSection) : [],
  };
}

/** The band table: the first top-level table with a Region-like column, else the first table. */
function findBandTable(children: RootContent[]): number {
  const tables = children.map((n, i) => [n, i] as const).filter(([n]) => n.type === 'table');
  const withRegion = tables.find(([n]) => /region|location|city|market/i.test(plain((n as MdTable).children[0] ?? [])));
  return (withRegion ?? tables[0])?.[1] ?? -1;
}

/** "Security Engineer | Scale AI Global Negotiation Guide" → role and company. */
export function splitTitle(text: string): Omit<Title, 'position'> {
  const parts = text.split(/\s+[|｜]\s+|\s+(?:at|@)\s+|\s+[—–]\s+/);
  if (parts.length < 2) return { text, role: text, company: '' };
  const role = parts[0]!.trim();
  const rest = parts.slice(1).join(' ').trim();
  const company = rest
    .replace(/\s*[:\-–—]?\s*(?:(?:global|regional|international|us|uk|eu|emea|apac|salary|compensation|offer|negotiation|negotiating|playbook)\s+)*(?:guide|playbook|brief)\s*$/i, '')
    .trim();
  return { text, role, company: company || rest };
}

function strongLabel(node: Paragraph): { strong: Strong; rest: PhrasingContent[] } | null {
  const [first, ...rest] = node.children;
  if (first?.type !== 'strong') return null;
  return { strong: first, rest };
}

/** Is this block the start of a section? A heading, a bold-only paragraph, "**Title:** text", or "> **Title:** text". */
function sectionStart(node: RootContent): RawSection | null {
  if (node.type === 'heading') {
    const [s, e] = span(node);
    return { title: plain(node).trim(), style: 'heading', titleStart: s, titleEnd: e, inline: [], blocks: [], quote: null };
  }
  const quote = node.type === 'blockquote' ? node : null;
  const paragraph = node.type === 'paragraph' ? node : quote?.children[0]?.type === 'paragraph' ? quote.children[0] : null;
  if (!paragraph) return null;
  const label = strongLabel(paragraph);
  if (!label) return null;
  const titleText = plain(label.strong).trim();
  const restText = plain(label.rest);
  const boldOnly = restText.trim() === '';
  const endsInColon = /[:：]$/.test(titleText);
  const colonAfter = /^\s*[:：]/.test(restText);
  const bodyOnNextLine = restText.startsWith('\n');
  if (!(boldOnly || endsInColon || colonAfter || bodyOnNextLine) || titleText === '') return null;
  if (quote && !(endsInColon || colonAfter)) return null;
  const [s, e] = span(label.strong);
  let inline = label.rest;
  if (colonAfter && inline[0]?.type === 'text') {
    const first = inline[0];
    const cut = first.value.indexOf(':') + 1 || first.value.indexOf('：') + 1;
    const [fs] = span(first);
    inline = [{ ...first, value: first.value.slice(cut), position: shift(first.position, fs + cut) }, ...inline.slice(1)];
  }
  return {
    title: titleText.replace(/\s*[:：]$/, ''),
    style: 'bold',
    titleStart: s,
    titleEnd: e,
    inline,
    blocks: quote ? quote.children.slice(1) : [],
    quote,
  };
}

function shift(position: PhrasingContent['position'], offset: number): PhrasingContent['position'] {
  if (!position) return position;
  return { ...position, start: { ...position.start, offset, column: position.start.column + (offset - (position.start.offset ?? offset)) } };
}

function isTagline(section: RawSection): boolean {
  return section.style === 'bold' && (plain(section.inline).includes('|') || /dna|tags?|tagline/i.test(section.title)) && section.inline.length > 0;
}

/** Source range of a section's body (the text after its title up to its last block). */
function bodyRange(raw: RawSection, source: string): [number, number] {
  const firstInline = raw.inline.find((n) => plain(n).trim() !== '' || n.type !== 'text');
  const nodes: Array<{ position?: PhrasingContent['position'] }> = [...raw.inline, ...raw.blocks];
  if (nodes.length === 0) return [raw.titleEnd, raw.titleEnd];
  let start = firstInline ? span(firstInline)[0] : span(raw.blocks[0] ?? raw.inline[0]!)[0];
  while (start < source.length && /[\s:]/.test(source[start]!) && source[start] !== '\n') start++;
  if (source[start] === '\n') start++;
  const end = Math.max(...nodes.map((n) => span(n)[1]));
  return [start, Math.max(start, end)];
}

function toSection(raw: RawSection, source: string, pos: (s: number, e: number) => Position): Section {
  const [bodyStart, bodyEnd] = bodyRange(raw, source);
  const inlineText = plain(raw.inline).trim();
  const text = [inlineText, ...raw.blocks.map((b) => blockText(b).trim())].filter(Boolean).join('\n\n');
  return {
    title: raw.title,
    text,
    markdown: stripQuoteMarkers(source.slice(bodyStart, bodyEnd), raw.quote !== null).trim(),
    style: raw.style,
    position: pos(raw.titleStart, raw.titleEnd),
  };
}

/** A section opened by a block quote keeps its body as Markdown without the "> " of each line. */
function stripQuoteMarkers(markdown: string, quoted: boolean): string {
  return quoted ? markdown.replace(/^[ \t]{0,3}> ?/gm, '') : markdown;
}

type Within = (start: number, end: number) => Placeholder[];

function readLevers(raw: RawSection, source: string, pos: (s: number, e: number) => Position, within: Within): Lever[] {
  const lists = raw.blocks.filter((b): b is List => b.type === 'list');
  return lists.flatMap((list) =>
    list.children.map((item): Lever => {
      const [s, e] = span(item);
      const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
      const label = paragraph ? strongLabel(paragraph) : null;
      const flat = flatten(item.children, source);
      let name = '';
      let text = flat.text.trim();
      if (label) {
        name = plain(label.strong).trim().replace(/\s*[:：]$/, '');
        text = flat.text.slice(plain(label.strong).length).replace(/^\s*[:：]?\s*/, '').trim();
      } else {
        const colon = /^([^:\n]{1,80}):\s*/.exec(text);
        if (colon) {
          name = colon[1]!.trim();
          text = text.slice(colon[0].length);
        }
      }
      return { name, pitch: quoted(text), text, placeholders: within(s, e), position: pos(s, e) };
    }),
  );
}

/** The quoted part of a pitch: from the first opening quote to the last closing one. */
function quoted(text: string): string {
  const open = text.search(/["“]/);
  const close = Math.max(text.lastIndexOf('"'), text.lastIndexOf('”'));
  if (open === -1 || close <= open) return text;
  return text.slice(open + 1, close).trim();
}

function readLevelMapping(raw: RawSection, source: string, pos: (s: number, e: number) => Position): LevelMapping {
  const section = toSection(raw, source, pos);
  const text = section.text;
  let parts = text.split(/\s+(?:=|≈|~|↔|⇔)\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) parts = text.split(/\s*[;\n]\s*/).map((p) => p.trim()).filter(Boolean);
  return { text, level: parts[0] ?? '', equivalents: parts.slice(1), position: section.position };
}

function readSources(raw: RawSection): string[] {
  const lists = raw.blocks.filter((b): b is List => b.type === 'list');
  if (lists.length > 0) {
    return lists.flatMap((list) =>
      list.children.map((item) => {
        const text = plain(item).trim();
        const urls: string[] = [];
        const visit = (n: RootContent | PhrasingContent) => {
          if (n.type === 'link' && plain(n).trim() !== n.url) urls.push(n.url);
          if ('children' in n) for (const c of n.children) visit(c as RootContent);
        };
        item.children.forEach(visit);
        return urls.length ? `${text} (${urls.join(', ')})` : text;
      }),
    );
  }
  return [plain(raw.inline), ...raw.blocks.map((b) => plain(b))]
    .flatMap((t) => t.split('\n'))
    .map((t) => t.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);
}

function readStrategy(
  raw: RawSection,
  source: string,
  lines: LineIndex,
  bands: Band[],
  table: Table | null,
  within: Within,
): Strategy {
  const flat: FlatText = flatten([...raw.inline, ...raw.blocks], source);
  const lead = flat.text.length - flat.text.trimStart().length;
  const trimmed = sliceFlat(flat, lead);
  const text = trimmed.text.trimEnd();
  const numbers = readStrategyNumbers(text, table?.equity?.vestingYears ?? 4);
  const [s, e] = raw.quote ? span(raw.quote) : [raw.titleStart, bodyRange(raw, source)[1]];
  const referenceRegion = findReferenceRegion(text, source, bands);
  return {
    text,
    currency: numbers.currency ?? bands[0]?.currency ?? 'USD',
    target: numbers.target,
    floor: numbers.floor,
    competing: numbers.competing,
    referenceRegion,
    mentions: numbers.mentions.map((m) => {
      const a = sourceOffset(trimmed, m.start);
      return { ...m, position: lines.position(a, a + (m.end - m.start)) };
    }),
    placeholders: within(s, e),
    position: lines.position(s, e),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The band the strategy's numbers are written against, when the guide says: "Reference region: London", "(New York band)". */
function findReferenceRegion(strategyText: string, source: string, bands: Band[]): string | null {
  const explicit = /reference\s+(?:region|band|market)\s*[:=]?\s*\**\s*([^\n*|.,;)]+)/i.exec(source)?.[1]?.trim();
  for (const band of bands) {
    if (!band.region) continue;
    const name = escapeRegExp(band.region);
    if (explicit && explicit.toLowerCase() === band.region.toLowerCase()) return band.region;
    if (new RegExp(`\\b${name}\\s+(?:band|numbers|range|market rates?)\\b|(?:written for|numbers (?:are )?for|based on)\\s+(?:the\\s+)?${name}\\b`, 'i').test(strategyText)) {
      return band.region;
    }
  }
  return null;
}

export type { LocatedPlaceholder };

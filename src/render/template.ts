import { basename, join, resolve as resolvePath } from 'node:path';
import type { Root, RootContent } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IoError, UsageError } from '../errors.js';
import { maxTemplateBytes, readRegularFile } from '../read.js';
import { Brief } from '../model/brief.js';
import { packageRoot } from '../paths.js';

/** Directive blocks a template may use, with the attributes each accepts. */
export const DIRECTIVES = {
  cover: [],
  'at-a-glance': ['notes'],
  'band-chart': [],
  'band-table': [],
  levers: ['style'],
  strategy: ['notes'],
  sections: ['exclude'],
  'level-mapping': [],
  sources: [],
  competing: [],
  unfilled: [],
  warnings: ['except', 'style'],
  ask: [],
  years: [],
  'offers-chart': [],
  email: [],
  'page-break': [],
} as const satisfies Record<string, readonly string[]>;
export type DirectiveName = keyof typeof DIRECTIVES;

/** A directive block as the template wrote it (`::levers{style=compact}`). */
export interface DirectiveNode {
  type: 'directive';
  name: DirectiveName;
  attributes: Record<string, string>;
  line: number;
  column: number;
}

export type TemplateNode = RootContent | DirectiveNode;

const Margins = z.union([
  z.number().min(18).max(144),
  z.strictObject({
    top: z.number().min(18).max(144),
    right: z.number().min(18).max(144),
    bottom: z.number().min(18).max(144),
    left: z.number().min(18).max(144),
  }),
]);

/** The front matter of a template. */
export const TemplateSettings = z.strictObject({
  pageSize: z.enum(['Letter', 'A4']).default('Letter'),
  /** Points; one number for all four sides. The footer sits inside the bottom margin. */
  margins: Margins.default(54),
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f5f8b').default('#1f5f8b'),
  /** BCP 47 language of the document (for screen readers). */
  lang: z.string().min(2).default('en-US'),
  /** The PDF's title, with {{fields}} (default: "Negotiation brief: {{guide.role}} at {{guide.company}} — {{candidate.name}}"). */
  title: z.string().min(1).max(300).optional(),
  /** The brief is fitted into at most this many pages (tighter spacing, smaller type, shorter levers). */
  maxPages: z.number().int().min(1).max(50).optional(),
  /**
   * The ask's words, with the plan's numbers as {target}, {annual}, {floor}, {nonCash}, {signOn}
   * (`::ask`); without it the default words of `plan`'s `ask.line` are used.
   */
  ask: z
    .strictObject({
      standard: z.string().min(1),
      atTop: z.string().min(1),
      levelYearOne: z.string().min(1),
    })
    .optional(),
});
export type TemplateSettings = z.infer<typeof TemplateSettings>;

export interface Template {
  /** File name, for messages. */
  name: string;
  path: string;
  settings: Omit<TemplateSettings, 'margins'> & { margins: { top: number; right: number; bottom: number; left: number } };
  nodes: TemplateNode[];
}

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

type FieldKind = 'text' | 'money' | 'plain' | 'range' | 'percentRange' | 'list';

/** Field paths of the brief a template may use, with how each prints. Built once from the zod schema. */
let fieldTable: Map<string, FieldKind> | null = null;

const PLAIN_NUMBERS = new Set(['vestingYears', 'percent']);

function schemaFields(): Map<string, FieldKind> {
  if (fieldTable) return fieldTable;
  const table = new Map<string, FieldKind>([['date', 'text']]);
  type Def = { type: string; innerType?: { def: Def }; element?: { def: Def }; shape?: Record<string, { def: Def }> };
  const walk = (schema: { def: Def; shape?: Record<string, { def: Def }> }, path: string[]) => {
    let def = schema.def;
    while ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType) def = def.innerType.def;
    const key = path[path.length - 1] ?? '';
    const name = path.join('.');
    if (def.type === 'object') {
      const shape = (def as unknown as { shape: Record<string, { def: Def }> }).shape;
      const keys = Object.keys(shape);
      if (keys.length === 2 && keys.includes('low') && keys.includes('high')) table.set(name, key === 'bonusPercent' ? 'percentRange' : 'range');
      for (const [k, v] of Object.entries(shape)) walk(v, [...path, k]);
    } else if (def.type === 'number') table.set(name, PLAIN_NUMBERS.has(key) || path.includes('bonusPercent') ? 'plain' : 'money');
    else if (def.type === 'string' || def.type === 'enum' || def.type === 'literal' || def.type === 'boolean') table.set(name, 'text');
    else if (def.type === 'array' && def.element && ['string', 'enum'].includes(def.element.def.type)) table.set(name, 'list');
  };
  walk(Brief as unknown as { def: Def }, []);
  fieldTable = table;
  return table;
}

/** The field paths a template may use (for the docs and error messages). */
export function templateFields(): string[] {
  return [...schemaFields().keys()];
}

/** Prints a field of the brief. `date` is null for an undated brief (prints nothing). */
export function fieldValue(path: string, brief: Brief, date: string | null, formatters: {
  money: (n: number) => string;
  range: (r: { low: number; high: number }) => string;
  longDate: (d: string) => string;
}): string {
  if (path === 'date') return date ? formatters.longDate(date) : '';
  const kind = schemaFields().get(path);
  let value: unknown = brief;
  for (const key of path.split('.')) value = value == null ? value : (value as Record<string, unknown>)[key];
  if (value == null) return '—';
  switch (kind) {
    case 'money':
      return formatters.money(value as number);
    case 'range':
      return formatters.range(value as { low: number; high: number });
    case 'percentRange': {
      const r = value as { low: number; high: number };
      return r.low === r.high ? `${r.low}%` : `${r.low}%–${r.high}%`;
    }
    case 'list':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

function fail(name: string, line: number, column: number, message: string): never {
  throw new UsageError(`${name}:${line}:${column}: ${message}`);
}

function suggest(field: string): string {
  const fields = templateFields();
  const last = field.split('.').pop() ?? field;
  const close = fields.filter((f) => f.endsWith(`.${last}`) || f === last).slice(0, 3);
  return close.length ? `such as {{${close.join('}}, {{')}}}` : 'such as {{candidate.name}} or {{guide.company}}';
}

/**
 * Parses a template's source: front matter, fields and directives are checked here, so a mistake is
 * reported once, with its line and column, before any brief is rendered.
 */
export function parseTemplate(source: string, path: string): Template {
  const name = basename(path);
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkGfm).parse(source) as Root;

  // Front matter.
  let raw: unknown = {};
  const front = tree.children[0]?.type === 'yaml' ? tree.children[0] : null;
  if (front) {
    try {
      raw = parseYaml(front.value) ?? {};
    } catch (error) {
      fail(name, 2, 1, `Unexpected front matter: ${(error as Error).message.split('\n')[0]}, expected YAML`);
    }
  }
  const parsed = TemplateSettings.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const lines = source.split('\n');
    const index = key ? lines.findIndex((l) => l.startsWith(`${key}:`)) : -1;
    const what = issue.code === 'unrecognized_keys' ? `key "${issue.keys.join('", "')}"` : `value of "${issue.path.join('.')}"`;
    fail(name, index >= 0 ? index + 1 : 2, 1, `Unexpected ${what} in the front matter, expected pageSize (Letter|A4), margins (points), accent (#rrggbb), lang, ask, title or maxPages (1–50): ${issue.message}`);
  }
  const settings = parsed.data;
  const margins = typeof settings.margins === 'number'
    ? { top: settings.margins, right: settings.margins, bottom: settings.margins, left: settings.margins }
    : settings.margins;

  // Fields, found in the source so that their line and column are exact.
  const fields = schemaFields();
  const frontEnd = front?.position?.end.line ?? 0;
  source.split('\n').forEach((text, index) => {
    if (index < frontEnd && !text.startsWith('title:')) return;
    for (const match of text.matchAll(FIELD)) {
      const field = match[1]!;
      if (!fields.has(field)) {
        fail(name, index + 1, match.index + 1, `Unexpected field "{{${field}}}", expected a field of the brief ${suggest(field)}`);
      }
    }
  });

  // Directives: leaf directives become blocks; anything else is a mistake.
  const nodes: TemplateNode[] = [];
  const check = (node: { type: string; children?: unknown[]; position?: { start: { line: number; column: number } } }, top: boolean) => {
    const at = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'leafDirective' || node.type === 'containerDirective') {
      const d = node as unknown as { name: string; attributes?: Record<string, string | null | undefined> | null };
      const known = Object.keys(DIRECTIVES);
      if (!known.includes(d.name)) fail(name, at.line, at.column, `Unexpected directive "::${d.name}", expected one of ::${known.join(', ::')}`);
      if (node.type === 'containerDirective' || !top) fail(name, at.line, at.column, `Unexpected directive "::${d.name}" here, expected it alone on its own line (a leaf directive, "::${d.name}")`);
      const allowed: readonly string[] = DIRECTIVES[d.name as DirectiveName];
      for (const attr of Object.keys(d.attributes ?? {})) {
        if (!allowed.includes(attr)) fail(name, at.line, at.column, `Unexpected attribute "${attr}" on ::${d.name}, expected ${allowed.length ? allowed.join(', ') : 'none'}`);
      }
      return;
    }
    if (node.type === 'textDirective') {
      const d = node as unknown as { name: string };
      fail(name, at.line, at.column, `Unexpected text directive ":${d.name}", expected directives on their own line ("::${d.name}"); write "\\:" for a plain colon`);
    }
    for (const child of (node.children ?? []) as Array<typeof node>) check(child, false);
  };
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    check(node, true);
    if ((node.type as string) === 'leafDirective') {
      const d = node as unknown as { name: DirectiveName; attributes?: Record<string, string | null | undefined> | null };
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.attributes ?? {})) attributes[k] = v ?? '';
      nodes.push({ type: 'directive', name: d.name, attributes, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
    } else nodes.push(node);
  }
  const levers = nodes.find((n): n is DirectiveNode => n.type === 'directive' && n.name === 'levers');
  if (levers?.attributes.style && !['full', 'compact'].includes(levers.attributes.style)) {
    fail(name, levers.line, levers.column, `Unexpected style "${levers.attributes.style}" on ::levers, expected full or compact`);
  }
  for (const node of nodes.filter((n): n is DirectiveNode => n.type === 'directive' && (n.name === 'at-a-glance' || n.name === 'strategy'))) {
    if (node.attributes.notes !== undefined && !['show', 'none'].includes(node.attributes.notes)) {
      fail(name, node.line, node.column, `Unexpected notes "${node.attributes.notes}" on ::${node.name}, expected show or none`);
    }
  }
  for (const warnings of nodes.filter((n): n is DirectiveNode => n.type === 'directive' && n.name === 'warnings')) {
    if (warnings.attributes.except !== undefined && warnings.attributes.except !== 'unfilled') {
      fail(name, warnings.line, warnings.column, `Unexpected except "${warnings.attributes.except}" on ::warnings, expected unfilled`);
    }
    if (warnings.attributes.style !== undefined && !['full', 'compact'].includes(warnings.attributes.style)) {
      fail(name, warnings.line, warnings.column, `Unexpected style "${warnings.attributes.style}" on ::warnings, expected full or compact`);
    }
  }
  return { name, path, settings: { ...settings, margins }, nodes };
}

/**
 * The bundled templates as parseTemplate gives them, made when the bundle was built
 * (scripts/bundle.mjs) from the same code: a JSON string keyed by template name, each with the
 * source it was parsed from. Undefined outside the bundle (tests and dist/ parse every time).
 */
declare const OFFERBRIEF_PREPARED_TEMPLATES: string | undefined;

/** Parsing even the small bundled template is ~10 ms of a cold render, all first calls (micromark's directive and front matter syntax, yaml, zod). */
function preparedTemplate(path: string, source: string): Template | null {
  if (typeof OFFERBRIEF_PREPARED_TEMPLATES === 'undefined') return null;
  const name = basename(path, '.md');
  if (path !== bundledTemplatePath(name as 'brief' | 'one-page')) return null;
  const prepared = (JSON.parse(OFFERBRIEF_PREPARED_TEMPLATES) as Record<string, { source: string; template: Omit<Template, 'name' | 'path'> } | undefined>)[name];
  // A template edited in the package after the build is parsed from its text.
  return prepared?.source === source ? { name: basename(path), path, ...prepared.template } : null;
}

/** The prepared form of the bundled templates (for scripts/bundle.mjs). */
export async function prepareBundledTemplates(): Promise<string> {
  const prepared: Record<string, { source: string; template: Omit<Template, 'name' | 'path'> }> = {};
  for (const name of ['brief', 'one-page'] as const) {
    const path = bundledTemplatePath(name);
    const source = (await readRegularFile(path, { maxBytes: maxTemplateBytes, shown: name, what: 'template' })).toString('utf8');
    const { settings, nodes } = parseTemplate(source, path);
    prepared[name] = { source, template: { settings, nodes } };
  }
  return JSON.stringify(prepared);
}

/** Parsed templates, keyed by path and checked against the file's current text. */
const templates = new Map<string, { source: string; template: Template }>();

/** The folder of the bundled templates: beside `src/` and `dist/` in the package, whatever the cwd. */
export function bundledTemplatePath(name: 'brief' | 'one-page'): string {
  return join(packageRoot, 'templates', `${name}.md`);
}

/**
 * Loads a template: `brief` and `one-page` name the bundled ones; anything else is a path from
 * `cwd`. Parsed once per process (re-parsed only if the file's text changed).
 */
export async function loadTemplate(nameOrPath: string, cwd: string): Promise<Template> {
  const path = nameOrPath === 'brief' || nameOrPath === 'one-page' ? bundledTemplatePath(nameOrPath) : resolvePath(cwd, nameOrPath);
  let source: string;
  try {
    source = (await readRegularFile(path, { maxBytes: maxTemplateBytes, shown: nameOrPath, what: 'template' })).toString('utf8');
  } catch (error) {
    throw new IoError(`${(error as Error).message} (the template; use "brief", "one-page" or a path to a .md file)`);
  }
  const cached = templates.get(path);
  if (cached && cached.source === source) return cached.template;
  const template = preparedTemplate(path, source) ?? parseTemplate(source, path);
  templates.set(path, { source, template });
  return template;
}

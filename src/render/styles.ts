import type { FaceName } from './fonts.js';

/** How one kind of text looks. Sizes and gaps are in points. */
export interface TextStyle {
  face: FaceName;
  size: number;
  /** Line height as a multiple of the size. */
  leading: number;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
}

/** Colours of the brief; the accent comes from the template's front matter. */
export interface Palette {
  accent: string;
  text: string;
  muted: string;
  rule: string;
  /** Background of the candidate's row and of table headers. */
  tint: string;
  headerFill: string;
  /** Background of an unfilled slot. */
  highlight: string;
  highlightText: string;
  floor: string;
  offer: string;
  competing: string;
  /** How tightly the brief is set: 1 is the template's look; fitting a page lowers both. */
  fit: Fit;
}

/** Type and spacing scale of a render (fitting a one-page template lowers them step by step). */
export interface Fit {
  /** Font sizes are multiplied by this, down to MIN_BODY_SIZE for body text. */
  type: number;
  /** Space before and after blocks is multiplied by this. */
  space: number;
  /** Lever text longer than this many characters is cut at a word (`compact` levers); 0 keeps all. */
  leverChars: number;
}

export const NORMAL_FIT: Fit = { type: 1, space: 1, leverChars: 0 };

/** Smallest size body text is set in when a page is fitted: still legible in print. */
export const MIN_BODY_SIZE = 7.5;

/** Palettes by accent and fit: a render draws with a handful, and its styles are memoised on them. */
const palettes = new Map<string, Palette>();
const PALETTE_LIMIT = 256;

/** The brief's colours for an accent and a fit: one frozen object per pair, shared by every render. */
export function palette(accent: string, fit: Fit = NORMAL_FIT): Palette {
  const key = `${accent}|${fit.type}|${fit.space}|${fit.leverChars}`;
  let found = palettes.get(key);
  if (!found) {
    found = Object.freeze({
      fit: Object.freeze({ ...fit }),
      accent,
      text: '#1f2328',
      muted: '#5b636e',
      rule: '#c9ced6',
      tint: mix(accent, '#ffffff', 0.86),
      headerFill: mix(accent, '#ffffff', 0.93),
      highlight: '#ffe58a',
      highlightText: '#5c3d00',
      floor: '#c0392b',
      offer: '#1f2328',
      competing: '#7d3c98',
    });
    if (palettes.size >= PALETTE_LIMIT) palettes.clear();
    palettes.set(key, found);
  }
  return found;
}

/** The style table, keyed by node type (pdfkit's docs/generate.js does the same). */
export const styles = {
  title: { face: 'bold', size: 20, leading: 1.2, color: 'text', spaceBefore: 0, spaceAfter: 4 },
  subtitle: { face: 'regular', size: 11, leading: 1.35, color: 'muted', spaceBefore: 0, spaceAfter: 2 },
  h1: { face: 'bold', size: 16, leading: 1.25, color: 'accent', spaceBefore: 14, spaceAfter: 6 },
  h2: { face: 'bold', size: 13, leading: 1.25, color: 'accent', spaceBefore: 14, spaceAfter: 5 },
  h3: { face: 'bold', size: 11, leading: 1.3, color: 'text', spaceBefore: 10, spaceAfter: 3 },
  paragraph: { face: 'regular', size: 9.5, leading: 1.42, color: 'text', spaceBefore: 0, spaceAfter: 6 },
  listItem: { face: 'regular', size: 9.5, leading: 1.42, color: 'text', spaceBefore: 0, spaceAfter: 3 },
  quote: { face: 'italic', size: 9.5, leading: 1.45, color: 'text', spaceBefore: 2, spaceAfter: 8 },
  code: { face: 'mono', size: 8.5, leading: 1.35, color: 'text', spaceBefore: 0, spaceAfter: 6 },
  small: { face: 'regular', size: 8, leading: 1.3, color: 'muted', spaceBefore: 0, spaceAfter: 2 },
  tableHeader: { face: 'bold', size: 8.5, leading: 1.3, color: 'text', spaceBefore: 0, spaceAfter: 0 },
  tableCell: { face: 'regular', size: 8.5, leading: 1.3, color: 'text', spaceBefore: 0, spaceAfter: 0 },
  glanceLabel: { face: 'regular', size: 7.5, leading: 1.3, color: 'muted', spaceBefore: 0, spaceAfter: 0 },
  glanceValue: { face: 'bold', size: 13, leading: 1.2, color: 'text', spaceBefore: 0, spaceAfter: 0 },
  chartLabel: { face: 'regular', size: 7.5, leading: 1.2, color: 'muted', spaceBefore: 0, spaceAfter: 0 },
  footer: { face: 'regular', size: 7, leading: 1.3, color: 'muted', spaceBefore: 0, spaceAfter: 0 },
} as const satisfies Record<string, Omit<TextStyle, 'color'> & { color: keyof Palette }>;

export type StyleName = keyof typeof styles;

/** Resolved styles per palette: the layout cache finds a look by its style object (text.ts). */
const resolved = new WeakMap<Palette, Map<StyleName, TextStyle>>();

/** Resolves a style's colour name against the palette: one frozen object per palette and name. */
export function style(name: StyleName, colors: Palette): TextStyle {
  let table = resolved.get(colors);
  if (!table) {
    table = new Map();
    resolved.set(colors, table);
  }
  let found = table.get(name);
  if (!found) {
    found = Object.freeze(resolveStyle(name, colors));
    table.set(name, found);
  }
  return found;
}

/** Variants of a style (another face or size), one frozen object per style and change. */
const variants = new WeakMap<TextStyle, Map<string, TextStyle>>();

/** The style in another face and/or size: the same object each time for the same change. */
export function restyle(base: TextStyle, change: { face?: FaceName; size?: number }): TextStyle {
  const face = change.face ?? base.face;
  const size = change.size ?? base.size;
  if (face === base.face && size === base.size) return base;
  let table = variants.get(base);
  if (!table) {
    table = new Map();
    variants.set(base, table);
  }
  const key = `${face}|${size}`;
  let found = table.get(key);
  if (!found) {
    found = Object.freeze({ ...base, face, size });
    table.set(key, found);
  }
  return found;
}

function resolveStyle(name: StyleName, colors: Palette): TextStyle {
  const s = styles[name];
  const { fit } = colors;
  if (fit.type === 1 && fit.space === 1) return { ...s, color: colors[s.color] };
  // Footers keep their size; other text shrinks, but never below the legible minimum.
  const size = name === 'footer' ? s.size : Math.max(Math.min(s.size, MIN_BODY_SIZE), Math.round(s.size * fit.type * 100) / 100);
  const leading = 1 + (s.leading - 1) * Math.max(0.6, fit.space);
  return { ...s, size, leading, spaceBefore: s.spaceBefore * fit.space, spaceAfter: s.spaceAfter * fit.space, color: colors[s.color] };
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** `a` mixed towards `b` by `t` (0 = a, 1 = b), as #rrggbb. */
export function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  return `#${pa.map((v, i) => Math.round(v + (pb[i]! - v) * t).toString(16).padStart(2, '0')).join('')}`;
}

import type { Brief } from '../model/brief.js';
import { DEJAVU_COMMON, FALLBACK_FILES, faceHasGlyph, fallbackFor, loadFallback, scriptFallback } from './fonts.js';

/** What a character the fonts cannot draw is printed as: the Unicode replacement character, never a blank box. */
export const REPLACEMENT = '\uFFFD';

/** Code points the fonts have a glyph for, learned once per process. */
const known = new Map<number, boolean>();

/**
 * Whether a character prints in both the regular and the bold weight: from DejaVu, or from an
 * installed fallback face (Noto Sans SC / KR for Chinese, Japanese and Korean).
 */
function drawable(code: number): boolean {
  let has = known.get(code);
  if (has === undefined) {
    const inWeight = (name: 'regular' | 'bold') => faceHasGlyph(name, code) || fallbackFor(name, code) !== null;
    has = inWeight('regular') && inWeight('bold');
    known.set(code, has);
  }
  return has;
}

/** Zero-width joiners and variation selectors of emoji: dropped with the character they join. */
const JOINERS = /[\u200d\ufe0e\ufe0f]/g;

function fix(text: string, path: string, found: Map<string, Set<string>>): string {
  if (DEJAVU_COMMON.test(text)) return text;
  let out = '';
  const plain = text.replace(JOINERS, '');
  let changed = plain !== text;
  for (const ch of plain) {
    const code = ch.codePointAt(0)!;
    if (code < 0x250 || drawable(code)) {
      out += ch;
      continue;
    }
    changed = true;
    out += REPLACEMENT;
    let fields = found.get(ch);
    if (!fields) found.set(ch, (fields = new Set()));
    fields.add(path);
  }
  return changed ? out : text;
}

function walk(value: unknown, path: string, found: Map<string, Set<string>>): unknown {
  if (typeof value === 'string') return fix(value, path, found);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const next = walk(item, `${path}[${i}]`, found);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let copy: Record<string, unknown> | null = null;
    for (const [key, item] of Object.entries(value)) {
      const next = walk(item, path ? `${path}.${key}` : key, found);
      if (next !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = next;
    }
    return copy ?? value;
  }
  return value;
}

/**
 * The brief with every character the fonts cannot draw replaced by "�", and one warning per
 * character naming it and the fields it is in (the same brief when every character prints).
 */
export function printable(brief: Brief): { brief: Brief; warnings: string[] } {
  const found = new Map<string, Set<string>>();
  const { warnings: _warnings, ...rest } = brief;
  const fixed = walk(rest, '', found) as Omit<Brief, 'warnings'>;
  if (found.size === 0) return { brief, warnings: [] };
  // One warning per field where a character first appears (the candidate's own input comes first);
  // the fields derived from it (the script, the email) are counted, not listed.
  const byField = new Map<string, { chars: string[]; others: Set<string> }>();
  for (const [ch, fields] of found) {
    const [first, ...rest] = [...fields];
    const entry = byField.get(first!) ?? { chars: [], others: new Set<string>() };
    entry.chars.push(ch);
    for (const f of rest) entry.others.add(f);
    byField.set(first!, entry);
  }
  const warnings = [...byField].map(([field, { chars, others }]) => {
    const named = chars.map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
    const also = others.size > 0 ? ` (and ${others.size} field${others.size === 1 ? '' : 's'} built from it)` : '';
    // A character of a script whose optional font package is not installed: say which to install.
    const missing = (ch: string) => {
      const face = scriptFallback(ch.codePointAt(0)!);
      return face !== null && loadFallback(face) === null ? FALLBACK_FILES[face].pkg : null;
    };
    const packages = [...new Set(chars.map(missing).filter((p): p is string => p !== null))];
    const install = packages.length > 0 ? `; install ${packages.join(' and ')} (${packages.length > 1 ? 'optional dependencies' : 'an optional dependency'}) to print ${chars.length > 1 ? 'them' : 'it'}` : '';
    return `no glyph for ${named.join(', ')} in ${field}${also}: printed as "${REPLACEMENT}"${install}`;
  });
  // The PDF's copy of the warnings shows the replacement too (its own characters cannot print).
  // A brief rendered before already holds them: the same PDF the second time.
  const shown = [...brief.warnings, ...warnings.filter((w) => !brief.warnings.includes(w))].map((w) => fix(w, 'warnings', new Map()));
  return { brief: { ...fixed, warnings: shown } as Brief, warnings };
}

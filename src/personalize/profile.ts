import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Candidate, CompetingOffer, Offer, Vesting } from '../model/candidate.js';
import { InputError } from '../errors.js';
import { readRegularFile } from '../read.js';

/** Profiles larger than this are refused (a profile is a few hundred bytes). */
export const maxProfileBytes = 1024 * 1024;

/** `offer.base`, `competing[0].company`, `slots["TS/SCI"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(top level)' : out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return String(value);
}

const article: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  boolean: 'true or false',
};

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

/** The fields each object of a profile takes, from the schema itself ($schema last: it is for editors). */
const keysOf = (shape: object) => [...Object.keys(shape).filter((k) => k !== '$schema'), ...('$schema' in shape ? ['$schema'] : [])];
const fieldsOf: Record<string, string[]> = {
  '': keysOf(Candidate.shape),
  offer: keysOf(Offer.shape),
  competing: keysOf(CompetingOffer.shape),
  'offer.vesting': keysOf(Vesting.shape),
  'competing.vesting': keysOf(Vesting.shape),
};

/** One line per zod issue: `offer.base: expected a number, received "lots"`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const received = valueAt(data, issue.path);
    const where = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const expected = article[issue.expected] ?? issue.expected;
        lines.push(
          received === undefined
            ? `${where}: missing, expected ${expected}`
            : `${where}: expected ${expected}, received ${describeValue(received)}`,
        );
        break;
      }
      case 'too_small': {
        if (issue.origin === 'string') lines.push(`${where}: expected a non-empty string, received ${describeValue(received)}`);
        else if (issue.origin === 'number')
          lines.push(`${where}: expected a number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}, received ${describeValue(received)}`);
        else lines.push(`${where}: ${issue.message}`);
        break;
      }
      case 'unrecognized_keys': {
        const parentKey = issue.path.filter((key) => typeof key === 'string').join('.');
        const known = fieldsOf[parentKey];
        for (const key of issue.keys) {
          lines.push(
            `${formatPath([...issue.path, key])}: unexpected field${known ? `, expected one of: ${known.join(', ')}` : ''}`,
          );
        }
        break;
      }
      default:
        lines.push(`${where}: ${issue.message}${received === undefined ? '' : `, received ${describeValue(received)}`}`);
    }
  }
  return lines;
}

/** Parses profile text (YAML, or JSON when `path` ends in .json); syntax errors name path:line:col. */
export function parseProfileText(text: string, path: string): unknown {
  if (extname(path).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      const message = (error as Error).message;
      const at = /at position (\d+)/.exec(message);
      let place = '';
      if (at) {
        const offset = Number(at[1]);
        const before = text.slice(0, offset).split('\n');
        place = `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
      }
      const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
      throw new InputError(`${path}${place}: invalid JSON: ${reason}`);
    }
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new InputError(
      document.errors
        .map((error) => {
          const place = error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : '';
          const reason = (error.message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?\s*$/, '');
          return `${path}${place}: invalid YAML: ${reason}`;
        })
        .join('\n'),
    );
  }
  try {
    // Aliases bounded: a "billion laughs" profile is refused, not expanded.
    return document.toJS({ maxAliasCount: maxProfileAliases }) as unknown;
  } catch (error) {
    const reason = /alias/i.test((error as Error).message)
      ? `more than ${maxProfileAliases} alias expansions, expected a profile without an alias bomb`
      : (error as Error).message;
    throw new InputError(`${path}: invalid YAML: ${reason}`);
  }
}

/** Alias expansions allowed in a YAML profile (a profile needs none; yaml's own default is 100). */
export const maxProfileAliases = 50;

// C0 and C1 controls (NUL, newlines, escape sequences) and the Unicode line/paragraph separators.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Field paths of strings holding control characters: names and facts end up in PDF text and metadata. */
function controlCharacterPaths(data: unknown, path: PropertyKey[] = []): string[] {
  if (typeof data === 'string') return controlCharacter.test(data) ? [formatPath(path)] : [];
  // A profile is three levels deep; deeper data is refused by the schema, so stop looking.
  if (path.length > 8) return [];
  if (Array.isArray(data)) return data.flatMap((value, index) => controlCharacterPaths(value, [...path, index]));
  if (data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) =>
      controlCharacter.test(key) ? [formatPath([...path, key])] : controlCharacterPaths(value, [...path, key]),
    );
  }
  return [];
}

/** Validates parsed profile data; all problems at once, one line each, prefixed with `path`. */
export function parseCandidate(data: unknown, path: string): Candidate {
  if (data === null || data === undefined) throw new InputError(`${path}: empty profile, expected a mapping with at least name and region`);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${path}: expected a mapping with at least name and region, received ${describeValue(data)}`);
  }
  const controls = controlCharacterPaths(data);
  if (controls.length > 0) {
    throw new InputError(
      controls.map((where) => `${path}: ${where}: unexpected control character (NUL, newline, tab or escape), expected plain text on one line`).join('\n'),
    );
  }
  const result = Candidate.safeParse(data);
  if (!result.success) throw new InputError(describeIssues(result.error.issues, data).map((line) => `${path}: ${line}`).join('\n'));
  return result.data;
}

/** Reads and validates a candidate profile. `shownPath` is how errors name the file. */
export async function readCandidate(absolutePath: string, shownPath: string = absolutePath): Promise<Candidate> {
  const bytes = await readRegularFile(absolutePath, { maxBytes: maxProfileBytes, shown: shownPath, what: 'profile' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${shownPath}: not valid UTF-8, expected a UTF-8 text file`);
  }
  return parseCandidate(parseProfileText(text.replace(/^\uFEFF/, ''), shownPath), shownPath);
}

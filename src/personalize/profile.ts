import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Candidate, CompetingOffer, Offer, Vesting } from '../model/candidate.js';
import { InputError, IoError, describeFsError } from '../errors.js';

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
  return document.toJS() as unknown;
}

/** Validates parsed profile data; all problems at once, one line each, prefixed with `path`. */
export function parseCandidate(data: unknown, path: string): Candidate {
  if (data === null || data === undefined) throw new InputError(`${path}: empty profile, expected a mapping with at least name and region`);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${path}: expected a mapping with at least name and region, received ${describeValue(data)}`);
  }
  const result = Candidate.safeParse(data);
  if (!result.success) throw new InputError(describeIssues(result.error.issues, data).map((line) => `${path}: ${line}`).join('\n'));
  return result.data;
}

/** Reads and validates a candidate profile. `shownPath` is how errors name the file. */
export async function readCandidate(absolutePath: string, shownPath: string = absolutePath): Promise<Candidate> {
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    throw new IoError(describeFsError(error, shownPath));
  }
  if (bytes.byteLength > maxProfileBytes) {
    throw new IoError(`${shownPath}: ${bytes.byteLength} bytes, expected a profile of at most ${maxProfileBytes} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${shownPath}: not valid UTF-8, expected a UTF-8 text file`);
  }
  return parseCandidate(parseProfileText(text.replace(/^\uFEFF/, ''), shownPath), shownPath);
}

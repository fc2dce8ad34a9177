/**
 * Structure limits checked before the Markdown parser runs. micromark's time grows much faster
 * than the text on some shapes: containers nested on one line (`- - - - … x`, 22 KB took
 * 108 s), lists nested by indentation, and tables of many thousand rows (100,000 rows: 50 s and
 * 3 GB). A guide needs none of that (it nests two or three levels and has one row per region),
 * so lines past the limits are emptied (their line breaks stay, so every line number and column
 * of the rest stays right) and reported; the rest of the guide is still read.
 */

/** Deepest container nesting (block quotes and list items) read on one line. */
export const defaultMaxNesting = 32;
/** Most rows of one table (a band table has one per region). */
export const defaultMaxTableRows = 1000;
/**
 * Most emphasis marks (`*`, `_`) in one paragraph: micromark pairs them after reading the
 * paragraph, in time that grows with their square, where the parse budget cannot stop it.
 */
export const defaultMaxEmphasisMarks = 1000;
/** Milliseconds the Markdown parse may take; past it the parse stops with `parse-timeout`. */
export const defaultParseBudgetMs = 1000;

export interface StructureLimits {
  maxNesting?: number;
  maxTableRows?: number;
  maxEmphasisMarks?: number;
}

export interface StructureProblem {
  ruleId: 'nesting-too-deep' | 'table-too-long' | 'emphasis-too-many';
  /** Offset of the first character past the limit. */
  offset: number;
  reason: string;
}

export interface Guarded {
  /** The text with the lines past the limits emptied (the same lines; offsets after them shift). */
  text: string;
  problems: StructureProblem[];
}

const space = 0x20;
const tab = 0x09;

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== space && c !== tab && c !== 0x0d) return false;
  }
  return true;
}

/**
 * How deep a line nests containers: each `>` and list marker at its start counts one, and
 * indentation before the first marker counts one per two columns (a nested list item needs
 * two or more). Returns the depth and the offset where the limit was passed (or -1).
 */
function lineNesting(text: string, start: number, end: number, limit: number): { depth: number; at: number } {
  let i = start;
  let indent = 0;
  while (i < end && (text.charCodeAt(i) === space || text.charCodeAt(i) === tab)) {
    indent += text.charCodeAt(i) === tab ? 4 - (indent % 4) : 1;
    i++;
  }
  let depth = 0;
  let at = -1;
  for (;;) {
    const c = text[i];
    let next = -1;
    if (c === '>') next = i + 1;
    else if ((c === '-' || c === '*' || c === '+') && (i + 1 >= end || text[i + 1] === ' ' || text[i + 1] === '\t')) next = i + 1;
    else if (c !== undefined && c >= '0' && c <= '9') {
      let j = i;
      while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
      if ((text[j] === '.' || text[j] === ')') && (j + 1 >= end || text[j + 1] === ' ' || text[j + 1] === '\t')) next = j + 1;
    }
    if (next === -1 || i >= end) break;
    if (depth === 0) depth += Math.floor(indent / 2);
    depth++;
    if (depth > limit && at === -1) at = i;
    i = next;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  }
  return { depth, at };
}

function countMarks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2a || c === 0x5f) n++;
  }
  return n;
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
const delimiterRow = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Checks nesting and table length line by line (linear time) and blanks what is past the limits. */
export function guardStructure(text: string, limits: StructureLimits = {}): Guarded {
  const maxNesting = limits.maxNesting ?? defaultMaxNesting;
  const maxRows = limits.maxTableRows ?? defaultMaxTableRows;
  const maxMarks = limits.maxEmphasisMarks ?? defaultMaxEmphasisMarks;
  /** Emphasis marks in the paragraph being read (-1: past the limit, its lines are emptied). */
  let marks = 0;
  let reportedMarks = false;
  const problems: StructureProblem[] = [];
  const blank: [number, number][] = [];
  let inFence: string | null = null;
  let previousHasPipe = false;
  /** Rows seen of the table being read (-1: not in a table). */
  let rows = -1;
  let tableLine = 0;
  let reportedTable = false;
  let reportedNesting = false;
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const lineText = text.slice(start, Math.min(end, start + 400));
    if (inFence !== null) {
      if (lineText.trimStart().startsWith(inFence)) inFence = null;
    } else if (rows >= 0) {
      if (isBlank(text, start, end)) rows = -1;
      else if (++rows > maxRows) {
        if (!reportedTable) {
          reportedTable = true;
          problems.push({
            ruleId: 'table-too-long',
            offset: start,
            reason: `Unexpected table of more than ${maxRows} rows (from line ${tableLine}), expected at most ${maxRows}; the rows past the limit are not read, split the table`,
          });
        }
        blank.push([start, end]);
      }
    } else {
      const opened = fence.exec(lineText);
      if (opened) inFence = opened[1]!.slice(0, 3);
      else if (previousHasPipe && lineText.includes('-') && delimiterRow.test(lineText)) {
        rows = 0;
        tableLine = line - 1;
      } else if (isBlank(text, start, end)) {
        marks = 0;
      } else if (marks === -1 || (marks += countMarks(text, start, end)) > maxMarks) {
        if (!reportedMarks) {
          reportedMarks = true;
          problems.push({
            ruleId: 'emphasis-too-many',
            offset: start,
            reason: `Unexpected paragraph with more than ${maxMarks} emphasis marks (* and _), expected at most ${maxMarks}; the lines from here to the paragraph's end are not read, split it`,
          });
        }
        marks = -1;
        blank.push([start, end]);
      } else {
        const { depth, at } = lineNesting(text, start, end, maxNesting);
        if (at !== -1) {
          if (!reportedNesting) {
            reportedNesting = true;
            problems.push({
              ruleId: 'nesting-too-deep',
              offset: at,
              reason: `Unexpected nesting ${depth} levels deep, expected at most ${maxNesting} (block quotes and lists); the line is not read, flatten the structure`,
            });
          }
          blank.push([start, end]);
        }
      }
      previousHasPipe = text.slice(start, end).includes('|');
    }
    start = end + 1;
  }
  if (blank.length === 0) return { text, problems };
  const parts: string[] = [];
  let from = 0;
  for (const [s, e] of blank) {
    parts.push(text.slice(from, s));
    from = e;
  }
  parts.push(text.slice(from));
  return { text: parts.join(''), problems };
}

/** Thrown from inside the Markdown parser when its time budget is spent. */
export class ParseBudgetError extends Error {
  constructor(
    readonly budgetMs: number,
    readonly line: number,
  ) {
    super(`parse time budget of ${budgetMs} ms spent at line ${line}`);
    this.name = 'ParseBudgetError';
  }
}

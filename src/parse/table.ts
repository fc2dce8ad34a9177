import type { Table as MdTable, TableCell } from 'mdast';
import type { VFile } from 'vfile';
import type { Band, Cell, Column, ColumnRole, EquityHeader, Table } from '../model/guide.js';
import { parseCell } from './money.js';
import { plain, span } from './inline.js';
import { isComment } from './controls.js';
import { place, type LineIndex } from './source.js';
import { report } from './report.js';

/** Column role from its header text, case-insensitive, in any order. */
export function columnRole(header: string): ColumnRole {
  const h = header.toLowerCase();
  if (/^\s*(region|location|city|market|geo|country|office|metro)/.test(h)) return 'region';
  if (/total|\btc\b|\btotal comp|\bote\b/.test(h)) return 'totalComp';
  if (/equity|\brsus?\b|stock|options|grant|shares/.test(h)) return 'equity';
  if (/bonus|incentive|commission/.test(h)) return 'bonus';
  if (/base|salary/.test(h)) return 'base';
  return 'unknown';
}

/** A vesting schedule as yearly percentages: "5/15/40/40", "33.3/33.3/33.4" (2–10 years summing to 100). */
const schedulePattern = /(?<![\d.])(\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?){1,9})(?![\d.]|\s*-?\s*(?:yrs?|years?|y)\b)/i;

/**
 * `Equity (Pre-IPO/4yr)`, `Equity (RSU, 3-year vest)`, `RSUs (4 yrs)`, `Equity (RSU, 5/15/40/40)`, `Equity`:
 * kind, vesting years and, when written, the yearly schedule (its length gives the years when no years are written).
 */
export function parseEquityHeader(header: string): { kind: string; vestingYears: number | null; schedule: number[] | null } {
  const found = schedulePattern.exec(header);
  const parts = found ? found[1]!.split('/').map((part) => Number(part.trim())) : null;
  const total = parts?.reduce((sum, part) => sum + part, 0) ?? 0;
  const schedule = parts && Math.abs(total - 100) <= 0.5 ? parts : null;
  const rest = schedule && found ? header.slice(0, found.index) + header.slice(found.index + found[0].length) : header;
  const vesting = /(\d+(?:\.\d+)?)\s*-?\s*(?:yrs?|years?|y)\b/i.exec(rest);
  const inParens = /\(([^)]*)\)/.exec(rest)?.[1];
  const words = inParens ?? rest.replace(/\bequity\b/i, '');
  const kind = words
    .split(/[/,;]/)
    .map((part) => part.replace(/(\d+(?:\.\d+)?)\s*-?\s*(?:yrs?|years?|y)\b/i, '').replace(/\b(?:vest(?:ing|ed)?|over)\b/gi, '').trim())
    .filter((part) => part !== '')
    .join(' ');
  const outside = /\b(pre-ipo|rsus?|options?|stock|phantom|shares)\b/i.exec(header.replace(/\([^)]*\)/g, ''))?.[1];
  const fallbackKind = outside ? (/^rsus?$/i.test(outside) ? 'RSU' : outside[0]!.toUpperCase() + outside.slice(1)) : '';
  return { kind: kind || fallbackKind, vestingYears: vesting ? Number(vesting[1]) : schedule ? schedule.length : null, schedule };
}

/** A cell's content without comments: `$285K <!-- offerbrief-disable-line tc-mismatch -->` is worth $285K. */
function content(cell: TableCell): TableCell['children'] {
  return cell.children.filter((child) => !(child.type === 'html' && isComment(child.value)));
}

function cellText(cell: TableCell): string {
  return plain(content(cell)).trim();
}

/** Position of a cell's content (its padding excluded), or of the cell when empty. */
function cellPosition(cell: TableCell, lines: LineIndex) {
  const children = content(cell);
  const first = children[0];
  const last = children[children.length - 1];
  if (first && last) {
    // Text before a comment ends with the space that separates them.
    const trailing = last.type === 'text' ? last.value.length - last.value.trimEnd().length : 0;
    return lines.position(span(first)[0], span(last)[1] - trailing);
  }
  const [start, end] = span(cell);
  return lines.position(start, end);
}

export function readTable(node: MdTable, lines: LineIndex, file: VFile): { table: Table; bands: Band[] } {
  const [header, ...rows] = node.children;
  const [tStart, tEnd] = span(node);
  const columns: Column[] = (header?.children ?? []).map((cell) => {
    const text = cellText(cell);
    return { text, role: columnRole(text), position: cellPosition(cell, lines) };
  });
  const equityIndex = columns.findIndex((c) => c.role === 'equity');
  const equityColumn = columns[equityIndex];
  const equity: EquityHeader | null = equityColumn
    ? { ...parseEquityHeader(equityColumn.text), position: equityColumn.position }
    : null;
  const table: Table = { columns, equity, position: lines.position(tStart, tEnd) };
  const indexOf = (role: ColumnRole) => columns.findIndex((c) => c.role === role);
  const regionIndex = indexOf('region') === -1 ? 0 : indexOf('region');

  const bands: Band[] = [];
  for (const row of rows) {
    const [rStart, rEnd] = span(row);
    const rowPosition = lines.position(rStart, rEnd);
    if (row.children.length !== columns.length) {
      const missing = row.children.length < columns.length;
      report(file, {
        ruleId: 'table-row-shape',
        fatal: true,
        place: place(rowPosition),
        reason: missing
          ? `Unexpected ${row.children.length} cells in this row, expected ${columns.length} (one per column: ${columns.map((c) => c.text).join(', ')}); add the missing cells, or "—" for none`
          : `Unexpected ${row.children.length} cells in this row, expected ${columns.length} (one per column: ${columns.map((c) => c.text).join(', ')}); remove the extra cells or add a column header`,
      });
    }
    const cellAt = (index: number): Cell | null => {
      if (index === -1) return null;
      const cell = row.children[index];
      if (!cell) {
        // The row ends early: point just past its last cell.
        const p = lines.position(rEnd, rEnd);
        return { text: '', kind: 'missing', currencies: [], value: null, position: p };
      }
      const text = cellText(cell);
      const read = parseCell(text);
      return { text, kind: read.kind, currencies: read.currencies, value: read.value, position: cellPosition(cell, lines) };
    };
    const regionCell = cellAt(regionIndex)!;
    const base = cellAt(indexOf('base'));
    const equityCell = cellAt(equityIndex);
    const bonus = cellAt(indexOf('bonus'));
    const totalComp = cellAt(indexOf('totalComp'));
    const currency =
      base?.currencies[0] ?? [totalComp, equityCell, bonus].find((c) => c?.currencies.length)?.currencies[0] ?? bands.at(-1)?.currency ?? 'USD';
    const amountRange = (c: Cell | null) => (c && (c.kind === 'amount' || c.kind === 'range') ? c.value : null);
    bands.push({
      region: regionCell.text,
      currency,
      base: amountRange(base) ?? { low: 0, high: 0 },
      equity:
        equityCell && equity && amountRange(equityCell)
          ? { ...amountRange(equityCell)!, vestingYears: equity.vestingYears ?? 4, kind: equity.kind, ...(equity.schedule ? { schedule: [...equity.schedule] } : {}) }
          : null,
      bonus: bonus?.kind === 'percent' ? { percentOfBase: bonus.value! } : amountRange(bonus),
      totalComp: amountRange(totalComp),
      position: rowPosition,
      cells: { region: regionCell, base, equity: equityCell, bonus, totalComp },
      cellCount: row.children.length,
    });
  }
  return { table, bands };
}

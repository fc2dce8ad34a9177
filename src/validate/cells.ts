import type { VFile } from 'vfile';
import type { Band, Cell, ColumnRole } from '../model/guide.js';

export type MoneyRole = Exclude<ColumnRole, 'region' | 'unknown'>;

/** How messages name each money column. */
export const roleLabels: Readonly<Record<ColumnRole, string>> = {
  region: 'region',
  base: 'base salary',
  equity: 'equity',
  bonus: 'bonus',
  totalComp: 'total comp',
  unknown: 'cell',
};

/** How guides title each column in the table header. */
export const roleHeaders: Readonly<Record<ColumnRole, string>> = {
  region: 'Region',
  base: 'Base Salary',
  equity: 'Equity',
  bonus: 'Bonus',
  totalComp: 'Total Comp',
  unknown: '',
};

export interface RoleCell {
  role: MoneyRole;
  cell: Cell;
}

/** The money cells a band row has, in column-role order (base, equity, bonus, total comp). */
export function moneyCells(band: Band): RoleCell[] {
  const out: RoleCell[] = [];
  for (const role of ['base', 'equity', 'bonus', 'totalComp'] as const) {
    const cell = band.cells[role];
    if (cell) out.push({ role, cell });
  }
  return out;
}

/** Parser findings after which the content rules would only add noise. */
const unreadableIds = new Set(['file-empty', 'encoding-invalid', 'file-too-large', 'file-binary', 'parse-timeout']);

/** True when the parser could not read the guide's text at all (empty, not UTF-8, ...). */
export function unreadable(file: VFile): boolean {
  return file.messages.some((message) => message.ruleId != null && unreadableIds.has(message.ruleId));
}

/** A cell's text for a message, quoted and shortened. */
export function quoted(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `"${clean.length > 40 ? `${clean.slice(0, 39)}…` : clean}"`;
}

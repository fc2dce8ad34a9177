import type { RenderContext } from './context.js';
import { artifact, container, newPage, once, tagged } from './context.js';
import { restyle, style as styleOf, type TextStyle } from './styles.js';
import { drawLine, layout, type LaidOut, type Run } from './text.js';

export interface TableColumn {
  header: Run[];
  /** Share of the table's width (the shares are normalised). */
  share: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: Run[][];
  /** Tinted background and bold text (the candidate's row). */
  highlight?: boolean;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
}

const PAD_X = 5;
const PAD_Y = 4;

interface MeasuredRow {
  cells: LaidOut[];
  height: number;
  highlight: boolean;
}

function measureRow(ctx: RenderContext, cells: Run[][], widths: number[], style: TextStyle, highlight = false): MeasuredRow {
  const laid = cells.map((runs, i) =>
    layout(ctx, highlight ? runs.map((r) => ({ face: 'bold' as const, ...r })) : runs, style, Math.max(10, widths[i]! - 2 * PAD_X)),
  );
  const height = Math.max(...laid.map((l) => l.height)) + 2 * PAD_Y;
  return { cells: laid, height, highlight };
}

interface MeasuredTable {
  widths: number[];
  header: MeasuredRow;
  rows: MeasuredRow[];
}

/** The table's columns and rows laid out, once per pass for each spec (see `once`). */
function measureTable(ctx: RenderContext, spec: TableSpec): MeasuredTable {
  return once(ctx, measureTableNow, spec);
}

function measureTableNow(ctx: RenderContext, spec: TableSpec): MeasuredTable {
  const widths = columnWidths(ctx, spec);
  const cellStyle = styleOf('tableCell', ctx.colors);
  return {
    widths,
    header: measureRow(ctx, spec.columns.map((c) => c.header), widths, styleOf('tableHeader', ctx.colors)),
    rows: spec.rows.map((r) => measureRow(ctx, r.cells, widths, cellStyle, r.highlight)),
  };
}

/** Height of the header and the first two rows: what must fit for the table to start on this page. */
export function tableHeadHeight(ctx: RenderContext, spec: TableSpec): number {
  const { header, rows } = measureTable(ctx, spec);
  return rows.slice(0, 2).reduce((a, r) => a + r.height, header.height);
}

/**
 * Column widths: each column's unwrapped content width when they all fit (the slack shared out by
 * `share`), else widths by `share`, so long cells wrap rather than run out of their cell.
 */
function columnWidths(ctx: RenderContext, spec: TableSpec): number[] {
  const total = spec.columns.reduce((a, c) => a + c.share, 0);
  const header = styleOf('tableHeader', ctx.colors);
  const cell = styleOf('tableCell', ctx.colors);
  const natural = spec.columns.map((c, i) => {
    const cells = [layout(ctx, c.header, header, 1e6), ...spec.rows.map((r) => layout(ctx, r.cells[i] ?? [], r.highlight ? restyle(cell, { face: 'bold' }) : cell, 1e6))];
    return Math.max(...cells.flatMap((l) => l.lines.map((line) => line.width))) + 2 * PAD_X + 2;
  });
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= ctx.width) {
    const slack = ctx.width - sum;
    return natural.map((n, i) => n + (slack * spec.columns[i]!.share) / total);
  }
  return spec.columns.map((c) => (c.share / total) * ctx.width);
}

/**
 * Draws a table from the cursor: rows are measured first and never split; when a row does not fit,
 * the table continues on a new page under a repeated header row, with at least two rows on each side. Tagged Table > TR > TH/TD.
 */
export function drawTable(ctx: RenderContext, spec: TableSpec): void {
  const { widths, header, rows } = measureTable(ctx, spec);
  // A table starts on this page only with its header and two rows (or all of them, if fewer).
  const opening = rows.slice(0, 2).reduce((a, r) => a + r.height, 0);
  if (ctx.y + header.height + opening > ctx.bottom && ctx.y > ctx.top) newPage(ctx);

  /** Draws a row; a header repeated on a later page is an artifact, not a second header in the structure. */
  const drawRow = (row: MeasuredRow, cellType: 'TH' | 'TD', fill: string | null, repeated = false) => {
    const y = ctx.y;
    const paintCell = (laid: LaidOut, i: number, cellLeft: number) => {
      const width = widths[i]!;
      const align = spec.columns[i]?.align ?? 'left';
      laid.lines.forEach((line, k) => {
        const offset = align === 'right' ? width - 2 * PAD_X - line.width : 0;
        drawLine(ctx, line, laid, cellLeft + PAD_X + offset, y + PAD_Y + k * laid.lineHeight);
      });
    };
    const lefts = widths.map((_, i) => ctx.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    artifact(ctx, () => {
      const doc = ctx.doc;
      if (fill) doc.rect(ctx.left, y, ctx.width, row.height).fill(fill);
      doc.moveTo(ctx.left, y + row.height).lineTo(ctx.left + ctx.width, y + row.height).lineWidth(cellType === 'TH' ? 0.8 : 0.4).strokeColor(ctx.colors.rule).stroke();
      if (repeated) row.cells.forEach((laid, i) => paintCell(laid, i, lefts[i]!));
    });
    if (!repeated) {
      container(ctx, 'TR', () => {
        row.cells.forEach((laid, i) => tagged(ctx, cellType, () => paintCell(laid, i, lefts[i]!)));
      });
    }
    ctx.y = y + row.height;
  };

  container(ctx, 'Table', () => {
    drawRow(header, 'TH', ctx.colors.headerFill);
    rows.forEach((row, i) => {
      // Never one row alone after a page break: the last two rows go over together.
      const lastTwo = rows.length - i === 2 && i >= 2 && ctx.y + row.height + rows[i + 1]!.height > ctx.bottom;
      if (ctx.y + row.height > ctx.bottom || lastTwo) {
        newPage(ctx);
        drawRow(header, 'TH', ctx.colors.headerFill, true);
      }
      drawRow(row, 'TD', row.highlight ? ctx.colors.tint : null);
    });
  });
}

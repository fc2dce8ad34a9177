import type { BriefBand } from '../../model/brief.js';
import { once, type RenderContext } from '../context.js';
import { formatRange } from '../format.js';
import { drawTable, tableHeadHeight, type TableSpec } from '../table.js';

function buildSpec(ctx: RenderContext): TableSpec {
  const bands = ctx.brief.bands;
  const anyEquity = bands.some((b) => b.equity);
  const anyBonus = bands.some((b) => b.bonus || b.bonusPercent);
  const equity = bands.find((b) => b.equity)?.equity;
  const equityHeader = equity ? `Equity (${[equity.kind, `${equity.vestingYears}yr`].filter(Boolean).join('/')})` : 'Equity';
  const columns: TableSpec['columns'] = [
    { header: [{ text: 'Region' }], share: 1.35 },
    { header: [{ text: 'Base salary' }], share: 1.2, align: 'right' },
  ];
  if (anyEquity) columns.push({ header: [{ text: equityHeader }], share: 1.2, align: 'right' }, { header: [{ text: 'Equity per year' }], share: 1.15, align: 'right' });
  if (anyBonus) columns.push({ header: [{ text: 'Bonus' }], share: 1, align: 'right' });
  columns.push({ header: [{ text: 'Total comp' }], share: 1.2, align: 'right' });
  const row = (b: BriefBand) => {
    const r = (range: { low: number; high: number } | null) => [{ text: range ? formatRange(range, b.currency) : '—' }];
    const mine = b.region === ctx.brief.region;
    const cells = [[{ text: mine ? `${b.region}  ◀ you` : b.region }], r(b.base)];
    if (anyEquity) cells.push(r(b.equity), r(b.equity ? { low: b.equity.annualLow, high: b.equity.annualHigh } : null));
    if (anyBonus) {
      const p = b.bonusPercent;
      cells.push(p ? [{ text: p.low === p.high ? `${p.low}%` : `${p.low}%–${p.high}%` }] : r(b.bonus));
    }
    cells.push(r(b.totalComp));
    return { cells, highlight: mine };
  };
  return { columns, rows: bands.map(row) };
}

/** The table, built once per pass (measured for the heading above it, then drawn). */
const spec = (ctx: RenderContext): TableSpec => once(ctx, buildSpec, ctx);

export function bandTableHeadHeight(ctx: RenderContext): number {
  return tableHeadHeight(ctx, spec(ctx));
}

/** `::band-table` — every region of the guide, the candidate's row highlighted. */
export function drawBandTable(ctx: RenderContext): void {
  drawTable(ctx, spec(ctx));
  ctx.y += 10;
}

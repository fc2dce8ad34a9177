import type { OfferYears } from '../../model/brief.js';
import type { RenderContext } from '../context.js';
import { artifact, ensureSpace, once, paint, tagged } from '../context.js';
import { drawText, fillColorFast } from '../fasttext.js';
import { formatMoney } from '../format.js';
import { restyle, style } from '../styles.js';
import { drawTable, tableHeadHeight, type TableSpec } from '../table.js';
import { drawLine, drawLines, fittedLine, layout, type Run } from '../text.js';
import { fillAskWords } from '../../personalize/build.js';
import { drawBlocks } from './markdown.js';
import { parseMarkdown } from './sections.js';

/** `::ask` — the ask in one line (two when year one needs levelling), words from the template's `ask:` front matter. */
export function drawAsk(ctx: RenderContext): void {
  const { brief, template } = ctx;
  const words = template.settings.ask;
  const withOffered = { ...brief.ask.words };
  const line = words ? fillAskWords(brief.ask.mode === 'at-band-top' ? words.atTop : words.standard, withOffered) : brief.ask.line;
  const level = brief.ask.levelLine === null ? null : words ? fillAskWords(words.levelYearOne, withOffered) : brief.ask.levelLine;
  const s = style('paragraph', ctx.colors);
  const runs: Run[] = [{ text: 'The ask: ', face: 'bold', color: ctx.colors.accent }, { text: line, face: 'bold' }];
  if (level) runs.push({ text: ` ${level}`, face: 'bold' });
  const laid = layout(ctx, runs, s, ctx.width);
  ensureSpace(ctx, laid.height);
  tagged(ctx, 'P', () => drawLines(ctx, laid));
  ctx.y += s.spaceAfter + 4;
}

function buildYearsSpec(ctx: RenderContext, plan: OfferYears): TableSpec {
  const c = ctx.brief.currency;
  const m = (n: number) => (n === 0 ? '—' : formatMoney(n, c));
  const hasSignOn = plan.years.some((y) => y.signOn > 0);
  const hasRefresher = plan.years.some((y) => y.refresher > 0);
  const hasBonus = plan.years.some((y) => y.bonus > 0);
  const columns: TableSpec['columns'] = [
    { header: [{ text: 'Year' }], share: 0.8 },
    { header: [{ text: 'Base' }], share: 1, align: 'right' },
    { header: [{ text: 'Equity vesting' }], share: 1.2, align: 'right' },
  ];
  if (hasBonus) columns.push({ header: [{ text: 'Bonus' }], share: 0.9, align: 'right' });
  if (hasSignOn) columns.push({ header: [{ text: 'Sign-on' }], share: 0.9, align: 'right' });
  if (hasRefresher) columns.push({ header: [{ text: 'Refresher' }], share: 0.9, align: 'right' });
  columns.push({ header: [{ text: 'Total' }], share: 1, align: 'right' });
  const rows = plan.years.map((y) => {
    const cells: Run[][] = [[{ text: `Year ${y.year}` }], [{ text: m(y.base) }], [{ text: m(y.equity) }]];
    if (hasBonus) cells.push([{ text: m(y.bonus) }]);
    if (hasSignOn) cells.push([{ text: m(y.signOn) }]);
    if (hasRefresher) cells.push([{ text: m(y.refresher) }]);
    cells.push([{ text: formatMoney(y.total, c), face: 'bold' }]);
    return { cells };
  });
  const totalCells: Run[][] = [[{ text: `${plan.years.length}-year total`, face: 'bold' }]];
  for (let i = 1; i < columns.length - 1; i += 1) totalCells.push([{ text: '' }]);
  totalCells.push([{ text: formatMoney(plan.fourYearTotal, c), face: 'bold' }]);
  rows.push({ cells: totalCells });
  return { columns, rows };
}

/** A plan's table, built once per pass (measured for the space check, then drawn). */
const yearsSpec = (ctx: RenderContext, plan: OfferYears): TableSpec => once(ctx, buildYearsSpec, plan);

/** "vesting 5/15/40/40, 1-year cliff" or "even vesting over 4 years, 1-year cliff". */
function scheduleText(plan: OfferYears): string {
  const schedule = plan.schedule ? `vesting ${plan.schedule.join('/')}` : `even vesting over ${plan.vestingYears} years`;
  const cliff = plan.cliffMonths === 0 ? 'no cliff' : plan.cliffMonths === 12 ? '1-year cliff' : `${plan.cliffMonths}-month cliff`;
  return `${schedule}, ${cliff}`;
}

export function yearsHeadHeight(ctx: RenderContext): number {
  const first = ctx.brief.years[0];
  return first ? 20 + tableHeadHeight(ctx, yearsSpec(ctx, first)) : 0;
}

/** `::years` — year by year for the offer, the target and each detailed competing offer; the year-one gap. */
export function drawYears(ctx: RenderContext): void {
  const { brief } = ctx;
  const c = brief.currency;
  const small = style('small', ctx.colors);
  const h = style('h3', ctx.colors);
  for (const plan of brief.years) {
    const title = layout(ctx, [{ text: plan.label, face: 'bold' }, { text: `  ${scheduleText(plan)}; ${formatMoney(plan.annualTotalComp, c)} a year on average`, face: 'regular', color: ctx.colors.muted }], restyle(h, { size: 10 }), ctx.width);
    ensureSpace(ctx, title.height + tableHeadHeight(ctx, yearsSpec(ctx, plan)));
    tagged(ctx, 'P', () => drawLines(ctx, title));
    ctx.y += 3;
    drawTable(ctx, yearsSpec(ctx, plan));
    ctx.y += 8;
  }
  if (brief.yearOne) {
    const y = brief.yearOne;
    const text =
      `Year one of the target pays ${formatMoney(y.gap, c)} less than its ${formatMoney(brief.target.totalComp, c)} annual average because the grant vests late. ` +
      (y.signOnToAsk > 0
        ? `A ${formatMoney(y.signOnNeeded, c)} sign-on in year one levels it${y.signOnOffered > 0 ? ` (the offer has ${formatMoney(y.signOnOffered, c)})` : ''}.`
        : `The offer's ${formatMoney(y.signOnOffered, c)} sign-on already covers it.`);
    const laid = layout(ctx, [{ text: 'Year one: ', face: 'bold' }, { text }], small, ctx.width);
    ensureSpace(ctx, laid.height);
    tagged(ctx, 'P', () => drawLines(ctx, laid));
    ctx.y += 8;
  }
}

/** What `::email` needs at the foot of a page to start there: its subject and the first lines of the draft. */
export function emailHeadHeight(ctx: RenderContext): number {
  const note = layout(ctx, [{ text: 'Subject: ', face: 'bold' }, { text: ctx.brief.email.subject }], style('paragraph', ctx.colors), ctx.width);
  return note.height + 40;
}

/** `::email` — the counter-offer draft, as `offerbrief draft` prints it. */
export function drawEmail(ctx: RenderContext): void {
  const email = ctx.brief.email;
  const small = style('small', ctx.colors);
  const note = layout(ctx, [{ text: 'Subject: ', face: 'bold' }, { text: email.subject }], style('paragraph', ctx.colors), ctx.width);
  ensureSpace(ctx, emailHeadHeight(ctx));
  tagged(ctx, 'P', () => drawLines(ctx, note));
  ctx.y += 4;
  drawBlocks(ctx, parseMarkdown(email.markdown).children);
  const hint = layout(ctx, [{ text: 'It holds no floor and no gap: those stay with you. ' }, { text: 'offerbrief draft', face: 'mono' }, { text: ' prints it as text.' }], small, ctx.width);
  ensureSpace(ctx, hint.height);
  tagged(ctx, 'P', () => drawLines(ctx, hint));
  ctx.y += 6;
}

/** `::offers-chart` — the offer, the target and each competing offer side by side: year one and the annual average. */
export function drawOffersChart(ctx: RenderContext): void {
  const { brief, doc, colors } = ctx;
  const c = brief.currency;
  const rows = brief.offers;
  const label = style('chartLabel', colors);
  const rowHeight = 24;
  const legend = 16;
  const height = rows.length * rowHeight + legend + 18;
  ensureSpace(ctx, height);
  const top = ctx.y;
  const labelWidth = 120;
  const valueText = (row: (typeof rows)[number]) => `${formatMoney(row.average, c)}/yr${row.yearOne !== null ? ` · Y1 ${formatMoney(row.yearOne, c)}` : ''}`;
  // The values column is as wide as its longest text ("CHF 230K/yr · Y1 CHF 230K" stays inside the margin).
  doc.font('regular').fontSize(label.size);
  const valueWidth = Math.max(70, ...rows.map((r) => doc.widthOfString(valueText(r)) + 8));
  const plotLeft = ctx.left + labelWidth;
  const plotWidth = ctx.width - labelWidth - valueWidth;
  const max = Math.max(1, ...rows.flatMap((r) => [r.average, r.yearOne ?? 0]));
  const x = (value: number) => plotLeft + (value / max) * plotWidth;
  const colorOf = (kind: string) => (kind === 'target' ? colors.accent : kind === 'offer' ? colors.offer : colors.competing);
  artifact(ctx, () => {
    rows.forEach((row, i) => {
      const y = top + i * rowHeight;
      doc.rect(plotLeft, y + 3, Math.max(1, x(row.average) - plotLeft), 7).fill(colorOf(row.kind));
      if (row.yearOne !== null) doc.rect(plotLeft, y + 12, Math.max(1, x(row.yearOne) - plotLeft), 5).fillOpacity(0.45).fill(colorOf(row.kind)).fillOpacity(1);
    });
  });
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    paint(ctx, 'P', () => {
      // The company, cut to its column; drawn as laid-out text so a name in any script prints.
      const name = fittedLine(ctx, { text: row.label, face: 'bold', color: colors.text }, label, labelWidth - 8);
      doc.font('bold').fontSize(label.size);
      drawLine(ctx, name.lines[0]!, name, ctx.left, y + 4 - (name.lineHeight - doc.currentLineHeight()) / 2);
      doc.font('regular').fontSize(label.size);
      fillColorFast(doc, colors.muted);
      drawText(doc, valueText(row), ctx.left + ctx.width - valueWidth + 4, y + 4);
    });
  });
  const ly = top + rows.length * rowHeight + 4;
  paint(ctx, 'P', () => {
    doc.font('regular').fontSize(label.size);
    fillColorFast(doc, colors.muted);
    drawText(doc, 'Thick bar: annual average (the TC the tables use). Thin bar: year one, where known.', plotLeft, ly);
  });
  ctx.y = top + height;
}

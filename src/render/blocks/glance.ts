import type { RenderContext } from '../context.js';
import { artifact, container, ensureSpace, once, tagged } from '../context.js';
import { formatGap, formatMoney, formatRange } from '../format.js';
import { restyle, style, type TextStyle } from '../styles.js';
import { drawTable, tableHeadHeight, type TableSpec } from '../table.js';
import { drawLine, drawLines, layout, type Run } from '../text.js';

interface Card {
  label: string;
  value: string;
  detail: string;
  color?: string;
}

function cards(ctx: RenderContext): Card[] {
  const { brief, colors } = ctx;
  const c = brief.currency;
  const m = (n: number) => formatMoney(n, c);
  const split = (p: { base: number; annualEquity: number; bonus: number }) =>
    [`${m(p.base)} base`, p.annualEquity ? `${m(p.annualEquity)}/yr equity` : '', p.bonus ? `${m(p.bonus)} bonus` : ''].filter(Boolean).join(' + ');
  const list: Card[] = [
    { label: 'TARGET · TOTAL COMP', value: m(brief.target.totalComp), detail: split(brief.target), color: colors.accent },
    { label: 'WALK-AWAY FLOOR', value: m(brief.floor.totalComp), detail: split(brief.floor), color: colors.floor },
  ];
  const offer = brief.offer;
  if (offer) {
    const where = offer.belowFloor > 0 ? `below your floor by ${m(offer.belowFloor)}` : offer.position.totalComp.text;
    const extras = [offer.signOn > 0 ? `+ ${m(offer.signOn)} sign-on (once)` : '', offer.conversion ? `from ${offer.conversion.note.split(' ≈ ')[0]}` : ''].filter(Boolean);
    list.push({
      label: 'OFFER ON THE TABLE',
      value: `${offer.conversion ? '≈ ' : ''}${m(offer.totalComp)}`,
      detail: [where, ...extras].join('; '),
      ...(offer.belowFloor > 0 ? { color: colors.floor } : {}),
    });
    const parts = [
      `base ${formatGap(offer.gaps.base, c)}`,
      brief.band.equity || offer.gaps.annualEquity !== 0 ? `equity ${formatGap(offer.gaps.annualEquity, c)}/yr` : '',
      brief.band.bonus || offer.gaps.bonus !== 0 ? `bonus ${formatGap(offer.gaps.bonus, c)}` : '',
    ].filter(Boolean).join(', ');
    if (brief.ask.mode === 'at-band-top') {
      list.push({ label: 'AT THE BAND’S TOP', value: 'Non-cash', detail: `every part is at or above the top: ask for ${brief.ask.nonCash.join(', ')}` });
    } else if (brief.ask.mode === 'meets-target') {
      list.push({ label: 'MEETS THE GUIDE’S TARGET', value: formatGap(offer.gaps.totalComp, c), detail: `to the band’s top: ${parts}` });
    } else {
      list.push({ label: 'GAP TO TARGET', value: formatGap(offer.gaps.totalComp, c), detail: parts });
    }
  } else {
    list.push({ label: `BAND · ${brief.region.toUpperCase()}`, value: formatRange(brief.band.totalComp, c), detail: 'total comp, low to high end' });
    const best = brief.competing.best;
    list.push({ label: 'BEST COMPETING OFFER', value: best ? m(best.totalComp) : '—', detail: best ? best.company : 'none on file' });
  }
  return list;
}

/** The numbers table: band, floor, target, offer and gap per component. */
function buildNumbersTable(ctx: RenderContext): TableSpec {
  const { brief } = ctx;
  const m = (n: number) => formatMoney(n, brief.currency);
  const b = brief.band;
  const offer = brief.offer;
  const columns: TableSpec['columns'] = [
    { header: [{ text: '' }], share: 1.25 },
    { header: [{ text: `Band · ${brief.region}` }], share: 1.6, align: 'right' },
    { header: [{ text: 'Floor' }], share: 1, align: 'right' },
    { header: [{ text: 'Target' }], share: 1, align: 'right' },
  ];
  if (offer) columns.push({ header: [{ text: 'Offer' }], share: 1, align: 'right' }, { header: [{ text: 'Gap to target' }], share: 1.1, align: 'right' });
  const row = (label: string, band: string, floor: number, target: number, off?: number, gap?: number, bold = false) => {
    const face = bold ? ('bold' as const) : undefined;
    const cells: Run[][] = [[{ text: label, face: 'bold' }], [{ text: band, face }], [{ text: m(floor), face }], [{ text: m(target), face, color: ctx.colors.accent }]];
    if (offer) cells.push([{ text: off === undefined ? '—' : `${offer.conversion ? '≈ ' : ''}${m(off)}`, face }], [{ text: gap === undefined ? '—' : formatGap(gap, brief.currency), face }]);
    return { cells };
  };
  const equityBand = b.equity ? `${formatRange({ low: b.equity.annualLow, high: b.equity.annualHigh }, brief.currency)}/yr` : '—';
  const hasBonus = b.bonus !== null || brief.target.bonus !== 0 || brief.floor.bonus !== 0 || (offer?.bonus ?? 0) !== 0;
  const hasEquity = b.equity !== null || brief.target.annualEquity !== 0 || (offer?.annualEquity ?? 0) !== 0;
  const bonusBand = b.bonusPercent
    ? `${formatRange(b.bonus ?? { low: 0, high: 0 }, brief.currency)} (${b.bonusPercent.low}–${b.bonusPercent.high}%)`
    : b.bonus ? formatRange(b.bonus, brief.currency) : '—';
  return {
    columns,
    rows: [
      row('Base', formatRange(b.base, brief.currency), brief.floor.base, brief.target.base, offer?.base, offer?.gaps.base),
      ...(hasEquity ? [row('Equity per year', equityBand, brief.floor.annualEquity, brief.target.annualEquity, offer?.annualEquity, offer?.gaps.annualEquity)] : []),
      ...(hasBonus ? [row('Bonus', bonusBand, brief.floor.bonus, brief.target.bonus, offer?.bonus, offer?.gaps.bonus)] : []),
      row('Total comp', formatRange(b.totalComp, brief.currency), brief.floor.totalComp, brief.target.totalComp, offer?.totalComp, offer?.gaps.totalComp, true),
      ...(offer && offer.signOn > 0 ? [signOnRow(ctx, columns.length)] : []),
    ],
  };
}

/** The numbers table, built once per pass (measured for the heading above it, then drawn). */
const numbersTable = (ctx: RenderContext): TableSpec => once(ctx, buildNumbersTable, ctx);

/** The one-time sign-on, beside total comp (never inside it). */
function signOnRow(ctx: RenderContext, columns: number): { cells: Run[][] } {
  const offer = ctx.brief.offer!;
  const cells: Run[][] = [[{ text: 'Sign-on (once)', face: 'bold' }]];
  for (let i = 1; i < columns; i += 1) cells.push([{ text: '' }]);
  cells[columns - 2] = [{ text: `${offer.conversion ? '≈ ' : ''}${formatMoney(offer.signOn, ctx.brief.currency)}` }];
  cells[columns - 1] = [{ text: 'not in TC' }];
  return { cells };
}

/** The ask in one or two sentences under the table: the mode's summary, money beyond the band, a conversion. */
function askNotes(ctx: RenderContext): Run[][] {
  const { brief } = ctx;
  const c = brief.currency;
  const notes: Run[][] = [[{ text: 'In short: ', face: 'bold' }, { text: brief.ask.summary }]];
  if (brief.competing.aboveBand > 0 && brief.competing.best) {
    notes.push([
      { text: 'Beyond the band: ', face: 'bold' },
      { text: `your best offer (${brief.competing.best.company}) is ${formatMoney(brief.competing.aboveBand, c)} a year above what this band pays; argue it as the next level (see the level mapping) or a sign-on, not as base or equity.` },
    ]);
  }
  if (brief.offer?.conversion) {
    notes.push([{ text: 'Converted: ', face: 'bold' }, { text: `the offer is in ${brief.offer.currency}: ${brief.offer.conversion.note}. Amounts marked ≈ are converted.` }]);
  }
  return notes;
}

/** Height `::at-a-glance` needs to start on a page (the cards and the table's first rows). */
export function glanceHeadHeight(ctx: RenderContext): number {
  return measureCards(ctx).height + 10 + tableHeadHeight(ctx, numbersTable(ctx));
}

/** The value on one line: the style's size, or smaller (down to 9 pt) when it is too wide. */
function fitOneLine(ctx: RenderContext, text: string, color: string | undefined, base: TextStyle, width: number) {
  for (let size = base.size; size > 9; size -= 0.5) {
    const laid = layout(ctx, [{ text, color }], restyle(base, { size }), width);
    if (laid.lines.length === 1) return laid;
  }
  return layout(ctx, [{ text, color }], restyle(base, { size: 9 }), width);
}

function measureCards(ctx: RenderContext) {
  const list = cards(ctx);
  const gap = 8;
  const width = (ctx.width - gap * (list.length - 1)) / list.length;
  const inner = width - 14;
  const labelStyle = style('glanceLabel', ctx.colors);
  const valueStyle = style('glanceValue', ctx.colors);
  const detailStyle = style('small', ctx.colors);
  // Every card's value in the same size: the largest that fits each on one line.
  const size = Math.min(...list.map((card) => fitOneLine(ctx, card.value, card.color, valueStyle, inner).style.size));
  const laid = list.map((card) => ({
    card,
    label: layout(ctx, [{ text: card.label, face: 'bold' }], labelStyle, inner),
    value: layout(ctx, [{ text: card.value, color: card.color }], restyle(valueStyle, { size }), inner),
    detail: layout(ctx, [{ text: card.detail }], detailStyle, inner),
  }));
  const height = Math.max(...laid.map((c) => 7 + c.label.height + 1 + c.value.height + 1 + c.detail.height + 6));
  return { laid, gap, width, height };
}

/** `::at-a-glance` — four figure cards (target, floor, offer, gap) and the numbers table. */
export function drawGlance(ctx: RenderContext, attributes: Record<string, string> = {}): void {
  ensureSpace(ctx, glanceHeadHeight(ctx));
  const { laid, gap, width, height } = measureCards(ctx);
  const y = ctx.y;
  artifact(ctx, () => {
    laid.forEach(({ card }, i) => {
      const x = ctx.left + i * (width + gap);
      ctx.doc.roundedRect(x, y, width, height, 3).fill(ctx.colors.headerFill);
      ctx.doc.rect(x, y, 2.5, height).fill(card.color ?? ctx.colors.text);
    });
  });
  laid.forEach(({ label, value, detail }, i) => {
    const x = ctx.left + i * (width + gap) + 9;
    container(ctx, 'Div', () => {
      let cy = y + 7;
      for (const part of [label, value, detail]) {
        const top = cy;
        tagged(ctx, 'P', () => part.lines.forEach((line, k) => drawLine(ctx, line, part, x, top + k * part.lineHeight)));
        cy += part.height + 1;
      }
    });
  });
  ctx.y = y + height + 10;
  drawTable(ctx, numbersTable(ctx));
  ctx.y += 4;
  const small = style('small', ctx.colors);
  // `notes=none` (the one-page summary): the ask line above already says it.
  for (const runs of attributes.notes === 'none' ? [] : askNotes(ctx)) {
    const laid = layout(ctx, runs, small, ctx.width);
    ensureSpace(ctx, laid.height);
    tagged(ctx, 'P', () => drawLines(ctx, laid));
    ctx.y += 3;
  }
  ctx.y += 7;
}

import type { RenderContext } from '../context.js';
import { ensureSpace, paint } from '../context.js';
import { formatMoney, formatRange } from '../format.js';
import { mix, restyle, style } from '../styles.js';
import { drawLine, layout } from '../text.js';

type Marker = 'floor' | 'target' | 'offer' | 'competing';

interface ChartRow {
  label: string;
  low: number;
  high: number;
  markers: Array<{ kind: Marker; value: number }>;
}

const ROW_HEIGHT = 40;
/** An amount beyond this multiple of the band's top is drawn clamped at the axis end, with its value. */
const OUTLIER = 1.6;
const LABEL_WIDTH = 104;
const AXIS_HEIGHT = 20;
const LEGEND_HEIGHT = 18;

function rows(ctx: RenderContext): ChartRow[] {
  const { brief } = ctx;
  const band = brief.band;
  const offer = brief.offer;
  const list: ChartRow[] = [
    {
      label: 'Base salary',
      low: band.base.low,
      high: band.base.high,
      markers: [
        { kind: 'floor', value: brief.floor.base },
        { kind: 'target', value: brief.target.base },
        ...(offer ? [{ kind: 'offer' as const, value: offer.base }] : []),
      ],
    },
  ];
  if (band.equity) {
    list.push({
      label: 'Equity per year',
      low: band.equity.annualLow,
      high: band.equity.annualHigh,
      markers: [
        { kind: 'floor', value: brief.floor.annualEquity },
        { kind: 'target', value: brief.target.annualEquity },
        ...(offer ? [{ kind: 'offer' as const, value: offer.annualEquity }] : []),
      ],
    });
  }
  list.push({
    label: 'Total comp',
    low: band.totalComp.low,
    high: band.totalComp.high,
    markers: [
      { kind: 'floor', value: brief.floor.totalComp },
      { kind: 'target', value: brief.target.totalComp },
      ...(offer ? [{ kind: 'offer' as const, value: offer.totalComp }] : []),
      ...(brief.competing.best ? [{ kind: 'competing' as const, value: brief.competing.best.totalComp }] : []),
    ],
  });
  return list;
}

/** An axis maximum and tick step with 4 to 8 round ticks. */
export function niceAxis(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => max / s <= 7) ?? 10 * power;
  return { max: Math.ceil(max / step) * step, step };
}

interface Geometry {
  x0: number;
  x1: number;
  clampX: number;
  axis: { max: number; step: number };
  clamped: boolean;
  xOf: (v: number) => number;
  /** Per row: the vertical offset of each marker (fanned out when markers meet), and the row's height. */
  rows: Array<{ row: ChartRow; dy: number[]; up: number; down: number; height: number }>;
  plotHeight: number;
}

/** Where everything of the chart goes, before anything is drawn (its height is known up front). */
function geometry(ctx: RenderContext): Geometry {
  const list = rows(ctx);
  const x0 = ctx.left + LABEL_WIDTH;
  const x1 = ctx.left + ctx.width - 12;
  // An outlier (an offer far above every band) would squeeze the bands: it is clamped at the axis end.
  const bandTop = Math.max(...list.map((r) => r.high));
  const inRange = list.flatMap((r) => [r.high, ...r.markers.map((m) => m.value).filter((v) => v <= bandTop * OUTLIER)]);
  const clamped = list.some((r) => r.markers.some((m) => m.value > bandTop * OUTLIER));
  const axis = niceAxis(Math.max(...inRange) * 1.04);
  const clampX = x1 - 4;
  const xOf = (v: number) => (v > axis.max ? clampX : x0 + (Math.max(0, v) / axis.max) * (x1 - x0));
  const order: Marker[] = ['floor', 'target', 'competing', 'offer'];
  const planned = list.map((row) => {
    row.markers.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    // Markers closer than their size are fanned out vertically so none hides another.
    const placed: Array<{ x: number; dy: number }> = [];
    const dy = row.markers.map((m) => {
      if (m.kind === 'floor') return 0;
      const x = xOf(m.value);
      const used = new Set(placed.filter((p) => Math.abs(p.x - x) < 9).map((p) => p.dy));
      const d = [0, 8, -8].find((v) => !used.has(v)) ?? 0;
      placed.push({ x, dy: d });
      return d;
    });
    const up = Math.min(0, ...dy);
    const down = Math.max(0, ...dy);
    return { row, dy, up, down, height: ROW_HEIGHT - up + down };
  });
  return { x0, x1, clampX, axis, clamped, xOf, rows: planned, plotHeight: planned.reduce((a, r) => a + r.height, 0) };
}

/** Height of the chart for this brief. */
export function chartHeight(ctx: RenderContext): number {
  return geometry(ctx).plotHeight + AXIS_HEIGHT + LEGEND_HEIGHT + 10;
}

function describe(ctx: RenderContext, list: ChartRow[]): string {
  const c = ctx.brief.currency;
  const names: Record<Marker, string> = { floor: 'floor', target: 'target', offer: 'offer', competing: 'best competing offer' };
  return `Band chart for ${ctx.brief.region}. ` + list
    .map((r) => `${r.label}: band ${formatRange({ low: r.low, high: r.high }, c)}; ${r.markers.map((m) => `${names[m.kind]} ${formatMoney(m.value, c)}`).join(', ')}.`)
    .join(' ');
}

function drawMarker(ctx: RenderContext, kind: Marker, x: number, cy: number): void {
  const doc = ctx.doc;
  const { colors } = ctx;
  doc.save();
  switch (kind) {
    case 'floor':
      doc.rect(x - 1.25, cy - 8, 2.5, 16).fill(colors.floor);
      break;
    case 'target':
      doc.polygon([x, cy - 6.5], [x + 6.5, cy], [x, cy + 6.5], [x - 6.5, cy]).lineWidth(1).fillAndStroke(colors.accent, '#ffffff');
      break;
    case 'offer':
      doc.circle(x, cy, 4.5).lineWidth(1).fillAndStroke(colors.offer, '#ffffff');
      break;
    case 'competing':
      doc.polygon([x - 5.5, cy - 5], [x + 5.5, cy - 5], [x, cy + 4]).lineWidth(0.8).fillAndStroke(colors.competing, '#ffffff');
      break;
  }
  doc.restore();
}

interface ValueLabel {
  kind: Marker;
  text: string;
  /** The marker's x; the label is centred on it unless that collides. */
  at: number;
  width: number;
  x: number;
}

/**
 * Places labels of one lane left to right without overlap, within [min, max]: each starts centred on
 * its marker and is pushed aside as little as needed (a leader line then joins it to its marker).
 */
export function placeLabels(labels: ValueLabel[], min: number, max: number, gap = 4): void {
  labels.sort((a, b) => a.at - b.at);
  for (const l of labels) l.x = Math.min(Math.max(l.at - l.width / 2, min), max - l.width);
  for (let i = 1; i < labels.length; i++) {
    const prev = labels[i - 1]!;
    labels[i]!.x = Math.max(labels[i]!.x, prev.x + prev.width + gap);
  }
  for (let i = labels.length - 1; i >= 0; i--) {
    const next = labels[i + 1];
    const limit = next ? next.x - gap : max;
    if (labels[i]!.x + labels[i]!.width > limit) labels[i]!.x = limit - labels[i]!.width;
  }
}

/** `::band-chart` — range bars for base, annual equity and total comp with labelled markers, an axis and a legend. */
export function drawChart(ctx: RenderContext): void {
  const list = rows(ctx);
  const height = chartHeight(ctx);
  ensureSpace(ctx, height);
  const { doc, colors, brief } = ctx;
  const top = ctx.y;
  const g = geometry(ctx);
  const { x0, x1, clampX, axis, clamped, xOf } = g;
  const labelStyle = style('tableHeader', colors);
  const small = style('chartLabel', colors);
  const valueStyle = restyle(small, { face: 'bold', size: Math.min(small.size, 7) });
  const markerColor: Record<Marker, string> = { floor: colors.floor, target: colors.accent, offer: colors.offer, competing: colors.competing };

  // All painting: the chart's height is known before.
  paint(ctx, 'Figure', () => {
    // Grid and axis.
    const plotBottom = top + g.plotHeight;
    for (let v = 0; v <= axis.max + axis.step / 1000; v += axis.step) {
      const x = x0 + (v / axis.max) * (x1 - x0);
      if (clamped && x > clampX - 14) continue;
      doc.moveTo(x, top).lineTo(x, plotBottom).lineWidth(0.4).strokeColor(v === 0 ? colors.muted : colors.rule).stroke();
      const text = formatMoney(v, brief.currency);
      const l = layout(ctx, [{ text }], small, 60);
      const line = l.lines[0];
      if (line) drawLine(ctx, line, l, Math.min(Math.max(x - line.width / 2, ctx.left), ctx.left + ctx.width - line.width), plotBottom + 4);
    }
    if (clamped) {
      // A broken axis: two slashes before the clamped end.
      const bx = clampX - 8;
      doc.save();
      doc.moveTo(bx - 3, plotBottom + 3).lineTo(bx, plotBottom - 3).moveTo(bx + 1, plotBottom + 3).lineTo(bx + 4, plotBottom - 3).lineWidth(0.8).strokeColor(colors.muted).stroke();
      doc.restore();
    }
    let rowTop = top;
    for (const { row, dy, up, down, height: rowHeight } of g.rows) {
      const cy = rowTop - up + ROW_HEIGHT / 2;
      rowTop += rowHeight;
      const name = layout(ctx, [{ text: row.label }], labelStyle, LABEL_WIDTH - 8);
      const range = layout(ctx, [{ text: formatRange({ low: row.low, high: row.high }, brief.currency) }], small, LABEL_WIDTH - 8);
      if (name.lines[0]) drawLine(ctx, name.lines[0], name, ctx.left, cy - name.lineHeight + 1);
      if (range.lines[0]) drawLine(ctx, range.lines[0], range, ctx.left, cy + 1);
      const bx = xOf(row.low);
      const bw = Math.max(2, xOf(row.high) - bx);
      doc.save();
      doc.roundedRect(bx, cy - 5.5, bw, 11, 2).lineWidth(0.8).fillAndStroke(mix(colors.accent, '#ffffff', 0.62), colors.accent);
      doc.restore();
      // Floor first: its tall bar stays visible behind a marker drawn on the same spot.
      row.markers.forEach((m, k) => drawMarker(ctx, m.kind, xOf(m.value), cy + dy[k]!));
      // Value labels: floor and target above the bar, offer and competing below.
      const lanes: Array<{ kinds: Marker[]; y: number }> = [
        { kinds: ['floor', 'target'], y: cy - 9 + up - valueStyle.size * valueStyle.leading },
        { kinds: ['offer', 'competing'], y: cy + 9 + down },
      ];
      for (const lane of lanes) {
        const labels: ValueLabel[] = row.markers
          .filter((m) => lane.kinds.includes(m.kind))
          .map((m) => {
            const text = `${formatMoney(m.value, brief.currency)}${m.value > axis.max ? ' ▸' : ''}`;
            const at = xOf(m.value);
            return { kind: m.kind, text, at, width: layout(ctx, [{ text }], valueStyle, 200).lines[0]?.width ?? 0, x: at };
          });
        placeLabels(labels, x0 + 2, ctx.left + ctx.width);
        for (const l of labels) {
          const laid = layout(ctx, [{ text: l.text, color: markerColor[l.kind] }], valueStyle, 200);
          const line = laid.lines[0];
          if (!line) continue;
          const centre = l.x + l.width / 2;
          if (Math.abs(centre - l.at) > 3) {
            // Leader line from the marker to its label, pushed aside.
            const from = lane.y < cy ? cy + up - 6 : cy + down + 6;
            const to = lane.y < cy ? lane.y + laid.lineHeight - 1 : lane.y + 1;
            doc.save();
            doc.moveTo(l.at, from).lineTo(centre, to).lineWidth(0.5).strokeColor(markerColor[l.kind]).stroke();
            doc.restore();
          }
          drawLine(ctx, line, laid, l.x, lane.y);
        }
      }
    }

    // Legend: only what is drawn.
    const present = new Set(list.flatMap((r) => r.markers.map((m) => m.kind)));
    const items: Array<{ kind: Marker | 'band'; label: string }> = [{ kind: 'band', label: `Band, ${brief.region}` }];
    if (present.has('floor')) items.push({ kind: 'floor', label: 'Floor' });
    if (present.has('target')) items.push({ kind: 'target', label: 'Target' });
    if (present.has('offer')) items.push({ kind: 'offer', label: 'Offer' });
    if (present.has('competing')) items.push({ kind: 'competing', label: `Best competing (${brief.competing.best?.company ?? ''})` });
    let lx = ctx.left;
    const ly = plotBottom + AXIS_HEIGHT + 8;
    for (const item of items) {
      if (item.kind === 'band') {
        doc.save();
        doc.roundedRect(lx, ly - 4, 16, 8, 2).lineWidth(0.8).fillAndStroke(mix(colors.accent, '#ffffff', 0.62), colors.accent);
        doc.restore();
        lx += 20;
      } else {
        drawMarker(ctx, item.kind, lx + 6, ly);
        lx += 15;
      }
      const l = layout(ctx, [{ text: item.label }], small, 200);
      const line = l.lines[0];
      if (line) {
        drawLine(ctx, line, l, lx, ly - l.lineHeight / 2);
        lx += line.width + 14;
      }
    }
  }, { alt: describe(ctx, list) });
  ctx.y = top + height + 4;
}

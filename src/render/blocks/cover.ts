import type { RenderContext } from '../context.js';
import { artifact, tagged } from '../context.js';
import { formatLongDate } from '../format.js';
import { style } from '../styles.js';
import { drawLines, layout } from '../text.js';

/** `::cover` — the title block: role, company, candidate, region and date. */
export function drawCover(ctx: RenderContext): void {
  const { brief, colors } = ctx;
  const kicker = style('small', colors);
  const k = layout(ctx, [{ text: 'NEGOTIATION BRIEF  ·  CONFIDENTIAL', face: 'bold', color: colors.accent }], kicker, ctx.width);
  tagged(ctx, 'P', () => drawLines(ctx, k));
  ctx.y += 3;

  const title = style('title', colors);
  const t = layout(ctx, [{ text: `${brief.guide.role} at ${brief.guide.company}` }], title, ctx.width);
  tagged(ctx, 'H1', () => drawLines(ctx, t));
  ctx.y += title.spaceAfter;

  const sub = style('subtitle', colors);
  const parts = [`Prepared for ${brief.candidate.name}`, brief.region];
  if (ctx.date) parts.push(formatLongDate(ctx.date));
  const s = layout(ctx, [{ text: parts.join('  ·  ') }], sub, ctx.width);
  tagged(ctx, 'P', () => drawLines(ctx, s));
  if (brief.guide.tags.length) {
    const tags = layout(ctx, [{ text: brief.guide.tags.join('  |  ') }], style('small', colors), ctx.width);
    ctx.y += 1;
    tagged(ctx, 'P', () => drawLines(ctx, tags));
  }
  const y = ctx.y + 6;
  artifact(ctx, () => {
    ctx.doc.moveTo(ctx.left, y).lineTo(ctx.left + ctx.width, y).lineWidth(1.5).strokeColor(colors.accent).stroke();
  });
  ctx.y = y + 12;
}

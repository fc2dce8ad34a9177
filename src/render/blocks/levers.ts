import type { RenderContext } from '../context.js';
import { container, newPage, tagged } from '../context.js';
import { style } from '../styles.js';
import { drawLines, headHeight, layout } from '../text.js';
import { firstSentence, segmentRuns } from './segments.js';

/** `::levers` — the guide's levers, numbered, with slots filled for the candidate (`style=compact`: first sentence only). */
export function drawLevers(ctx: RenderContext, attributes: Record<string, string>): void {
  const s = style('listItem', ctx.colors);
  const compact = attributes.style === 'compact';
  if (ctx.brief.levers.length === 0) {
    const laid = layout(ctx, [{ text: 'The guide lists no levers.' }], style('paragraph', ctx.colors), ctx.width);
    tagged(ctx, 'P', () => drawLines(ctx, laid));
    ctx.y += 6;
    return;
  }
  const labelWidth = 16;
  container(ctx, 'L', () => {
    ctx.brief.levers.forEach((lever, i) => {
      const segments = compact ? firstSentence(lever.segments) : lever.segments;
      const runs = [{ text: `${lever.name}${compact ? ' — ' : '\n'}`, face: 'bold' as const }, ...segmentRuns(ctx, segments)];
      const laid = layout(ctx, runs, s, ctx.width - labelWidth);
      if (ctx.y + headHeight(laid, 3) > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
      const y = ctx.y;
      container(ctx, 'LI', () => {
        tagged(ctx, 'Lbl', () => {
          const label = layout(ctx, [{ text: `${i + 1}.`, face: 'bold', color: ctx.colors.accent }], s, labelWidth);
          if (label.lines[0]) drawLinesAt(ctx, label, y);
        });
        tagged(ctx, 'LBody', () => drawLines(ctx, laid, ctx.left + labelWidth));
      });
      ctx.y += compact ? 3 : 7;
    });
  });
  ctx.y += 4;
}

function drawLinesAt(ctx: RenderContext, laid: ReturnType<typeof layout>, y: number): void {
  const saved = ctx.y;
  ctx.y = y;
  drawLines(ctx, laid);
  ctx.y = saved;
}

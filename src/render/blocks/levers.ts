import type { RenderContext } from '../context.js';
import { container, newPage, paint, tagged } from '../context.js';
import { style } from '../styles.js';
import { drawLines, headHeight, layout, type Run } from '../text.js';
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
      const limit = compact ? ctx.colors.fit.leverChars : 0;
      const runs = [{ text: `${lever.name}${compact ? ' — ' : '\n'}`, face: 'bold' as const }, ...shortened(segmentRuns(ctx, segments), limit)];
      const laid = layout(ctx, runs, s, ctx.width - labelWidth);
      if (ctx.y + headHeight(laid, 3) > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
      const y = ctx.y;
      container(ctx, 'LI', () => {
        paint(ctx, 'Lbl', () => {
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

/**
 * Runs cut after about `limit` characters at a word, ending in "…" (fitting a one-page brief; the
 * full brief keeps the whole text). 0 keeps everything.
 */
function shortened(runs: Run[], limit: number): Run[] {
  if (limit <= 0) return runs;
  const out: Run[] = [];
  let used = 0;
  for (const run of runs) {
    if (used + run.text.length <= limit) {
      out.push(run);
      used += run.text.length;
      continue;
    }
    const room = limit - used;
    const cut = run.text.slice(0, room + 1).replace(/\s+\S*$/, '');
    // A filled slot or a number is never cut in the middle: it goes whole or not at all.
    if (run.face === 'bold' || cut === '') {
      if (out.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, text: `${out[out.length - 1]!.text.replace(/[\s,;:—–-]+$/, '')}…` };
      return out;
    }
    out.push({ ...run, text: `${cut.replace(/[\s,;:—–-]+$/, '')}…` });
    return out;
  }
  return out;
}

function drawLinesAt(ctx: RenderContext, laid: ReturnType<typeof layout>, y: number): void {
  const saved = ctx.y;
  ctx.y = y;
  drawLines(ctx, laid);
  ctx.y = saved;
}

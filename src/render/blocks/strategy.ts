import type { RenderContext } from '../context.js';
import { ensureSpace, tagged } from '../context.js';
import { style } from '../styles.js';
import { drawLines, headHeight, layout } from '../text.js';
import { withBar } from './markdown.js';
import { segmentRuns } from './segments.js';

/** `::strategy` — the script to say on the call, numbers recomputed for the candidate, slots filled. */
export function drawStrategy(ctx: RenderContext, attributes: Record<string, string> = {}): void {
  const s = style('quote', ctx.colors);
  const indent = 14;
  const laid = layout(ctx, segmentRuns(ctx, ctx.brief.script, 'italic'), s, ctx.width - indent);
  ensureSpace(ctx, headHeight(laid, 3));
  withBar(ctx, ctx.left + 2, () => {
    tagged(ctx, 'BlockQuote', () => drawLines(ctx, laid, ctx.left + indent));
  });
  ctx.y += s.spaceAfter;
  const raised = ctx.brief.competing.raisedTarget;
  if (raised && attributes.notes !== 'none') {
    const note = layout(ctx, [{ text: 'Why the target moved: ', face: 'bold' }, { text: raised }], style('small', ctx.colors), ctx.width);
    tagged(ctx, 'P', () => drawLines(ctx, note));
    ctx.y += 6;
  }
}

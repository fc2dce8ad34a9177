import type { PhrasingContent } from 'mdast';
import type { RenderContext } from '../context.js';
import { container, newPage, paint, tagged } from '../context.js';
import { drawText, fillColorFast } from '../fasttext.js';
import { formatMoney, formatRange } from '../format.js';
import { style } from '../styles.js';
import { drawLines, headHeight, layout, type Run } from '../text.js';
import { inlineRuns } from './markdown.js';
import { parseMarkdown } from './sections.js';

/** A bulleted list of runs, tagged L > LI > Lbl/LBody. */
export function drawRunList(ctx: RenderContext, items: Run[][]): void {
  const s = style('listItem', ctx.colors);
  const labelWidth = 11;
  container(ctx, 'L', () => {
    for (const runs of items) {
      const laid = layout(ctx, runs, s, ctx.width - labelWidth);
      if (ctx.y + headHeight(laid) > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
      const y = ctx.y;
      container(ctx, 'LI', () => {
        paint(ctx, 'Lbl', () => {
          ctx.doc.font('regular').fontSize(s.size);
          fillColorFast(ctx.doc, ctx.colors.accent);
          drawText(ctx.doc, '•', ctx.left + 1, y + (laid.lineHeight - ctx.doc.currentLineHeight()) / 2);
        });
        tagged(ctx, 'LBody', () => drawLines(ctx, laid, ctx.left + labelWidth));
      });
      ctx.y += s.spaceAfter;
    }
  });
  ctx.y += 5;
}

function sentence(ctx: RenderContext, runs: Run[], styleName: 'paragraph' | 'small' = 'paragraph'): void {
  const s = style(styleName, ctx.colors);
  const laid = layout(ctx, runs, s, ctx.width);
  if (ctx.y + headHeight(laid) > ctx.bottom && ctx.y > ctx.top) newPage(ctx);
  tagged(ctx, 'P', () => drawLines(ctx, laid));
  ctx.y += s.spaceAfter;
}

/** `::level-mapping` — the equivalent levels at other companies. */
export function drawLevelMapping(ctx: RenderContext): void {
  const mapping = ctx.brief.levelMapping;
  if (!mapping) return sentence(ctx, [{ text: 'The guide gives no level mapping.' }]);
  // "Own level = Google L4-L5 = Meta IC4-IC5": the first part names the guide's own level.
  const own = mapping.text.split('=')[0]?.trim() ?? '';
  const others = mapping.equivalents.filter((e) => e.trim() !== own);
  if (own && others.length > 0 && mapping.text.includes('=')) {
    sentence(ctx, [{ text: own, face: 'bold' }, { text: ' is levelled like:' }]);
    drawRunList(ctx, others.map((e) => [{ text: e }]));
  } else sentence(ctx, [{ text: mapping.text }]);
}

/** `::sources` — the guide's evidence, links clickable. */
export function drawSources(ctx: RenderContext): void {
  const sources = ctx.brief.sources;
  if (sources.length === 0) return sentence(ctx, [{ text: 'The guide lists no sources.' }]);
  const s = style('listItem', ctx.colors);
  drawRunList(
    ctx,
    sources.map((source) => {
      const first = parseMarkdown(source).children[0];
      return first && first.type === 'paragraph' ? inlineRuns(ctx, first.children as PhrasingContent[], s) : [{ text: source }];
    }),
  );
}

/** `::competing` — the candidate's competing offers, best first: which ones the script quotes, conversions, the guide's range. */
export function drawCompeting(ctx: RenderContext): void {
  const { brief } = ctx;
  const c = brief.currency;
  const offers = brief.competing.offers;
  if (offers.length === 0) sentence(ctx, [{ text: 'No competing offers on file.' }]);
  else {
    const bar = brief.offer ? 'the offer in hand' : 'your floor';
    drawRunList(
      ctx,
      offers.map((o, index) => {
        const amount = o.conversion ? `${o.conversion.note} total comp` : `${formatMoney(o.totalComp, c)} total comp`;
        const status = o.leverage ? (index === 0 ? '  best; quoted in the script' : brief.competing.quoted.includes(o) ? '  quoted in the script' : '') : `  not above ${bar}: not quoted`;
        return [
          { text: o.company, face: 'bold' as const },
          { text: ` — ${amount}` },
          ...(status ? [{ text: status, face: (o.leverage ? 'bold' : 'regular') as 'bold' | 'regular', color: o.leverage ? ctx.colors.competing : ctx.colors.muted }] : []),
        ];
      }),
    );
  }
  if (brief.competing.guideRange) {
    sentence(ctx, [{ text: `The guide puts competing offers for this role at ${formatRange(brief.competing.guideRange, c)} total comp in ${brief.region}.` }], 'small');
  }
}

/** `::unfilled` — the slots still to fill before the call. */
export function drawUnfilled(ctx: RenderContext): void {
  const unfilled = ctx.brief.unfilled;
  if (unfilled.length === 0) return sentence(ctx, [{ text: 'Every slot is filled.' }]);
  sentence(ctx, [{ text: 'Fill these in before the call (add them to the candidate profile under ' }, { text: 'slots', face: 'mono' }, { text: ' to have them printed):' }]);
  drawRunList(
    ctx,
    unfilled.map((u) => [
      { text: `[${u.slot} — to fill]`, face: 'bold' as const, color: ctx.colors.highlightText, background: ctx.colors.highlight },
      { text: `  in ${u.where}` },
    ]),
  );
}

/**
 * `::warnings` — everything the plan flagged (guide warnings, conversions, raised targets, unfilled
 * slots), so a reader sees in the PDF what `plan` says on stderr. `except=unfilled` leaves out the
 * unfilled-slot lines when `::unfilled` lists them just before.
 */
export function drawWarnings(ctx: RenderContext, attributes: Record<string, string> = {}): void {
  const skipSlots = attributes.except === 'unfilled';
  const warnings = ctx.brief.warnings.filter((w) => !(skipSlots && w.startsWith('unfilled slot [')));
  if (warnings.length === 0) return sentence(ctx, [{ text: 'Nothing else to flag.' }], 'small');
  if (attributes.style === 'compact') {
    // All of them when they fit, else a pointer to the full brief.
    const s = style('small', ctx.colors);
    const full = layout(ctx, [{ text: 'Check before the call: ', face: 'bold' }, { text: warnings.join(' · ') }], s, ctx.width);
    const short = layout(ctx, [{ text: 'Check before the call: ', face: 'bold' }, { text: `${warnings.length} warning${warnings.length === 1 ? '' : 's'}, listed in the full brief.` }], s, ctx.width);
    // Always said: a template with maxPages is set tighter until the pointer fits too.
    const laid = ctx.y + full.height <= ctx.bottom ? full : short;
    tagged(ctx, 'P', () => drawLines(ctx, laid));
    ctx.y += s.spaceAfter;
    return;
  }
  drawRunList(ctx, warnings.map((w) => [{ text: w }]));
}

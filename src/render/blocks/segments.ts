import type { Segment } from '../../model/brief.js';
import type { RenderContext } from '../context.js';
import type { FaceName } from '../fonts.js';
import type { Run } from '../text.js';

/**
 * Runs for a lever's or the script's segments: a filled slot is bold in the accent colour, an unfilled
 * one is highlighted as "[TS/SCI/Secret — to fill]", a recomputed number is bold.
 */
export function segmentRuns(ctx: RenderContext, segments: Segment[], face: FaceName = 'regular'): Run[] {
  const bold: FaceName = face === 'italic' || face === 'boldItalic' ? 'boldItalic' : 'bold';
  return segments.map((segment): Run => {
    switch (segment.type) {
      case 'text':
        return { text: segment.text, face };
      case 'number':
        return { text: segment.text, face: bold };
      case 'slot':
        return segment.value !== null
          ? { text: segment.value, face: bold, color: ctx.colors.accent }
          : { text: `[${segment.slot} — to fill]`, face: bold, color: ctx.colors.highlightText, background: ctx.colors.highlight };
    }
  });
}

/** The segments up to the end of their first sentence (for compact levers). */
export function firstSentence(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.type === 'text') {
      const match = /[.!?]["”’)]?(\s|$)/.exec(segment.text);
      if (match) {
        out.push({ type: 'text', text: segment.text.slice(0, match.index + match[0].trimEnd().length) });
        return out;
      }
    }
    out.push(segment);
  }
  return out;
}

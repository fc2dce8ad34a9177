import type { RootContent } from 'mdast';
import { drawBandTable, bandTableHeadHeight } from './blocks/band-table.js';
import { chartHeight, drawChart } from './blocks/chart.js';
import { drawCover } from './blocks/cover.js';
import { drawGlance, glanceHeadHeight } from './blocks/glance.js';
import { drawLevers } from './blocks/levers.js';
import { drawCompeting, drawLevelMapping, drawSources, drawUnfilled, drawWarnings } from './blocks/lists.js';
import type { BlockHooks } from './blocks/markdown.js';
import { drawSections, sectionsHeadHeight } from './blocks/sections.js';
import { drawStrategy } from './blocks/strategy.js';
import { drawAsk, drawEmail, emailHeadHeight, drawOffersChart, drawYears, yearsHeadHeight } from './blocks/offers.js';
import type { RenderContext } from './context.js';
import { newPage } from './context.js';
import { style } from './styles.js';
import type { DirectiveName, DirectiveNode, TemplateNode } from './template.js';

interface DirectiveRenderer {
  draw(ctx: RenderContext, attributes: Record<string, string>): void;
  /** Height needed below a heading placed just before the directive. */
  headHeight(ctx: RenderContext, attributes: Record<string, string>): number;
}

const twoLines = (ctx: RenderContext) => 2 * style('paragraph', ctx.colors).size * style('paragraph', ctx.colors).leading;

/** One renderer per directive block. */
const renderers: Record<DirectiveName, DirectiveRenderer> = {
  cover: { draw: drawCover, headHeight: () => 60 },
  'at-a-glance': { draw: drawGlance, headHeight: glanceHeadHeight },
  'band-chart': { draw: drawChart, headHeight: chartHeight },
  'band-table': { draw: drawBandTable, headHeight: bandTableHeadHeight },
  levers: { draw: drawLevers, headHeight: (ctx) => 3 * style('listItem', ctx.colors).size * style('listItem', ctx.colors).leading },
  strategy: { draw: drawStrategy, headHeight: (ctx) => 3 * style('quote', ctx.colors).size * style('quote', ctx.colors).leading },
  sections: { draw: drawSections, headHeight: sectionsHeadHeight },
  'level-mapping': { draw: drawLevelMapping, headHeight: twoLines },
  sources: { draw: drawSources, headHeight: twoLines },
  competing: { draw: drawCompeting, headHeight: twoLines },
  unfilled: { draw: drawUnfilled, headHeight: twoLines },
  warnings: { draw: drawWarnings, headHeight: twoLines },
  ask: { draw: drawAsk, headHeight: twoLines },
  years: { draw: drawYears, headHeight: yearsHeadHeight },
  'offers-chart': { draw: drawOffersChart, headHeight: (ctx) => ctx.brief.offers.length * 24 + 34 },
  email: { draw: drawEmail, headHeight: emailHeadHeight },
  'page-break': {
    draw: (ctx) => {
      if (ctx.y > ctx.top) newPage(ctx);
    },
    headHeight: () => 0,
  },
};

function asDirective(node: TemplateNode | RootContent): DirectiveNode | null {
  return (node as { type: string }).type === 'directive' ? (node as unknown as DirectiveNode) : null;
}

/** The hooks that let the Markdown renderer draw a template's directive blocks. */
export function directiveHooks(ctx: RenderContext): BlockHooks {
  return {
    draw(node) {
      const directive = asDirective(node);
      if (!directive) return false;
      renderers[directive.name].draw(ctx, directive.attributes);
      return true;
    },
    headHeight(node) {
      const directive = asDirective(node);
      return directive ? renderers[directive.name].headHeight(ctx, directive.attributes) : undefined;
    },
  };
}

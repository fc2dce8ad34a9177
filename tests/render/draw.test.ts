import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { loadBrief } from '../../src/personalize/index.js';
import { draw, measuringDocument } from '../../src/render/draw.js';
import { loadTemplate } from '../../src/render/index.js';
import { chooseFit } from '../../src/render/fit.js';
import { NORMAL_FIT, type Fit } from '../../src/render/styles.js';

// renderBrief chooses the fit from measure-only passes and draws once: those passes must paginate
// exactly as full ones, or a brief would be set with a fit the full pass would not have chosen.
const cwd = fileURLToPath(new URL('../fixtures/batch/', import.meta.url));
const fits: Fit[] = [NORMAL_FIT, { type: 1, space: 0.75, leverChars: 0 }, { type: 1, space: 0.45, leverChars: 0 }, { type: 1, space: 1.4, leverChars: 0 }, { type: 0.86, space: 0.45, leverChars: 140 }, { type: 0.8, space: 0.3, leverChars: 60 }];

// A document as a measure-only pass starts it: what it holds before any text.
const blank = new PDFDocument({ autoFirstPage: true, bufferPages: true, compress: false }) as unknown as { page: { content: { buffer: unknown[] } } };

describe('a measure-only pass', () => {
  test('gives the pages and last-page fill of a full pass, for every guide, region, template and fit', async () => {
    let compared = 0;
    for (const templateName of ['brief', 'one-page']) {
      const template = await loadTemplate(templateName, cwd);
      for (const guide of readdirSync(`${cwd}/guides`).sort()) {
        for (const region of ['Seattle', 'Austin', 'London']) {
          let brief;
          try {
            ({ brief } = await loadBrief({ cwd, guide: `guides/${guide}`, candidate: 'candidates/ana.yaml', region, force: true }));
          } catch {
            continue; // the guide has no such region
          }
          const options = { template, date: '2026-01-15' };
          for (const fit of fits) {
            const full = draw(brief, options, fit, { measureOnly: false });
            const measured = draw(brief, options, fit, { measureOnly: true });
            expect({ pages: measured.pages, lastFill: measured.lastFill }, `${templateName} ${guide} ${region} ${JSON.stringify(fit)}`).toEqual({ pages: full.pages, lastFill: full.lastFill });
            // With a page limit: stopped past it, unchanged within it.
            if (full.pages > 1) expect(draw(brief, options, fit, { measureOnly: true, limit: full.pages - 1 }).pages).toBe(full.pages);
            expect(draw(brief, options, fit, { measureOnly: true, limit: full.pages }).pages).toBe(full.pages);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(24);
    // The passes share one document and leave nothing on it: one page, its content as it began.
    const shared = measuringDocument() as unknown as { bufferedPageRange(): { count: number }; page: { content: { buffer: unknown[] } } };
    expect(shared.bufferedPageRange().count).toBe(1);
    expect(shared.page.content.buffer).toHaveLength(blank.page.content.buffer.length);
  });

  test('paints nothing on the document the passes share, for every bundled guide and candidate', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    for (const templateName of ['brief', 'one-page']) {
      const template = await loadTemplate(templateName, root);
      for (const candidate of readdirSync(`${root}/candidates`).sort()) {
        const { brief } = await loadBrief({ cwd: root, candidate: `candidates/${candidate}` });
        for (const fit of fits) draw(brief, { template, date: '2026-01-15' }, fit, { measureOnly: true });
        const shared = measuringDocument() as unknown as { bufferedPageRange(): { count: number }; page: { content: { buffer: unknown[] } } };
        expect(shared.bufferedPageRange().count, `${templateName} ${candidate}`).toBe(1);
        expect(shared.page.content.buffer, `${templateName} ${candidate}`).toHaveLength(blank.page.content.buffer.length);
      }
    }
  });

  test('re-flows a brief whose last page would hold a short remainder', async () => {
    const template = await loadTemplate('brief', cwd);
    const { brief } = await loadBrief({ cwd, guide: 'guides/acme-platform.md', candidate: 'candidates/ana.yaml', region: 'Seattle' });
    const options = { template, date: '2026-01-15' };
    const normal = draw(brief, options, NORMAL_FIT, { measureOnly: true });
    const fit = chooseFit(brief, options);
    // This brief's normal set leaves a short last page: the chosen fit is another spacing, same type.
    expect(normal.lastFill).toBeLessThan(0.28);
    expect(fit).not.toEqual(NORMAL_FIT);
    expect(fit.type).toBe(1);
    const chosen = draw(brief, options, fit, { measureOnly: false });
    expect(chosen.pages < normal.pages || chosen.lastFill >= 0.28).toBe(true);
  });
});

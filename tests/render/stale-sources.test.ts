// A guide's age is judged on the brief's own day (--date), and the finding reaches the PDF.
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/personalize/index.js';
import { loadTemplate, renderBrief } from '../../src/render/index.js';
import { readPlaced } from './pdf.js';

const cwd = process.cwd();

async function pdfText(date: string): Promise<string> {
  const { brief } = await loadBrief({ cwd, candidate: 'candidates/dana-reyes.yaml', date });
  const bytes = await renderBrief(brief, { template: await loadTemplate('brief', cwd), date });
  return (await readPlaced(bytes)).flatMap((p) => p.items.map((i) => i.str)).join(' ');
}

describe('sources-stale in a dated brief', () => {
  it('lists the stale sources under "Before the call" when the brief is dated long after them', async () => {
    // pdfjs may split a line into items at any space: compare without spaces.
    const text = (await pdfText('2030-06-01')).replace(/\s+/g, '');
    expect(text).toContain(
      'guides/scale-ai-security-engineer.md:27:1 Unexpected newest source year 2026, expected sources at most 18 months old on 2030-06-01 (stale since 2028-07-01)'.replace(/\s+/g, ''),
    );
  });

  it('says nothing of age on a day the sources are current', async () => {
    expect(await pdfText('2026-03-05')).not.toMatch(/sources-stale/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Brief } from '../../src/model/brief.js';
import { loadTemplate, renderBrief, UNDATED } from '../../src/render/index.js';
import { flat, readPdf } from './pdf.js';

const brief = Brief.parse(JSON.parse(readFileSync(new URL('../fixtures/render/brief-ny.json', import.meta.url), 'utf8')));
const cwd = process.cwd();

describe('renderBrief with the full template', async () => {
  const template = await loadTemplate('brief', cwd);
  const bytes = await renderBrief(brief, { template, date: '2026-03-05' });
  const pdf = await readPdf(bytes);

  it('prints the cover: role, company, candidate, region and date', () => {
    expect(pdf.pages[0]).toContain('Security Engineer at Scale AI');
    expect(flat(pdf.pages[0]!)).toContain('Prepared for Priya Raman · New York · 5 March 2026');
  });

  it("prints the candidate's numbers: target, floor, offer and gaps", () => {
    const first = flat(pdf.pages[0]!);
    for (const figure of ['$320K', '$296K', '$270K', '+$50K', '$240K base + $80K/yr equity', '$226K', '$194K–$247K', '$243K–$332K', '+$30K', '+$20K']) {
      expect(first).toContain(figure);
    }
  });

  it('lists every region of the bands table, with the candidate marked', () => {
    const text = flat(pdf.text);
    expect(text).toContain('San Francisco $188K–$235K $195K–$342K');
    expect(text).toContain('New York ◀ you $194K–$247K');
    expect(text).toContain('Washington DC $197K–$254K');
  });

  it('fills slots with their values and marks unfilled ones', () => {
    const text = flat(pdf.text);
    expect(text).toContain('Few engineers hold an active TS/SCI clearance');
    expect(text).toContain('I have run FedRAMP authorization end to end → the revenue');
    expect(text).toContain('[AI data security/ML pipeline security — to fill]');
    expect(text).toContain('talking with Google at around $326K total comp');
    expect(text).not.toContain('[TS/SCI');
  });

  it('renders every character of the guides (— → € £ ₹ ≥)', () => {
    const text = pdf.text;
    for (const ch of ['—', '→', '€', '£', '₹', '≥', '–']) expect(text).toContain(ch);
  });

  it('writes the footer on every page', () => {
    expect(pdf.pages).toHaveLength(4);
    pdf.pages.forEach((page, i) => {
      const text = flat(page);
      expect(text).toContain('Confidential — prepared for Priya Raman');
      expect(text).toContain(`Page ${i + 1} of 4`);
      expect(text).toContain('scale-ai-security-engineer.md · sha256 3f9a0c2b7d41');
    });
  });

  it('renders section Markdown: lists, quotes, links, code, and skips sections other blocks draw', () => {
    const text = flat(pdf.text);
    expect(text).toContain('Government authorisation: FedRAMP, IL4/IL5');
    expect(text).toContain('Equity that you can sell on a secondary market');
    expect(text).toContain('run offerbrief plan for the numbers');
    expect(pdf.links).toContain('https://www.levels.fyi/companies/scale-ai/salaries');
    expect(text).not.toContain('Global Levers');
  });

  it('breaks a URL longer than the line instead of running off the page', () => {
    expect(flat(pdf.text).replace(/ /g, '')).toContain('https://www.clearancejobs.com/salary-survey/a/very/long/path/that/keeps/going/and/going/until/it/cannot/fit/on/one/line/of/the/page');
  });

  it('has an outline, metadata, a language and a tagged structure', () => {
    expect(pdf.outline).toEqual([
      'At a glance',
      'Where you stand in the New York band',
      'Bands by region',
      'What to say',
      'Levers to pull',
      'Competing offers',
      'Year by year',
      'Offers side by side',
      'A message you can send',
      'Level mapping',
      'Why this role pays',
      'Selling the equity',
      'Before the call',
      'Sources',
    ]);
    expect(pdf.info.Title).toBe('Negotiation brief: Security Engineer at Scale AI — Priya Raman');
    expect(pdf.info.Subject).toBe('Security Engineer | Scale AI Global Negotiation Guide');
    expect(pdf.info.Author).toBe('offerbrief');
    expect(pdf.info.Keywords).toContain('Scale AI');
    expect(pdf.info.Language).toBe('en-US');
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'BlockQuote']) {
      expect(pdf.roles, role).toContain(role);
    }
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toContain('/Marked true');
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderBrief(brief, { template, date: '2026-03-05' });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('takes its dates from the render date, never the clock', async () => {
    expect(String(pdf.info.CreationDate)).toBe('D:20260305000000Z');
    const other = await renderBrief(brief, { template, date: '2026-03-06' });
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
  });
});

describe('an undated brief', () => {
  it('prints no date and carries no creation date in its metadata', async () => {
    const template = await loadTemplate('brief', cwd);
    const bytes = await renderBrief(brief, { template, date: UNDATED });
    const pdf = await readPdf(bytes);
    expect(flat(pdf.pages[0]!)).toContain('Prepared for Priya Raman · New York Pre-IPO');
    expect(pdf.text).not.toMatch(/1970|January/);
    expect(pdf.info.CreationDate).toBeUndefined();
    expect(pdf.info.ModDate).toBeUndefined();
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).not.toContain('CreationDate');
    expect(raw).not.toContain('xmp:CreateDate');
    expect(raw).toContain('<xmp:CreatorTool>');
    // Still the same bytes every time.
    expect(Buffer.from(await renderBrief(brief, { template, date: UNDATED })).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('the title of each template', () => {
  it('names the one-page summary apart from the full brief', async () => {
    const onePage = await readPdf(await renderBrief(brief, { template: await loadTemplate('one-page', cwd), date: '2026-03-05' }));
    expect(onePage.info.Title).toBe('One-page negotiation summary: Security Engineer at Scale AI — Priya Raman');
  });
});

describe('renderBrief with the one-page template', () => {
  it('fits the summary on one page with the footer', async () => {
    const template = await loadTemplate('one-page', cwd);
    const pdf = await readPdf(await renderBrief(brief, { template, date: '2026-03-05' }));
    expect(pdf.pages).toHaveLength(1);
    const text = flat(pdf.text);
    expect(text).toContain('$320K');
    expect(text).toContain('Cleared and rare — Few engineers hold an active TS/SCI clearance');
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toContain('Bands by region');
  });
});

describe('renderBrief with a password', () => {
  it('encrypts with AES-256: no text without the password, all of it with it', async () => {
    const template = await loadTemplate('one-page', cwd);
    const bytes = await renderBrief(brief, { template, date: '2026-03-05', password: 's3cret-pass' });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/V 5/);
    expect(raw).toMatch(/\/R 5/); // AES-256 as in PDF 1.7 Adobe extension level 3
    expect(raw).toContain('/AESV3');
    await expect(readPdf(bytes)).rejects.toMatchObject({ name: 'PasswordException' });
    await expect(readPdf(bytes, 'wrong')).rejects.toMatchObject({ name: 'PasswordException' });
    const pdf = await readPdf(bytes, 's3cret-pass');
    expect(flat(pdf.text)).toContain('Confidential — prepared for Priya Raman');
  });
});

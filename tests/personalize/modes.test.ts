/**
 * One profile per mode of the plan (docs/candidate-format.md, "How the ask is set"), rendered through
 * the CLI: the plan's numbers and the text read back from the PDF say the same thing.
 * The guide is tests/fixtures/personalize/northwind.md: New York base $194K–$247K, equity $195K–$342K
 * over 4 years ($49K–$86K a year), TC $243K–$333K; the guide's target there is $239K + $320K/4yr = $319K,
 * its floor $224K + $280K/4yr = $294K.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/model/brief.js';
import { runCli } from '../cli/run.js';
import { flat, readPdf } from '../render/pdf.js';

const cwd = fileURLToPath(new URL('../fixtures/personalize/', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function plan(profile: string): Promise<Brief> {
  const { code, stdout, stderr } = await runCli(['plan', '-c', `modes/${profile}.yaml`, '-g', 'northwind.md'], { cwd });
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Brief;
}

/** The brief's PDF text, whitespace folded. */
async function pdfText(profile: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'offerbrief-modes-'));
  dirs.push(out);
  const { code, stdout, stderr } = await runCli(['render', '-c', `modes/${profile}.yaml`, '-g', 'northwind.md', '-o', out, '--date', '2026-12-02'], { cwd });
  expect(code, stderr).toBe(0);
  return flat((await readPdf(await readFile(stdout.trim()))).text);
}

const sayText = (brief: Brief) => brief.script.map((s) => (s.type === 'slot' ? (s.value ?? `[${s.slot}]`) : s.text)).join('');

describe('an offer below the band', () => {
  it('keeps the guide target, gives every gap, and says how far below the band and the floor it is', async () => {
    const brief = await plan('below-band');
    expect(brief.ask.mode).toBe('below-target');
    // 180K + 160K/4 = 220K.
    expect(brief.offer).toMatchObject({ base: 180_000, annualEquity: 40_000, totalComp: 220_000, belowFloor: 74_000 });
    expect(brief.offer?.gaps).toEqual({ base: 59_000, annualEquity: 40_000, bonus: 0, totalComp: 99_000 });
    expect(brief.offer?.position.base.text).toBe('below the band by $14K');
    expect(brief.offer?.position.annualEquity?.text).toBe('below the band by $9K');
    expect(brief.offer?.position.totalComp.text).toBe('below the TC band by $23K');
    expect(sayText(brief)).toBe(
      "I'm keen on this role. Holding an active [TS/SCI] clearance, my target for Northwind is $239K base with $320K/4yr equity, putting my total comp at $319K. " +
        'My accept-at floor is $224K base with $280K/4yr equity, a total comp of $294K. Below that I will keep looking.',
    );
    const text = await pdfText('below-band');
    expect(text).toContain('below your floor by $74K');
    expect(text).toContain('GAP TO TARGET +$99K base +$59K, equity +$40K/yr');
    expect(text).toContain('The ask: Ask for $239K base + $320K/4yr equity ($319K a year); walk away below $294K.');
    expect(text).toContain('In short: Your offer is $99K a year below the target.');
    expect(text).toContain('the offer ($220K total comp) is below your floor by $74K');
    expect(text).not.toMatch(/offers from|\$310K|\$330K/);
  });
});

describe('an offer in the band with competing offers and a sign-on', () => {
  it('quotes only the offers that beat it, by name, and shows the sign-on beside TC', async () => {
    const brief = await plan('in-band');
    expect(brief.competing.quoted.map((o) => o.company)).toEqual(['Google Security', 'CrowdStrike']);
    expect(brief.competing.offers.find((o) => o.company === 'Okta')?.leverage).toBe(false);
    expect(sayText(brief)).toContain("I'm evaluating offers from Google Security at $310K and CrowdStrike at $305K in total comp.");
    expect(sayText(brief)).toContain('putting my total comp at $319K, with the $20K sign-on on top.');
    expect(sayText(brief)).not.toContain('Okta');
    const text = await pdfText('in-band');
    expect(text).toContain('+ $20K sign-on (once)');
    expect(text).toContain('Sign-on (once) $20K not in TC');
    expect(text).toContain('Okta — $250K total comp not above the offer in hand: not quoted');
    expect(text).toContain('Google Security — $310K total comp best; quoted in the script');
  });
});

describe('an offer that meets the guide target', () => {
  it('never asks below it: the part under the band top moves to the top, the rest stays as offered', async () => {
    const brief = await plan('above-target');
    expect(brief.ask.mode).toBe('meets-target');
    // 240K + 360K/4 = 330K ≥ 319K: base to the top (247K), equity 90K a year stays (above the 86K top).
    expect(brief.target).toEqual({ base: 247_000, equity: 360_000, vestingYears: 4, annualEquity: 90_000, bonus: 0, totalComp: 337_000 });
    expect(brief.offer?.gaps).toEqual({ base: 7_000, annualEquity: 0, bonus: 0, totalComp: 7_000 });
    expect(sayText(brief)).toContain(
      "The offer already meets the $319K I was aiming for, so what I ask for is the top of the band where the offer is not there yet. " +
        "Holding an active [TS/SCI] clearance, my target for Northwind is $247K base (the band's top) with $360K/4yr equity (as offered), putting my total comp at $337K.",
    );
    const text = await pdfText('above-target');
    expect(text).toContain('MEETS THE GUIDE’S TARGET +$7K');
    expect(text).toContain("Your offer already meets the guide's target of $319K: ask for the band's top in each part still below it.");
  });
});

describe('an offer above the band in every part', () => {
  it('asks for non-cash levers with no invented number', async () => {
    const brief = await plan('above-band');
    expect(brief.ask.mode).toBe('at-band-top');
    expect(brief.target).toMatchObject({ base: 260_000, annualEquity: 100_000, totalComp: 360_000 });
    expect(brief.offer?.gaps).toEqual({ base: 0, annualEquity: 0, bonus: 0, totalComp: 0 });
    expect(brief.offer?.position.totalComp.text).toBe("above the TC band's top by $27K");
    expect(brief.ask.nonCash).toEqual(['a larger sign-on bonus', 'a level review against the level mapping', 'a refresher grant']);
    const target = brief.scriptSentences.find((s) => s.kind === 'target');
    expect(target?.segments).toEqual([
      {
        type: 'text',
        text: "The offer is already at or above the top of this band in every part, so rather than more base or equity, I'd like to discuss a larger sign-on bonus, a level review against the level mapping and a refresher grant.",
      },
    ]);
    const text = await pdfText('above-band');
    expect(text).toContain('AT THE BAND’S TOP Non-cash');
    expect(text).toContain("above the TC band's top by $27K");
    expect(text).not.toMatch(/−\$|-\$\d/);
  });
});

describe('a competing offer above the band', () => {
  it('raises the target to the band top only and names what is left', async () => {
    const brief = await plan('competing-above-band');
    // 239K → 247K (+8K), 80K → 86K a year (+6K): 333K; Anthropic's 380K is 47K beyond.
    expect(brief.target).toEqual({ base: 247_000, equity: 344_000, vestingYears: 4, annualEquity: 86_000, bonus: 0, totalComp: 333_000 });
    expect(brief.competing.aboveBand).toBe(47_000);
    expect(sayText(brief)).toContain('I have an offer from Anthropic at $380K in total comp.');
    expect(sayText(brief)).toContain(
      "My offer from Anthropic is $47K a year above what this band pays, so I'd like to discuss a level above this one (it is levelled like Google L4-L5 Security) or a sign-on bonus to close the difference.",
    );
    const text = await pdfText('competing-above-band');
    expect(text).toContain('Beyond the band: your best offer (Anthropic) is $47K a year above what this band pays');
  });
});

describe('an offer in another currency', () => {
  it('is refused without a rate, naming the field and the fix, and writes nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'offerbrief-modes-'));
    dirs.push(out);
    const { code, stdout, stderr } = await runCli(['render', '-c', 'modes/gbp-no-rate.yaml', '-g', 'northwind.md', '-o', out], { cwd });
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      'offerbrief render: modes/gbp-no-rate.yaml: offer: the amounts are in GBP but the New York band is in USD, and no exchange rate is given; ' +
        'add fx: { "GBP/USD": <USD per GBP> } to the profile or the config (or set offer.currency if the amounts are in USD)\n',
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('is converted at the given rate and marked', async () => {
    const brief = await plan('gbp-with-rate');
    // £170K × 1.25 = $212.5K → $213K; £200K × 1.25 = $250K over 4 years = $62.5K → $63K a year.
    expect(brief.offer).toMatchObject({ base: 213_000, equity: 250_000, annualEquity: 63_000, totalComp: 276_000, currency: 'GBP' });
    expect(brief.offer?.original).toEqual({ base: 170_000, equity: 200_000, bonus: 0, signOn: 0, totalComp: 220_000 });
    expect(brief.offer?.conversion?.note).toBe('£220K total comp ≈ $276K at 1.25 GBP/USD');
    expect(sayText(brief)).toContain('I have an offer from Monzo at £250K (≈ $313K) in total comp.');
    const text = await pdfText('gbp-with-rate');
    expect(text).toContain('OFFER ON THE TABLE ≈ $276K');
    expect(text).toContain('Converted: the offer is in GBP: £220K total comp ≈ $276K at 1.25 GBP/USD. Amounts marked ≈ are converted.');
    expect(text).toContain('Monzo — £250K ≈ $313K at 1.25 GBP/USD total comp');
  });
});

describe('a back-loaded offer, year by year', () => {
  it('shows the years, the year-one sign-on to ask for, offers side by side and the email in the PDF', async () => {
    const brief = await plan('back-loaded');
    // Offer 200K + 320K/4yr + 10% bonus (20K) = 300K, below the guide's 319K: target 239K + 80K + 20K (kept) = 339K.
    expect(brief.target).toMatchObject({ base: 239_000, annualEquity: 80_000, bonus: 20_000, totalComp: 339_000 });
    const target = brief.years.find((y) => y.kind === 'target')!;
    expect(target.years.map((y) => [y.base, y.equity, y.bonus, y.signOn, y.refresher, y.total])).toEqual([
      [239_000, 16_000, 20_000, 30_000, 0, 305_000],
      [239_000, 48_000, 20_000, 20_000, 40_000, 367_000],
      [239_000, 128_000, 20_000, 0, 40_000, 427_000],
      [239_000, 128_000, 20_000, 0, 40_000, 427_000],
    ]);
    expect(target.fourYearTotal).toBe(1_526_000);
    // Year one: 239 + 16 + 20 = 275K against 339K a year: 64K; the offer's 30K sign-on leaves 34K to ask for.
    expect(brief.yearOne).toEqual({ gap: 64_000, signOnNeeded: 64_000, signOnOffered: 30_000, signOnToAsk: 34_000 });
    expect(brief.ask.line).toBe('Ask for $239K base + $320K/4yr equity + $20K bonus ($339K a year); walk away below $294K.');
    expect(brief.ask.levelLine).toBe('Ask for a $64K sign-on to level year one.');
    // Monzo: £180K + £30K + £18K = £228K ≈ $285K, below the offer: shown year by year, not quoted.
    expect(brief.competing.offers[0]).toMatchObject({ company: 'Monzo', totalComp: 285_000, leverage: false, detailed: true });
    const text = await pdfText('back-loaded');
    expect(text).toContain('The ask: Ask for $239K base + $320K/4yr equity + $20K bonus ($339K a year); walk away below $294K. Ask for a $64K sign-on to level year one.');
    expect(text).toContain('Year by year');
    expect(text).toContain('Target vesting 5/15/40/40, 1-year cliff; $339K a year on average');
    expect(text).toContain('Year 1 $239K $16K $20K $30K — $305K');
    expect(text).toContain('4-year total $1.53M');
    expect(text).toContain('Monzo vesting 10/20/30/40, 1-year cliff; $285K a year on average');
    expect(text).toContain('A $64K sign-on in year one levels it (the offer has $30K).');
    expect(text).toContain('Offers side by side');
    expect(text).toContain('$339K/yr · Y1 $305K');
    expect(text).toContain('A message you can send');
    expect(text).toContain('a $64K sign-on would even that out');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Brief } from '../../src/model/brief.js';
import { Candidate } from '../../src/model/candidate.js';
import { parseGuide } from '../../src/parse/index.js';
import { buildBrief } from '../../src/personalize/build.js';
import { InputError } from '../../src/errors.js';
import type { Guide } from '../../src/model/guide.js';
import { exampleGuide, makeGuide, mentions } from '../fixtures/personalize/guides.js';

const markdown = readFileSync(fileURLToPath(new URL('../fixtures/personalize/northwind.md', import.meta.url)));
const parsedGuide = (): Guide => parseGuide(markdown, { path: 'northwind.md' }).guide;

/** A New York candidate whose facts fill every slot and whose competing offers stay below the target. */
const dana = Candidate.parse({
  name: 'Dana Reyes',
  region: 'New York',
  offer: { base: 215_000, equity: 240_000, signOn: 20_000 },
  competing: [
    { company: 'Google Security', totalComp: 310_000 },
    { company: 'CrowdStrike', totalComp: 305_000 },
  ],
  facts: ['TS/SCI', 'ML pipeline security', 'AI/ML security', 'FedRAMP authorization'],
});

const alone: Candidate = { ...dana, competing: [] };

const build = (guide: Guide, candidate: Candidate, extra: { region?: string; strict?: boolean } = {}) =>
  buildBrief({ guide, guideFile: { name: 'northwind.md', sha256: 'ab'.repeat(32) }, candidate, candidateFile: 'dana.yaml', ...extra });

describe.each([
  ['hand-built model', exampleGuide],
  ['parsed Markdown', parsedGuide],
])('New York candidate on the example numbers (%s)', (_name, guide) => {
  const { brief, problems } = build(guide(), dana);

  it('is a valid Brief with no problems, and warns that the offer is below the floor', () => {
    expect(() => Brief.parse(brief)).not.toThrow();
    expect(problems).toEqual([]);
    // 215K + 60K = 275K against the floor's 224K + 70K = 294K.
    expect(brief.warnings).toEqual(['the offer ($275K total comp) is below your floor by $19K']);
    expect(brief.unfilled).toEqual([]);
  });

  it('takes the New York band, rounded, with total comp = sum of the rounded parts', () => {
    expect(brief.region).toBe('New York');
    expect(brief.referenceRegion).toBe('San Francisco');
    expect(brief.currency).toBe('USD');
    // Annual equity: 195K/4 = 48.75K → 49K; 342K/4 = 85.5K → 86K (halves round up).
    // Total comp: 194 + 49 = 243K; 247 + 86 = 333K.
    expect(brief.band).toEqual({
      region: 'New York',
      currency: 'USD',
      base: { low: 194_000, high: 247_000 },
      equity: { low: 195_000, high: 342_000, annualLow: 49_000, annualHigh: 86_000, vestingYears: 4, kind: 'Pre-IPO' },
      bonus: null,
      bonusPercent: null,
      totalComp: { low: 243_000, high: 333_000 },
    });
    expect(brief.bands.map((b) => [b.region, b.totalComp.low, b.totalComp.high])).toEqual([
      ['San Francisco', 237_000, 321_000], // 188 + 49, 235 + 86
      ['New York', 243_000, 333_000],
      ['Washington DC', 246_000, 340_000], // 197 + 49, 254 + 86
    ]);
  });

  it('moves the target from San Francisco to New York', () => {
    // base: 194K + (228K − 188K) / (235K − 188K) × (247K − 194K) = 194K + 40/47 × 53K = 239,106.38 → 239K
    // equity: same equity band in both regions, so 320K/4yr stays 320K (80K a year)
    // total comp: 239K + 80K = 319K
    expect(brief.target).toEqual({ base: 239_000, equity: 320_000, vestingYears: 4, annualEquity: 80_000, bonus: 0, totalComp: 319_000 });
  });

  it('moves the floor the same way', () => {
    // base: 194K + 27/47 × 53K = 224,446.81 → 224K; equity 280K (70K a year); TC 224K + 70K = 294K
    expect(brief.floor).toEqual({ base: 224_000, equity: 280_000, vestingYears: 4, annualEquity: 70_000, bonus: 0, totalComp: 294_000 });
  });

  it('moves the guide competing range and keeps the target (best competing 310K < 319K)', () => {
    // Exact TC bands: SF 236.75K-320.5K, NY 242.75K-332.5K.
    // 310K → 242.75K + 73.25/83.75 × 89.75K = 321,248.5 → 321K; 330K → 242.75K + 93.25/83.75 × 89.75K = 342,681.3 → 343K
    const google = { company: 'Google Security', totalComp: 310_000, currency: 'USD', originalTotalComp: 310_000, conversion: null, leverage: true, detailed: false };
    const crowdstrike = { company: 'CrowdStrike', totalComp: 305_000, currency: 'USD', originalTotalComp: 305_000, conversion: null, leverage: true, detailed: false };
    expect(brief.competing).toEqual({
      offers: [google, crowdstrike],
      best: google,
      quoted: [google, crowdstrike],
      raisedTarget: null,
      aboveBand: 0,
      guideRange: { low: 321_000, high: 343_000 },
    });
  });

  it("places the offer in the band and gives the gaps", () => {
    // base 215K: (215 − 194) / 53 = 39.62% → 40; annual equity 240K/4 = 60K: (60 − 49) / 37 = 29.73% → 30
    // TC 215 + 60 = 275K: (275 − 243) / 90 = 35.56% → 36; gaps: 239 − 215 = 24K, 80 − 60 = 20K, 0 bonus, 319 − 275 = 44K
    expect(brief.ask.mode).toBe('below-target');
    expect(brief.ask.summary).toBe('Your offer is $44K a year below the target.');
    expect(brief.offer).toEqual({
      base: 215_000,
      equity: 240_000,
      vestingYears: 4,
      annualEquity: 60_000,
      bonus: 0,
      signOn: 20_000,
      totalComp: 275_000,
      signOnYears: [20_000, 0],
      refresher: 0,
      schedule: null,
      cliffMonths: 12,
      currency: 'USD',
      conversion: null,
      original: null,
      position: {
        base: { percent: 40, label: 'in band', outside: 0, text: 'at 40% of the band' },
        annualEquity: { percent: 30, label: 'in band', outside: 0, text: 'at 30% of the band' },
        bonus: null,
        totalComp: { percent: 36, label: 'in band', outside: 0, text: 'at 36% of the TC band' },
      },
      gaps: { base: 24_000, annualEquity: 20_000, bonus: 0, totalComp: 44_000 },
      belowFloor: 19_000,
    });
  });

  it('fills every lever slot from the facts', () => {
    const slots = brief.levers.flatMap((lever) => lever.segments.filter((s) => s.type === 'slot'));
    expect(slots).toEqual([
      { type: 'slot', slot: 'TS/SCI/Secret', value: 'TS/SCI', source: 'fact' },
      { type: 'slot', slot: 'AI data security/ML pipeline security/data labeling platform security', value: 'ML pipeline security', source: 'fact' },
      { type: 'slot', slot: 'AI/ML security/data integrity/adversarial ML defense', value: 'AI/ML security', source: 'fact' },
      { type: 'slot', slot: 'FedRAMP authorization/DISA STIG compliance/IL4-IL5 environments/ATO processes', value: 'FedRAMP authorization', source: 'fact' },
    ]);
    expect(brief.levers.map((lever) => lever.name)).toEqual(['Cleared and Scarce', 'Training Data Defense', 'Government Revenue', 'Two Compliance Worlds']);
  });

  it("writes the script from the plan's numbers, keeping the guide's own words around them", () => {
    const numbers = brief.script.filter((s) => s.type === 'number').map((s) => [s.field, s.text]);
    // Competing: the candidate's own offers, named with their numbers; target 239K/320K/319K plus the
    // sign-on; floor 224K/280K/294K.
    expect(numbers).toEqual([
      ['competing.quoted[0].totalComp', '$310K'],
      ['competing.quoted[1].totalComp', '$305K'],
      ['target.base', '$239K'],
      ['target.equity', '$320K'],
      ['target.totalComp', '$319K'],
      ['offer.signOn', '$20K'],
      ['floor.base', '$224K'],
      ['floor.equity', '$280K'],
      ['floor.totalComp', '$294K'],
    ]);
    expect(brief.script.filter((s) => s.type === 'slot')).toEqual([{ type: 'slot', slot: 'TS/SCI', value: 'TS/SCI', source: 'fact' }]);
    expect(brief.scriptSentences.map((sentence) => sentence.kind).slice(0, 4)).toEqual(['guide', 'competing', 'target', 'floor']);
    const text = brief.script.map((s) => (s.type === 'text' ? s.text : s.type === 'number' ? s.text : `<${s.value}>`)).join('');
    // The guide's lead-ins differ between the two models ("I am aiming for" / "my target for Northwind is").
    expect(text).toMatch(
      new RegExp(
        "^I'm keen on this role\\. I'm evaluating offers from Google Security at \\$310K and CrowdStrike at \\$305K in total comp\\. " +
          'Holding an active <TS/SCI> clearance, (?:I am aiming for|my target for Northwind is) \\$239K base with \\$320K/4yr equity, putting my total comp at \\$319K, with the \\$20K sign-on on top\\. ' +
          '(?:I would accept|My accept-at floor is) \\$224K base with \\$280K/4yr equity, a total comp of \\$294K\\.',
      ),
    );
  });
});

describe('regions', () => {
  it('matches the region case-insensitively and tolerating whitespace', () => {
    const { brief } = build(exampleGuide(), { ...dana, region: '  washington   dc ' });
    expect(brief.region).toBe('Washington DC');
    // base: 197K + 40/47 × 57K = 245,510.6 → 246K
    expect(brief.target.base).toBe(246_000);
  });

  it('lets the region option override the profile', () => {
    const { brief } = build(exampleGuide(), alone, { region: 'san francisco' });
    expect(brief.region).toBe('San Francisco');
    // In the reference region itself the strategy's numbers stay as written.
    expect(brief.target).toEqual({ base: 228_000, equity: 320_000, vestingYears: 4, annualEquity: 80_000, bonus: 0, totalComp: 308_000 });
    expect(brief.floor.totalComp).toBe(285_000); // 215 + 70
  });

  it('refuses an unknown region, listing the guide regions', () => {
    expect(() => build(exampleGuide(), { ...dana, region: 'Berlin' })).toThrow(InputError);
    expect(() => build(exampleGuide(), { ...dana, region: 'Berlin' })).toThrow(
      'unknown region "Berlin", expected one of: San Francisco, New York, Washington DC',
    );
  });

  it('uses the reference region the strategy names', () => {
    const guide = exampleGuide();
    guide.strategy!.referenceRegion = 'new york';
    const { brief } = build(guide, { ...alone, region: 'San Francisco' });
    expect(brief.referenceRegion).toBe('New York');
    // base: 188K + (228K − 194K) / 53K × 47K = 218,150.9 → 218K
    expect(brief.target.base).toBe(218_000);
  });

  it('falls back to the first row when the named reference region is missing', () => {
    const guide = exampleGuide();
    guide.strategy!.referenceRegion = 'Austin';
    const { brief } = build(guide, dana);
    expect(brief.referenceRegion).toBe('San Francisco');
    expect(brief.warnings).toEqual([
      'the strategy names the reference region "Austin", which is not in the band table; using the first row (San Francisco)',
      'the offer ($275K total comp) is below your floor by $19K',
    ]);
  });

  it('maps to the low end when the reference band is a single point', () => {
    const text = 'Target $100K base with $40K/4yr equity.';
    const guide = makeGuide({
      bands: [
        { region: 'Remote', base: [100_000, 100_000], equity: [40_000, 40_000] },
        { region: 'Zurich', currency: 'CHF', base: [150_000, 180_000], equity: [60_000, 80_000] },
      ],
      strategyText: text,
      target: { base: 100_000, equity: 40_000, vestingYears: 4, bonus: null, totalComp: null },
      floor: { base: 100_000, equity: 40_000, vestingYears: 4, bonus: null, totalComp: null },
      mentions: mentions(text, [['target.base', '$100K', 100_000], ['target.equity', '$40K', 40_000]]),
    });
    const { brief } = build(guide, Candidate.parse({ name: 'Lea', region: 'Zurich' }));
    expect(brief.target).toEqual({ base: 150_000, equity: 60_000, vestingYears: 4, annualEquity: 15_000, bonus: 0, totalComp: 165_000 });
    expect(brief.script.filter((s) => s.type === 'number').map((s) => s.text)).toEqual(['CHF 150K', 'CHF 60K', 'CHF 165K']);
    expect(brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('')).toBe('Target CHF 150K base with CHF 60K/4yr equity, putting my total comp at CHF 165K.');
  });
});

describe('a London candidate in GBP', () => {
  const text = 'I am aiming for $228K base with $320K/4yr equity, putting my TC at $308K; my floor is $215K base with $280K/4yr equity.';
  const guide = makeGuide({
    bands: [
      { region: 'San Francisco', base: [188_000, 235_000], equity: [195_000, 342_000] },
      { region: 'London', currency: 'GBP', base: [120_000, 150_500], equity: [100_000, 180_000], bonus: { percentOfBase: { low: 10, high: 15 } } },
    ],
    strategyText: text,
    target: { base: 228_000, equity: 320_000, vestingYears: 4, bonus: null, totalComp: 308_000 },
    floor: { base: 215_000, equity: 280_000, vestingYears: 4, bonus: null, totalComp: null },
    mentions: mentions(text, [
      ['target.base', '$228K', 228_000],
      ['target.equity', '$320K', 320_000],
      ['target.totalComp', '$308K', 308_000],
      ['floor.base', '$215K', 215_000],
      ['floor.equity', '$280K', 280_000],
    ]),
  });
  const oliver = Candidate.parse({ name: 'Oliver Grant', region: 'London', offer: { base: 118_000, equity: 90_000, bonus: 12_000 } });
  const { brief } = build(guide, oliver);

  it('computes the GBP band with a percentage bonus in pounds', () => {
    // bonus: 120K × 10% = 12K; 150.5K × 15% = 22,575 → 23K. Annual equity 25K / 45K.
    // base shown 120K / 151K (150.5K rounds up); TC 120 + 25 + 12 = 157K, 151 + 45 + 23 = 219K
    expect(brief.currency).toBe('GBP');
    expect(brief.band).toEqual({
      region: 'London',
      currency: 'GBP',
      base: { low: 120_000, high: 151_000 },
      equity: { low: 100_000, high: 180_000, annualLow: 25_000, annualHigh: 45_000, vestingYears: 4, kind: 'Pre-IPO' },
      bonus: { low: 12_000, high: 23_000 },
      bonusPercent: { low: 10, high: 15 },
      totalComp: { low: 157_000, high: 219_000 },
    });
  });

  it('moves target and floor with the bonus at the base position', () => {
    // t = 40/47 = 0.851064; base = 120K + t × 30.5K = 145,957.4 → 146K
    // annual: (80K − 48.75K) / 36.75K = 0.850340 → 25K + 0.850340 × 20K = 42,006.8 → grant 168,027.2 → 168K → 42K a year
    // bonus: 145,957.4 × (10 + t × 5)% = 145,957.4 × 14.2553% = 20,806.8 → 21K; TC 146 + 42 + 21 = 209K
    expect(brief.target).toEqual({ base: 146_000, equity: 168_000, vestingYears: 4, annualEquity: 42_000, bonus: 21_000, totalComp: 209_000 });
    // t = 27/47 = 0.574468; base = 120K + 17,521.3 = 137,521.3 → 138K
    // annual: (70K − 48.75K) / 36.75K = 0.578231 → 36,564.6 → grant 146,258.5 → 146K → 36.5K → 37K a year
    // bonus: 137,521.3 × 12.8723% = 17,702.3 → 18K; TC 138 + 37 + 18 = 193K
    expect(brief.floor).toEqual({ base: 138_000, equity: 146_000, vestingYears: 4, annualEquity: 37_000, bonus: 18_000, totalComp: 193_000 });
  });

  it('writes the script in pounds, the clause after the semicolon as its own sentence', () => {
    expect(brief.script.filter((s) => s.type === 'number').map((s) => s.text)).toEqual(['£146K', '£168K', '£21K', '£209K', '£138K', '£146K', '£18K', '£193K']);
    expect(brief.scriptSentences.map((sentence) => sentence.kind)).toEqual(['target', 'floor']);
    expect(brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('')).toBe(
      'I am aiming for £146K base with £168K/4yr equity and a £21K bonus, putting my total comp at £209K. ' +
        'My floor is £138K base with £146K/4yr equity and a £18K bonus, a total comp of £193K.',
    );
  });

  it('places an offer below the band in words and amounts, with a gap for every part', () => {
    // base 118K against 120K–151K; annual equity 90K/4 = 22.5K → 23K against 25K–45K; bonus 12K at the low end;
    // TC 118 + 23 + 12 = 153K against 157K–219K.
    expect(brief.offer?.position).toEqual({
      base: { percent: 0, label: 'below band', outside: 2_000, text: 'below the band by £2K' },
      annualEquity: { percent: 0, label: 'below band', outside: 2_000, text: 'below the band by £2K' },
      bonus: { percent: 0, label: 'in band', outside: 0, text: "at the band's low end" },
      totalComp: { percent: 0, label: 'below band', outside: 4_000, text: 'below the TC band by £4K' },
    });
    // 146 − 118, 42 − 23, 21 − 12: the parts sum to 209 − 153 = 56K.
    expect(brief.offer?.gaps).toEqual({ base: 28_000, annualEquity: 19_000, bonus: 9_000, totalComp: 56_000 });
  });
});

describe('competing offers', () => {
  it('raise the target inside the band only: base to its top, then equity to its top; the rest is above the band', () => {
    const candidate = Candidate.parse({ ...dana, competing: [{ company: 'Google', totalComp: 340_400 }, { company: 'Meta', totalComp: 330_000 }] });
    const { brief } = build(exampleGuide(), candidate);
    // Best 340,400 → 340K. Target TC 319K; need 21K: base 239K → 247K (+8K, the top), then annual equity 80K → 86K
    // (+6K, the top), no bonus column: 7K is above the band. Grant 86K × 4 = 344K.
    expect(brief.target).toEqual({ base: 247_000, equity: 344_000, vestingYears: 4, annualEquity: 86_000, bonus: 0, totalComp: 333_000 });
    expect(brief.competing.aboveBand).toBe(7_000);
    expect(brief.competing.best).toMatchObject({ company: 'Google', totalComp: 340_000, leverage: true });
    expect(brief.competing.raisedTarget).toBe(
      'The best competing offer (Google, $340K total comp) is above the target of $319K, so the target was raised to $333K: ' +
        'base +$8K to $247K, then annual equity +$6K to $86K ($344K over 4 years). That is the top of the New York band; your best offer is $7K above it, ' +
        'which no part of this band can pay: ask for the next level or a sign-on to close it.',
    );
    // The floor is not raised.
    expect(brief.floor.totalComp).toBe(294_000);
    // The script names the offers whose numbers it quotes, and says what the band cannot pay.
    const text = brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('');
    expect(text).toContain("I'm evaluating offers from Google at $340K and Meta at $330K in total comp.");
    expect(text).toContain('My offer from Google is $7K a year above what this band pays');
    expect(brief.scriptSentences.map((sentence) => sentence.kind)).toEqual(['guide', 'competing', 'target', 'above-band', 'floor']);
  });

  it('raise only the base when the band top leaves room', () => {
    const candidate = Candidate.parse({ ...dana, competing: [{ company: 'Okta', totalComp: 324_000 }] });
    const { brief } = build(exampleGuide(), candidate);
    expect(brief.target).toEqual({ base: 244_000, equity: 320_000, vestingYears: 4, annualEquity: 80_000, bonus: 0, totalComp: 324_000 });
    expect(brief.competing.aboveBand).toBe(0);
    expect(brief.competing.raisedTarget).toBe(
      'The best competing offer (Okta, $324K total comp) is above the target of $319K, so the target was raised to $324K: base +$5K to $244K.',
    );
  });

  it('quote a single competing offer by name, with no guide slot left over', () => {
    const candidate = Candidate.parse({ ...dana, competing: [{ company: 'Okta', totalComp: 300_000 }] });
    const { brief } = build(exampleGuide(), candidate);
    expect(brief.scriptSentences[1]?.segments).toEqual([
      { type: 'text', text: 'I have an offer from Okta at ' },
      { type: 'number', text: '$300K', field: 'competing.quoted[0].totalComp' },
      { type: 'text', text: ' in total comp.' },
    ]);
    expect(brief.unfilled).toEqual([]);
  });

  it('are not quoted when they do not beat the offer in hand, and the script still reads well', () => {
    const candidate = Candidate.parse({ ...dana, competing: [{ company: 'Okta', totalComp: 250_000 }] });
    const { brief } = build(exampleGuide(), candidate);
    expect(brief.competing.quoted).toEqual([]);
    expect(brief.competing.offers[0]?.leverage).toBe(false);
    expect(brief.scriptSentences.map((sentence) => sentence.kind)).toEqual(['guide', 'target', 'floor']);
    expect(brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('')).not.toContain('Okta');
    expect(brief.warnings).toContain('no competing offer beats the offer in hand ($275K), so the script quotes none');
  });

  it('drop the competing sentence when there are none (the guide range is kept for the competing section only)', () => {
    const { brief } = build(exampleGuide(), { ...dana, competing: [] });
    expect(brief.competing.best).toBeNull();
    expect(brief.competing.guideRange).toEqual({ low: 321_000, high: 343_000 });
    const text = brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('');
    expect(text).not.toMatch(/offers from|\$321K|\$343K/);
    expect(text.startsWith("I'm keen on this role. Holding an active TS/SCI clearance")).toBe(true);
  });
});

describe('slots', () => {
  it('lists unfilled slots as warnings, and as problems under strict', () => {
    const candidate = Candidate.parse({ name: 'Sam Okafor', region: 'New York' });
    const { brief, problems } = build(exampleGuide(), candidate);
    expect(problems).toEqual([]);
    expect(brief.unfilled).toEqual([
      { slot: 'TS/SCI/Secret', where: 'lever 1 "Cleared and Scarce"' },
      { slot: 'AI data security/ML pipeline security/data labeling platform security', where: 'lever 1 "Cleared and Scarce"' },
      { slot: 'AI/ML security/data integrity/adversarial ML defense', where: 'lever 2 "Training Data Defense"' },
      { slot: 'FedRAMP authorization/DISA STIG compliance/IL4-IL5 environments/ATO processes', where: 'lever 3 "Government Revenue"' },
      // The guide's competing sentence (with its company slot) is not used: Sam has no competing offers.
      { slot: 'TS/SCI', where: 'strategy' },
    ]);
    expect(brief.warnings[0]).toBe(
      'unfilled slot [TS/SCI/Secret] in lever 1 "Cleared and Scarce" (guide line 20): add a fact equal to one of its choices, or slots["TS/SCI/Secret"], to the candidate\'s profile',
    );
    expect(brief.levers[0]?.segments[1]).toEqual({ type: 'slot', slot: 'TS/SCI/Secret', value: null, source: 'none' });
    const strict = build(exampleGuide(), candidate, { strict: true });
    expect(strict.problems).toHaveLength(5);
    expect(strict.problems[4]).toContain('unfilled slot [TS/SCI] in strategy (guide line 30)');
  });

  it('prefers slots[text] over facts and competing companies', () => {
    const candidate = Candidate.parse({
      ...dana,
      slots: { 'ts/sci/secret': 'Top Secret', 'TS/SCI': 'an active TS/SCI' },
    });
    const { brief } = build(exampleGuide(), candidate);
    expect(brief.levers[0]?.segments[1]).toEqual({ type: 'slot', slot: 'TS/SCI/Secret', value: 'Top Secret', source: 'slots' });
    expect(brief.script.find((s) => s.type === 'slot')).toEqual({ type: 'slot', slot: 'TS/SCI', value: 'an active TS/SCI', source: 'slots' });
  });

  it('matches facts case-insensitively and keeps the guide spelling; the first matching fact wins', () => {
    const candidate = Candidate.parse({ name: 'Kim', region: 'New York', facts: ['fedramp authorization / disa stig compliance', 'ATO processes'] });
    const { brief } = build(exampleGuide(), candidate);
    expect(brief.levers[2]?.segments[1]).toEqual({
      type: 'slot',
      slot: 'FedRAMP authorization/DISA STIG compliance/IL4-IL5 environments/ATO processes',
      value: 'FedRAMP authorization/DISA STIG compliance',
      source: 'fact',
    });
  });
});

describe('guides without strategy numbers', () => {
  it('falls back to 75% / 50% of the band, with warnings', () => {
    const guide = makeGuide({ bands: [{ region: 'Austin', base: [100_000, 200_000], equity: [40_000, 80_000] }], noStrategy: true });
    const { brief } = build(guide, Candidate.parse({ name: 'Ana', region: 'austin' }));
    // target: 175K base, 70K grant (17.5K → 18K a year), TC 193K; floor: 150K, 60K (15K), TC 165K
    expect(brief.target).toEqual({ base: 175_000, equity: 70_000, vestingYears: 4, annualEquity: 18_000, bonus: 0, totalComp: 193_000 });
    expect(brief.floor).toEqual({ base: 150_000, equity: 60_000, vestingYears: 4, annualEquity: 15_000, bonus: 0, totalComp: 165_000 });
    expect(brief.script.map((s) => (s.type === 'slot' ? s.value : s.text)).join('')).toBe('My target is $175K base with $70K/4yr equity, putting my total comp at $193K.');
    expect(brief.warnings).toEqual([
      "the guide's strategy names no target; the target was set at 75% of the Austin band",
      "the guide's strategy names no floor; the floor was set at 50% of the Austin band",
      'the guide has no strategy; the script was written from the band alone',
    ]);
  });

  it('keeps the floor at or under the target', () => {
    const guide = exampleGuide();
    guide.strategy!.floor = { base: 230_000, equity: 300_000, vestingYears: 4, bonus: null, totalComp: null };
    const { brief } = build(guide, alone, { region: 'San Francisco' });
    expect(brief.floor).toEqual({ base: 228_000, equity: 300_000, vestingYears: 4, annualEquity: 75_000, bonus: 0, totalComp: 303_000 });
    expect(brief.warnings).toContain('the floor was above the target in some part; it was lowered to the target there');
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney, moneyStyleOf, round1000 } from '../../src/personalize/money.js';
import { positionIn } from '../../src/personalize/negotiate.js';
import { choiceRuns, fillSlot, joinNames } from '../../src/personalize/slots.js';
import { Candidate } from '../../src/model/candidate.js';

describe('round1000', () => {
  it('rounds halves away from zero and never returns -0', () => {
    expect(round1000(85_500)).toBe(86_000);
    expect(round1000(85_499.99)).toBe(85_000);
    expect(round1000(-1_500)).toBe(-2_000);
    expect(Object.is(round1000(-400), 0)).toBe(true);
  });
});

describe('formatMoney', () => {
  it('writes amounts like the original', () => {
    expect(formatMoney(239_000, 'USD', '$228K', 'USD')).toBe('$239K');
    expect(formatMoney(134_500, 'GBP', '£120K', 'GBP')).toBe('£134.5K');
    expect(formatMoney(1_234_000, 'USD', '$1.2M', 'USD')).toBe('$1.234M');
    expect(formatMoney(239_000, 'USD', '$228,000', 'USD')).toBe('$239,000');
    expect(formatMoney(239_000, 'USD', 'US$228k', 'USD')).toBe('US$239k');
    expect(formatMoney(150_000, 'CHF', 'CHF 140K', 'CHF')).toBe('CHF 150K');
  });

  it('switches the currency prefix when the candidate region uses another currency', () => {
    expect(formatMoney(146_000, 'GBP', '$228K', 'USD')).toBe('£146K');
    expect(formatMoney(146_000, 'EUR', '$228,000', 'USD')).toBe('€146,000');
    expect(formatMoney(146_000, 'XYZ')).toBe('XYZ 146K');
    expect(formatMoney(-8_000, 'USD')).toBe('-$8K');
    expect(formatMoney(1_728_000, 'USD')).toBe('$1.728M');
  });

  it('reads a style', () => {
    expect(moneyStyleOf('R$240K')).toEqual({ prefix: 'R$', scale: 'K', grouped: false, suffix: '' });
    expect(moneyStyleOf('$95,000')).toEqual({ prefix: '$', scale: '', grouped: true, suffix: '' });
  });
});

describe('positionIn', () => {
  const band = { low: 194_000, high: 247_000 };
  it('says where a number sits in words and amounts, percentages only inside the band', () => {
    expect(positionIn(194_000, band, 'USD')).toEqual({ percent: 0, label: 'in band', outside: 0, text: "at the band's low end" });
    expect(positionIn(247_000, band, 'USD')).toEqual({ percent: 100, label: 'in band', outside: 0, text: "at the band's top" });
    expect(positionIn(213_000, band, 'USD')).toEqual({ percent: 36, label: 'in band', outside: 0, text: 'at 36% of the band' });
    expect(positionIn(194_100, band, 'USD').text).toBe("just above the band's low end");
    expect(positionIn(250_000, band, 'USD')).toEqual({ percent: 100, label: 'above band', outside: 3_000, text: "above the band's top by $3K" });
    expect(positionIn(182_000, band, 'USD')).toEqual({ percent: 0, label: 'below band', outside: 12_000, text: 'below the band by $12K' });
    // The outlier: a $1.18M offer in a $243K–$333K TC band.
    expect(positionIn(1_180_000, { low: 243_000, high: 333_000 }, 'USD', 'the TC band').text).toBe("above the TC band's top by $847K");
  });

  it('places a number on a single-point band without a percentage of nothing', () => {
    expect(positionIn(100_000, { low: 100_000, high: 100_000 }, 'CHF')).toEqual({ percent: 100, label: 'in band', outside: 0, text: "at the band's single amount" });
    expect(positionIn(90_000, { low: 100_000, high: 100_000 }, 'CHF').text).toBe('below the band by CHF 10K');
    expect(positionIn(1_110_000, { low: 100_000, high: 100_000 }, 'CHF').text).toBe("above the band's top by CHF 1.01M");
  });
});

describe('slot helpers', () => {
  it('lists runs of adjacent choices', () => {
    expect(choiceRuns(['TS', 'SCI', 'Secret'])).toEqual(['TS', 'TS/SCI', 'TS/SCI/Secret', 'SCI', 'SCI/Secret', 'Secret']);
    expect(choiceRuns(['A', '', 'B'])).toEqual(['A', 'B']);
  });

  it('joins company names', () => {
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('fills a company slot from matching competing offers, best first', () => {
    const candidate = Candidate.parse({
      name: 'X',
      region: 'Y',
      competing: [
        { company: 'CrowdStrike', totalComp: 300_000 },
        { company: 'Datadog', totalComp: 400_000 },
        { company: 'palo alto networks', totalComp: 350_000 },
      ],
    });
    const slot = { text: 'Google Security/CrowdStrike/Palo Alto Networks', choices: ['Google Security', 'CrowdStrike', 'Palo Alto Networks'] };
    expect(fillSlot(slot, candidate)).toEqual({ type: 'slot', slot: slot.text, value: 'palo alto networks and CrowdStrike', source: 'competing' });
  });
});

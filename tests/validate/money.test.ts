import { describe, expect, it } from 'vitest';
import { currencyPrefix, formatMoney, formatMoneyRange, formatPercent, roundToStep, writtenStep } from '../../src/validate/money.js';

describe('formatMoney', () => {
  it.each([
    [188_000, 'USD', '$188K'],
    [1_200_000, 'USD', '$1.2M'],
    [1_250_000, 'USD', '$1.25M'],
    [134_500, 'GBP', '£134.5K'],
    [105_000, 'EUR', '€105K'],
    [240_000, 'BRL', 'R$240K'],
    [150_000, 'CHF', 'CHF 150K'],
    [95_250, 'USD', '$95.3K'],
    [950, 'USD', '$950'],
    [0, 'USD', '$0'],
    [-5_000, 'USD', '-$5K'],
    [999_999, 'USD', '$1M'],
    [320_500, 'USD', '$320.5K'],
    [12_000_000, 'JPY', '¥12M'],
    [150_000, 'XYZ', 'XYZ 150K'],
    [Number.NaN, 'USD', '?'],
  ])('%d %s → %s', (value, currency, text) => {
    expect(formatMoney(value, currency)).toBe(text);
  });

  it('defaults to dollars', () => {
    expect(formatMoney(188_000)).toBe('$188K');
    expect(currencyPrefix('')).toBe('$');
  });

  it('formats ranges and percentages', () => {
    expect(formatMoneyRange(188_000, 235_000, 'USD')).toBe('$188K-$235K');
    expect(formatMoneyRange(188_000, 188_000, 'GBP')).toBe('£188K');
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(formatPercent(10)).toBe('10%');
  });

  it('rounds expected values to the precision a guide writes, halves to even', () => {
    expect(writtenStep(352_000)).toBe(1000);
    expect(writtenStep(134_500)).toBe(100);
    expect(writtenStep(95_250)).toBe(1);
    expect(roundToStep(332_500, 1000)).toBe(332_000);
    expect(roundToStep(333_500, 1000)).toBe(334_000);
    expect(roundToStep(320_499, 1000)).toBe(320_000);
    expect(roundToStep(320_501, 1000)).toBe(321_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBriefMoney, formatMoney } from '../src/money.js';

// formatBriefMoney remembers what it printed (a brief prints the same amounts in every pass):
// the remembered text must be exactly what formatting gives, whatever came before.
describe('formatBriefMoney', () => {
  it('prints each currency in its own form, asked in any order', () => {
    expect(formatBriefMoney(150_000, 'USD')).toBe('$150K');
    expect(formatBriefMoney(150_000, 'GBP')).toBe('£150K');
    expect(formatBriefMoney(150_000, 'CHF')).toBe('CHF 150K');
    expect(formatBriefMoney(-5_000, 'USD')).toBe('−$5K');
    expect(formatBriefMoney(1_250_000, 'EUR')).toBe('€1.25M');
    expect(formatBriefMoney(150_000, 'USD')).toBe('$150K');
    expect(formatBriefMoney(0, 'USD')).toBe('$0');
    expect(formatBriefMoney(-0, 'USD')).toBe('$0');
  });

  it('equals formatMoney with a true minus sign, for any amounts and currencies in any order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: -5_000_000, max: 5_000_000 }), fc.double({ noNaN: false })), fc.constantFrom('USD', 'GBP', 'EUR', 'CHF', 'JPY', 'XYZ', '')), { maxLength: 60 }),
        (pairs) => {
          for (const [value, currency] of [...pairs, ...pairs.slice().reverse()]) {
            expect(formatBriefMoney(value, currency)).toBe(formatMoney(value, currency).replace(/^-/, '−'));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

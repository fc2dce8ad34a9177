import { describe, expect, it } from 'vitest';
import { parseConfig, parseTolerance } from '../../src/config/index.js';
import { UsageError } from '../../src/errors.js';

describe('parseTolerance', () => {
  it.each([
    ['1000', { absolute: 1000, relative: 0 }],
    ['0.5%', { absolute: 0, relative: 0.005 }],
    ['1000,0.5%', { absolute: 1000, relative: 0.005 }],
    ['0.5%, 1000', { absolute: 1000, relative: 0.005 }],
    ['0', { absolute: 0, relative: 0 }],
    ['.5%', { absolute: 0, relative: 0.005 }],
  ])('%s', (text, tolerance) => {
    expect(parseTolerance(text)).toEqual(tolerance);
  });

  it.each(['', 'abc', '-1', '1000,2000', '1%,2%', '150%', '1K', '1000;0.5%'])('refuses %j', (text) => {
    expect(() => parseTolerance(text)).toThrow(UsageError);
  });
});

describe('parseConfig', () => {
  it('accepts rules and both tolerance forms', () => {
    expect(parseConfig({ rules: { 'tc-mismatch': 'warn', 'table-row-shape': 'off' }, tolerance: '2000' }, 'c.json')).toEqual({
      rules: { 'tc-mismatch': 'warn', 'table-row-shape': 'off' },
      tolerance: { absolute: 2000, relative: 0 },
      source: 'c.json',
    });
    expect(parseConfig({ tolerance: { relative: 0.01 } }, 'c.json').tolerance).toEqual({ absolute: 0, relative: 0.01 });
    expect(parseConfig({}, 'c.json')).toEqual({ rules: {}, source: 'c.json' });
  });

  it('names every problem with its path', () => {
    expect(() => parseConfig({ rules: { nope: 'off', 'tc-mismatch': 2 }, tolerance: { absolute: 'x' }, extra: 1 }, 'c.json')).toThrow(
      'bad config: c.json: rules.nope: unknown rule id, expected one of table-missing, column-missing, money-invalid, range-inverted, currency-mixed, region-duplicate, tc-mismatch, vesting-missing, strategy-tc-mismatch, strategy-floor-above-target, strategy-outside-band, section-missing, placeholder-malformed, control-comment-invalid, front-matter-invalid, sources-stale, encoding-invalid, file-empty, file-too-large, title-missing, title-malformed, table-row-shape, nesting-too-deep, table-too-long, emphasis-too-many, parse-timeout; ' +
        'c.json: rules.tc-mismatch: expected "off", "warn" or "error", got 2; c.json: tolerance.absolute: expected a number of currency units, like 1000; c.json: unknown key "extra", expected $schema, rules, tolerance, ignores, overrides, fx or maxAgeMonths',
    );
  });
});

describe('parseConfig fx', () => {
  it('keeps exchange rates by pair, and names a bad pair or rate with its path', () => {
    expect(parseConfig({ fx: { 'GBP/USD': 1.27 } }, 'c.json').fx).toEqual({ 'GBP/USD': 1.27 });
    expect(() => parseConfig({ fx: { 'pounds/USD': 1.27 } }, 'c.json')).toThrow('c.json: fx.pounds/USD: expected a currency pair like "GBP/USD"');
    expect(() => parseConfig({ fx: { 'GBP/USD': -1 } }, 'c.json')).toThrow('c.json: fx.GBP/USD: expected a positive rate (1 GBP = 1.27 USD is "GBP/USD": 1.27)');
  });
});

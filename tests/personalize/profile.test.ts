import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCandidate, parseCandidate, parseProfileText, formatPath } from '../../src/personalize/profile.js';
import { InputError, IoError } from '../../src/errors.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/personalize/profiles/${name}`, import.meta.url));

async function errorOf(name: string, shown = `candidates/${name}`): Promise<Error> {
  try {
    await readCandidate(fixture(name), shown);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('readCandidate', () => {
  it('reads a JSON profile with defaults', async () => {
    const candidate = await readCandidate(fixture('good.json'));
    expect(candidate).toEqual({
      name: 'Jo Park',
      region: 'new york',
      guide: '../northwind.md',
      offer: { base: 200_000, equity: 200_000 },
      competing: [],
      facts: ['TS/SCI'],
      slots: {},
      fx: {},
    });
  });

  it('lists every problem at once, one line each, with the field path', async () => {
    const error = await errorOf('bad-types.yaml');
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.split('\n')).toEqual([
      'candidates/bad-types.yaml: offer.base: expected a number, received "lots"',
      'candidates/bad-types.yaml: offer.equity: expected a number ≥ 0, received -5',
      'candidates/bad-types.yaml: offer.bonus: expected a number, or { percent: 15 } for a share of base, received "10,000"',
      'candidates/bad-types.yaml: competing[1].company: expected a non-empty string, received ""',
      'candidates/bad-types.yaml: competing[1].totalComp: expected a number, received "300K"',
      'candidates/bad-types.yaml: facts: expected a list, received "TS/SCI"',
      'candidates/bad-types.yaml: slots["TS/SCI/Secret"]: expected a string, received 3',
    ]);
  });

  it('names unexpected fields and the fields it knows', async () => {
    const error = await errorOf('unknown-field.yaml');
    expect(error.message.split('\n')).toEqual([
      'candidates/unknown-field.yaml: offer.bas: unexpected field, expected one of: base, equity, vestingYears, vesting, bonus, signOn, refresher, currency',
      'candidates/unknown-field.yaml: ofer: unexpected field, expected one of: name, region, guide, offer, competing, facts, slots, fx, $schema',
    ]);
  });

  it('names missing required fields', async () => {
    const error = await errorOf('missing.json');
    expect(error.message.split('\n')).toEqual([
      'candidates/missing.json: name: missing, expected a string',
      'candidates/missing.json: region: missing, expected a string',
    ]);
  });

  it('reports YAML syntax errors with file:line:col', async () => {
    const error = await errorOf('syntax.yaml');
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^candidates\/syntax\.yaml:\d+:\d+: invalid YAML: /);
    expect(error.message).not.toContain('\n\n');
  });

  it('reports JSON syntax errors with file:line:col', async () => {
    const error = await errorOf('syntax.json');
    expect(error.message).toBe("candidates/syntax.json:4:1: invalid JSON: Expected double-quoted property name");
  });

  it('refuses a profile that is not a mapping', async () => {
    expect((await errorOf('list.yaml')).message).toBe('candidates/list.yaml: expected a mapping with at least name and region, received a list');
    expect((await errorOf('empty.yaml')).message).toBe('candidates/empty.yaml: empty profile, expected a mapping with at least name and region');
  });

  it('throws IoError for a missing file', async () => {
    const error = await errorOf('nope.yaml');
    expect(error).toBeInstanceOf(IoError);
    expect(error.message).toBe('candidates/nope.yaml: no such file or folder');
  });
});

describe('helpers', () => {
  it('formats field paths', () => {
    expect(formatPath(['offer', 'base'])).toBe('offer.base');
    expect(formatPath(['competing', 0, 'company'])).toBe('competing[0].company');
    expect(formatPath(['slots', 'TS/SCI'])).toBe('slots["TS/SCI"]');
    expect(formatPath([])).toBe('(top level)');
  });

  it('parses YAML and JSON text', () => {
    expect(parseProfileText('name: A\nregion: B\n', 'a.yaml')).toEqual({ name: 'A', region: 'B' });
    expect(parseProfileText('{"name": "A"}', 'a.JSON')).toEqual({ name: 'A' });
    expect(() => parseProfileText('a: 1\na: 2\n', 'dup.yaml')).toThrow(/^dup\.yaml:2:1: invalid YAML: Map keys must be unique$/);
  });

  it('validates data directly', () => {
    expect(() => parseCandidate({ name: 'A', region: 'B', competing: [{ company: 'X' }] }, 'p.yaml')).toThrow(
      "p.yaml: competing[0].totalComp: expected totalComp, or the offer's parts starting with base",
    );
  });
});

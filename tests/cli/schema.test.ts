import { describe, expect, test } from 'vitest';
import { runCli } from './run.js';

describe('offerbrief schema', () => {
  test('prints the candidate schema as written by users (defaults optional), 2-space JSON', async () => {
    const { code, stdout, stderr } = await runCli(['schema', 'candidate']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n')).toBe(true);
    const schema = JSON.parse(stdout);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['name', 'region']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'name', 'region', 'guide', 'offer', 'competing', 'facts', 'slots', 'fx']);
    expect(schema.properties.offer.required).toEqual(['base']);
    expect(schema.properties.offer.properties.base).toMatchObject({ type: 'number', minimum: 0 });
    expect(schema.properties.offer.properties.currency).toMatchObject({ type: 'string', pattern: '^[A-Z]{3}$' });
    expect(schema.properties.fx.additionalProperties).toMatchObject({ type: 'number', exclusiveMinimum: 0 });
    expect(Object.keys(schema.properties.offer.properties)).toEqual(['base', 'equity', 'vestingYears', 'vesting', 'bonus', 'signOn', 'refresher', 'currency']);
    expect(schema.properties.offer.properties.vesting.properties.schedule).toMatchObject({ type: 'array', items: { type: 'number' } });
  });

  test('prints the guide and brief schemas', async () => {
    const guide = JSON.parse((await runCli(['schema', 'guide'])).stdout);
    expect(guide.required).toEqual(['title', 'tags', 'table', 'bands', 'sections', 'levers', 'levelMapping', 'strategy', 'placeholders', 'sources']);
    const brief = JSON.parse((await runCli(['schema', 'brief'])).stdout);
    expect(brief.required).toContain('target');
    expect(Object.keys(brief.properties.target.properties)).toEqual(['base', 'equity', 'vestingYears', 'annualEquity', 'bonus', 'totalComp']);
  });

  test('an unknown or missing name is a usage error (exit 2)', async () => {
    expect(await runCli(['schema', 'offer'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief schema: unknown schema "offer", expected one of: guide, candidate, brief, config\nRun `offerbrief schema --help` for usage.\n',
    });
    expect((await runCli(['schema'])).code).toBe(2);
    expect((await runCli(['schema', 'guide', 'brief'])).code).toBe(2);
    const help = await runCli(['schema', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: offerbrief schema <guide\|candidate\|brief\|config>/);
  });

  test('a misspelt name gets a suggestion', async () => {
    expect((await runCli(['schema', 'condig'])).stderr).toBe(
      'offerbrief schema: unknown schema "condig", expected one of: guide, candidate, brief, config; did you mean "config"?\nRun `offerbrief schema --help` for usage.\n',
    );
  });

  test('prints the config schema with every rule id and both tolerance forms', async () => {
    const { code, stdout } = await runCli(['schema', 'config']);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'rules', 'tolerance', 'fx', 'ignores', 'overrides', 'maxAgeMonths']);
    expect(schema.additionalProperties).toBe(false);
    const { ruleIds } = await import('../../src/validate/registry.js');
    expect(Object.keys(schema.properties.rules.properties)).toEqual(ruleIds);
    expect(schema.properties.rules.properties['tc-mismatch']).toEqual({
      enum: ['off', 'warn', 'error'],
      description: 'Each stated total comp equals base + equity / vesting years + bonus, at both ends, within the tolerance. (default: error)',
    });
    expect(schema.properties.rules.additionalProperties).toBe(false);
    const [text, object] = schema.properties.tolerance.anyOf;
    const pattern = new RegExp(text.pattern);
    for (const ok of ['1000', '0.5%', '1000,0.5%', '0.5%, 1000']) expect(pattern.test(ok)).toBe(true);
    for (const bad of ['1K', 'abc', '']) expect(pattern.test(bad)).toBe(false);
    expect(Object.keys(object.properties)).toEqual(['absolute', 'relative']);
    expect(schema.properties.overrides.items.required).toEqual(['files']);
    expect(schema.properties.overrides.items.properties.rules).toEqual(schema.properties.rules);
  });
});

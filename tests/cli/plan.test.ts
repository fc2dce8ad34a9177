import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Brief } from '../../src/model/brief.js';
import { runCli } from './run.js';

const cwd = fileURLToPath(new URL('../fixtures/personalize/', import.meta.url));

describe('offerbrief plan', () => {
  test('prints the brief as 2-space JSON in a stable key order, exit 0, its warnings on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['plan', '--candidate', 'profiles/dana.yaml'], { cwd });
    expect(stderr).toBe('offerbrief plan: warning: profiles/dana.yaml: the offer ($275K total comp) is below your floor by $19K\n');
    expect(code).toBe(0);
    const brief = Brief.parse(JSON.parse(stdout));
    expect(Object.keys(JSON.parse(stdout))).toEqual([
      'guide', 'candidate', 'region', 'currency', 'referenceRegion', 'band', 'bands', 'target', 'floor', 'ask',
      'competing', 'offer', 'years', 'yearOne', 'offers', 'email', 'levers', 'script', 'scriptSentences', 'levelMapping', 'sections', 'sources', 'unfilled', 'warnings',
    ]);
    expect(stdout.startsWith('{\n  "guide": {\n    "file": "northwind.md",\n    "sha256": "')).toBe(true);
    expect(brief.candidate).toEqual({ name: 'Dana Reyes', file: 'dana.yaml' });
    expect(brief.guide.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The example numbers for New York (see tests/personalize/build.test.ts for the arithmetic).
    expect([brief.target.base, brief.target.annualEquity, brief.target.totalComp]).toEqual([239_000, 80_000, 319_000]);
    expect([brief.floor.base, brief.floor.annualEquity, brief.floor.totalComp]).toEqual([224_000, 70_000, 294_000]);
    expect(brief.offer?.gaps).toEqual({ base: 24_000, annualEquity: 20_000, bonus: 0, totalComp: 44_000 });
    expect(brief.warnings).toEqual(['the offer ($275K total comp) is below your floor by $19K']);
    // Same input, same bytes.
    expect((await runCli(['plan', '--candidate', 'profiles/dana.yaml'], { cwd })).stdout).toBe(stdout);
  });

  test('--guide is relative to cwd; --region overrides the profile', async () => {
    const { code, stdout } = await runCli(['plan', '-c', 'profiles/dana.yaml', '-g', 'northwind.md', '--region', 'washington dc'], { cwd });
    expect(code).toBe(0);
    const brief = JSON.parse(stdout) as Brief;
    expect(brief.region).toBe('Washington DC');
    expect(brief.target.base).toBe(246_000); // 197K + 40/47 × 57K = 245,510.6
  });

  test('unfilled slots are warnings on stderr; --strict makes them errors (exit 1)', async () => {
    const r = await runCli(['plan', '--candidate', 'profiles/sam.yaml', '--guide', 'northwind.md'], { cwd });
    expect(r.code).toBe(0);
    // Sam has no competing offers, so the guide's competing sentence (and its company slot) is not used.
    expect(JSON.parse(r.stdout).unfilled).toHaveLength(3);
    expect(r.stderr.split('\n')[0]).toBe(
      'offerbrief plan: warning: profiles/sam.yaml: unfilled slot [AI data security/ML pipeline security/data labeling platform security] in lever 1 "Cleared and Scarce" (guide line 20): add a fact equal to one of its choices, or slots["AI data security/ML pipeline security/data labeling platform security"], to the candidate\'s profile',
    );
    const strict = await runCli(['plan', '--candidate', 'profiles/sam.yaml', '--guide', 'northwind.md', '--strict'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^offerbrief plan: profiles\/sam\.yaml: unfilled slot \[AI data security/);
    expect(strict.stderr.trim().split('\n')).toHaveLength(3);
  });

  test('refuses a guide with lint errors (exit 1, listing them) unless --force', async () => {
    const refused = await runCli(['plan', '--candidate', 'profiles/dana.yaml', '--guide', 'northwind-bad-tc.md'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'offerbrief plan: northwind-bad-tc.md: 1 lint error, expected none (fix them, or pass --force to plan anyway):\n' +
        'northwind-bad-tc.md:7:51  Unexpected total comp low $300K, expected $237K ($188K + $195K/4yr)  tc-mismatch\n',
    );
    const forced = await runCli(['plan', '--candidate', 'profiles/dana.yaml', '--guide', 'northwind-bad-tc.md', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).target.totalComp).toBe(319_000);
    expect(forced.stderr).toBe(
      'offerbrief plan: error (forced): northwind-bad-tc.md:7:51  Unexpected total comp low $300K, expected $237K ($188K + $195K/4yr)  tc-mismatch\n' +
        'offerbrief plan: warning: profiles/dana.yaml: the offer ($275K total comp) is below your floor by $19K\n',
    );
  });

  test('bad profiles and unknown regions exit 1 with the file and field', async () => {
    const bad = await runCli(['plan', '--candidate', 'profiles/bad-types.yaml', '--guide', 'northwind.md'], { cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe('offerbrief plan: profiles/bad-types.yaml: offer.base: expected a number, received "lots"');
    const region = await runCli(['plan', '--candidate', 'profiles/dana.yaml', '--region', 'Berlin'], { cwd });
    expect(region).toEqual({
      code: 1,
      stdout: '',
      stderr: 'offerbrief plan: profiles/dana.yaml: unknown region "Berlin", expected one of: San Francisco, New York, Washington DC\n',
    });
  });

  test('usage and I/O errors exit 2 with one clear line', async () => {
    expect(await runCli(['plan'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief plan: missing --candidate <profile>\nRun `offerbrief plan --help` for usage.\n',
    });
    expect(await runCli(['plan', '--candidate', 'profiles/nope.yaml'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief plan: profiles/nope.yaml: no such file or folder\n',
    });
    expect(await runCli(['plan', '--candidate', 'profiles/sam.yaml'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'offerbrief plan: profiles/sam.yaml: no guide given, expected --guide <file> or a `guide` field in the profile\n',
    });
    expect((await runCli(['plan', '--candidate', 'profiles/dana.yaml', '--guide', 'missing.md'], { cwd })).code).toBe(2);
    expect((await runCli(['plan', '--bogus'], { cwd })).code).toBe(2);
  });

  test('--help prints usage, exit 0', async () => {
    const { code, stdout } = await runCli(['plan', '--help'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: offerbrief plan --candidate <profile>/);
  });
});

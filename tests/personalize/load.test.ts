import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/personalize/index.js';
import { InputError, IoError, UsageError } from '../../src/errors.js';

const cwd = fileURLToPath(new URL('../fixtures/personalize/', import.meta.url));

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('loadBrief', () => {
  it("reads the profile, finds the guide relative to the profile's folder, lints and computes", async () => {
    const loaded = await loadBrief({ cwd, candidate: 'profiles/dana.yaml' });
    expect(loaded.candidatePath).toBe('profiles/dana.yaml');
    expect(loaded.guidePath).toBe('northwind.md');
    expect(loaded.guideFile.messages).toEqual([]);
    expect(loaded.brief.guide.file).toBe('northwind.md');
    expect(loaded.brief.candidate).toEqual({ name: 'Dana Reyes', file: 'dana.yaml' });
    expect(loaded.brief.target.totalComp).toBe(319_000);
  });

  it('refuses a guide with lint errors unless forced, and honours rule severities', async () => {
    const error = await failure(loadBrief({ cwd, candidate: 'profiles/dana.yaml', guide: 'northwind-bad-tc.md' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.split('\n')[1]).toBe('northwind-bad-tc.md:7:51  Unexpected total comp low $300K, expected $237K ($188K + $195K/4yr)  tc-mismatch');
    const forced = await loadBrief({ cwd, candidate: 'profiles/dana.yaml', guide: 'northwind-bad-tc.md', force: true });
    expect(forced.guideFile.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['tc-mismatch', true]]);
    const relaxed = await loadBrief({ cwd, candidate: 'profiles/dana.yaml', guide: 'northwind-bad-tc.md', validate: { rules: { 'tc-mismatch': 'warn' } } });
    expect(relaxed.guideFile.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['tc-mismatch', false]]);
  });

  it('throws InputError for unfilled slots under strict, IoError for missing files, UsageError without a guide', async () => {
    const strict = await failure(loadBrief({ cwd, candidate: 'profiles/sam.yaml', guide: 'northwind.md', strict: true }));
    expect(strict).toBeInstanceOf(InputError);
    expect(strict.message.split('\n')).toHaveLength(3) // no competing offers: the guide's competing sentence and its slot are not used;
    expect(await failure(loadBrief({ cwd, candidate: 'profiles/dana.yaml', guide: 'nope.md' }))).toBeInstanceOf(IoError);
    expect(await failure(loadBrief({ cwd, candidate: 'nope.yaml' }))).toBeInstanceOf(IoError);
    expect(await failure(loadBrief({ cwd, candidate: 'profiles/sam.yaml' }))).toBeInstanceOf(UsageError);
  });
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/personalize/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const profiles = readdirSync(new URL('../../candidates/', import.meta.url)).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();

describe('the example profiles in candidates/', () => {
  it('are at least four', () => {
    expect(profiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(profiles)('%s plans on its bundled guide with every slot filled', async (name) => {
    const { brief } = await loadBrief({ cwd: root, candidate: `candidates/${name}`, strict: true });
    expect(brief.unfilled).toEqual([]);
  });

  it('cover a London candidate in GBP, one without an offer and one whose competing offer raises the target', async () => {
    const plan = async (name: string) => (await loadBrief({ cwd: root, candidate: `candidates/${name}` })).brief;
    const oliver = await plan('oliver-grant.json');
    expect([oliver.region, oliver.currency]).toEqual(['London', 'GBP']);
    expect((await plan('priya-natarajan.yaml')).offer).toBeNull();
    const marcus = await plan('marcus-lee.yaml');
    expect(marcus.competing.raisedTarget).not.toBeNull();
    expect(marcus.target.totalComp).toBe(760_000);
    const dana = await plan('dana-reyes.yaml');
    expect([dana.region, dana.target.totalComp, dana.competing.raisedTarget]).toEqual(['New York', 319_000, null]);
  });
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readGuide } from '../../src/parse/index.js';
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

describe('the example briefs, re-checked against the rules of the plan', () => {
  const guides = readdirSync(new URL('../../guides/', import.meta.url)).filter((name) => name.endsWith('.md')).sort();
  // Every example profile on every bundled guide and region of it: a coach would sign each.
  const cases = profiles.flatMap((profile) => guides.map((guide) => [profile, guide] as const));

  it.each(cases)('%s on %s: no part below the offer, gaps that add up, no zero clause, only named offers quoted', async (profile, guide) => {
    const { guide: parsed } = await readGuide(join(root, 'guides', guide));
    let planned = 0;
    for (const region of parsed.bands.map((b) => b.region)) {
      const loaded = await loadBrief({ cwd: root, candidate: `candidates/${profile}`, guide: `guides/${guide}`, region }).catch((error: Error) => error);
      if (loaded instanceof Error) {
        // The only refusal: an amount in another currency than the band's, without a rate.
        expect(loaded.message).toMatch(/no exchange rate is given; add fx: \{ "[A-Z]{3}\/[A-Z]{3}"/);
        continue;
      }
      planned += 1;
      const { brief } = loaded;
      const { offer, target, floor } = brief;
      for (const part of ['base', 'annualEquity', 'bonus', 'totalComp'] as const) {
        if (offer) expect(target[part]).toBeGreaterThanOrEqual(offer[part]);
        expect(floor[part]).toBeLessThanOrEqual(target[part]);
      }
      if (offer) expect(offer.gaps.base + offer.gaps.annualEquity + offer.gaps.bonus).toBe(offer.gaps.totalComp);
      const said = brief.script.map((s) => (s.type === 'slot' ? (s.value ?? '') : s.text)).join('');
      expect(said).not.toMatch(/(?:^|[\s(])(?:C\$|R\$|\$|£|€|CHF )0(?![\d.,])/);
      expect(said).not.toMatch(/before bonus|TC range/);
      for (const o of brief.competing.offers) if (!o.leverage) expect(said).not.toContain(`${o.company} at`);
    }
    // A profile plans on every band in its own currency (its own guide's are checked above).
    if (parsed.bands.every((b) => b.currency !== 'USD') && /dana|marcus/.test(profile)) expect(planned).toBe(0); // dollar offers, no rates
  });
});

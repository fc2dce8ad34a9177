/**
 * The counter-offer email never holds a private amount (the floor, the walk-away, a gap, how far the
 * offer is below the floor): searched in every draft of every fixture and of random plans.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Brief } from '../../src/model/brief.js';
import { Candidate } from '../../src/model/candidate.js';
import { formatBriefMoney } from '../../src/money.js';
import { buildBrief } from '../../src/personalize/build.js';
import { draftEmail } from '../../src/personalize/email.js';
import { loadBrief } from '../../src/personalize/index.js';
import { runCli } from '../cli/run.js';
import { exampleGuide } from '../fixtures/personalize/guides.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/personalize/', import.meta.url));

/** Every amount the brief keeps private, written as the email would write it, unless the same amount is also public. */
function privateAmounts(brief: Brief): string[] {
  const c = brief.currency;
  const secret = [brief.floor.base, brief.floor.equity, brief.floor.annualEquity, brief.floor.bonus, brief.floor.totalComp];
  if (brief.offer) secret.push(brief.offer.gaps.base, brief.offer.gaps.annualEquity, brief.offer.gaps.bonus, brief.offer.gaps.totalComp, brief.offer.belowFloor);
  const t = brief.target;
  const shown = new Set([t.base, t.equity, t.annualEquity, t.bonus, t.totalComp, ...brief.competing.quoted.flatMap((o) => [o.totalComp, o.originalTotalComp]), brief.yearOne?.signOnNeeded ?? -1]);
  return [...new Set(secret.filter((n) => n > 0 && !shown.has(n)).map((n) => formatBriefMoney(n, c)))];
}

function expectPrivate(brief: Brief): void {
  const text = `${brief.email.subject}\n${brief.email.markdown}`;
  for (const amount of privateAmounts(brief)) expect(text, `${amount} in the email of ${brief.candidate.name}`).not.toMatch(new RegExp(`(?<![\\d.])${amount.replace(/[$.]/g, '\\$&')}(?![\\d.])`));
  expect(text).not.toMatch(/floor|walk[- ]away|gap/i);
}

describe('the counter-offer email', () => {
  const profiles = readdirSync(new URL('../../candidates/', import.meta.url)).filter((n) => /\.(ya?ml|json)$/.test(n));
  it.each(profiles)('of %s holds no private amount, and names the ask and two levers', async (name) => {
    const { brief } = await loadBrief({ cwd: root, candidate: `candidates/${name}` });
    expectPrivate(brief);
    expect(brief.email.markdown).toContain(formatBriefMoney(brief.target.base, brief.currency));
    expect(brief.email.markdown.match(/^- \*\*/gm)).toHaveLength(2);
    expect(brief.email.markdown).toContain(brief.candidate.name);
  });

  const modes = readdirSync(new URL('../fixtures/personalize/modes/', import.meta.url)).filter((n) => n.endsWith('.yaml') && !n.includes('no-rate'));
  it.each(modes)('of the %s fixture holds no private amount', async (name) => {
    const { brief } = await loadBrief({ cwd: fixtures, candidate: `modes/${name}`, guide: 'northwind.md' });
    expectPrivate(brief);
  });

  it('holds no private amount for any offer', () => {
    const offer = fc.record({ base: fc.integer({ min: 50, max: 400 }), equity: fc.integer({ min: 0, max: 800 }), signOn: fc.integer({ min: 0, max: 80 }) });
    fc.assert(
      fc.property(offer, fc.array(fc.integer({ min: 100, max: 600 }), { maxLength: 3 }), (o, competing) => {
        const candidate = Candidate.parse({
          name: 'P',
          region: 'New York',
          offer: { base: o.base * 1000, equity: o.equity * 1000, signOn: o.signOn * 1000 },
          competing: competing.map((tc, i) => ({ company: `Company ${i + 1}`, totalComp: tc * 1000 })),
        });
        expectPrivate(buildBrief({ guide: exampleGuide(), guideFile: { name: 'g', sha256: '0' }, candidate, candidateFile: null }).brief);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out a line whose fields are all empty, and takes its words from the template', () => {
    const { brief } = buildBrief({ guide: exampleGuide(), guideFile: { name: 'g', sha256: '0' }, candidate: Candidate.parse({ name: 'Lee', region: 'New York' }), candidateFile: null });
    const email = draftEmail(brief, '---\nsubject: "For {{guide.company}}"\n---\nDear team,\n\n{{email.competing}}\n\n{{email.ask}}\n\n— {{candidate.name}}\n');
    expect(email.subject).toBe('For Northwind AI');
    expect(email.markdown).toBe("Dear team,\n\nI'd be ready to sign at $239K base and $320K in equity over 4 years, about $319K a year in total.\n\n— Lee\n");
  });

  it('takes each template its own subject, however many briefs drafted from another one before', () => {
    const { brief } = buildBrief({ guide: exampleGuide(), guideFile: { name: 'g', sha256: '0' }, candidate: Candidate.parse({ name: 'Lee', region: 'New York' }), candidateFile: null });
    const one = '---\nsubject: "For {{guide.company}}"\n---\nHi\n';
    const other = '---\nsubject: "Counter: {{candidate.name}}"\n---\nHi\n';
    const bare = '---\ntitle: no subject\n---\nHi\n';
    for (let round = 0; round < 2; round++) {
      expect(draftEmail(brief, one).subject).toBe('For Northwind AI');
      expect(draftEmail(brief, other).subject).toBe('Counter: Lee');
      expect(draftEmail(brief, bare).subject).toBe('');
    }
  });
});

describe('offerbrief draft', () => {
  it('prints the email as Markdown, exit 0, and exits 1 without an exchange rate', async () => {
    const ok = await runCli(['draft', '-c', 'modes/in-band.yaml', '-g', 'northwind.md'], { cwd: fixtures });
    expect(ok.code).toBe(0);
    expect(ok.stdout.startsWith('Subject: Security Engineer offer: my counter-proposal\n\nHi,\n')).toBe(true);
    expect(ok.stdout).toContain('To be transparent: I have offers from Google Security and CrowdStrike, at $310K and $305K in total comp respectively.');
    expect(ok.stdout).not.toContain('Okta');
    const refused = await runCli(['draft', '-c', 'modes/gbp-no-rate.yaml', '-g', 'northwind.md'], { cwd: fixtures });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect((await runCli(['draft'], { cwd: fixtures })).code).toBe(2);
  });
});

// offerbrief serve over HTTP: every route, on an ephemeral port, with fetch.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/serve/http.js';
import { startServe, type RunningServe } from '../../src/serve/app.js';
import { loadBrief } from '../../src/personalize/index.js';
import { runCli } from '../cli/run.js';
import { readPdf } from '../render/pdf.js';

const root = resolve(import.meta.dirname, '../..');
const scale = 'scale-ai-security-engineer';
const dana = {
  name: 'Dana Reyes',
  region: 'New York',
  offer: { base: 215000, equity: 240000, signOn: 20000 },
  competing: [
    { company: 'Google Security', totalComp: 310000 },
    { company: 'CrowdStrike', totalComp: 305000 },
  ],
  facts: ['TS/SCI', 'ML pipeline security', 'AI/ML security', 'FedRAMP authorization'],
};

let dir: string;
let app: RunningServe;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const j = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** A raw request, for headers fetch will not let us set (Host). */
function raw(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'offerbrief-serve-http-'));
  mkdirSync(join(dir, 'guides'));
  mkdirSync(join(dir, 'candidates'));
  copyFileSync(join(root, 'guides', `${scale}.md`), join(dir, 'guides', `${scale}.md`));
  copyFileSync(join(root, 'tests/fixtures/lint/rules/range-inverted/not-ok.md'), join(dir, 'guides', 'inverted.md'));
  app = await startServe({ cwd: dir, port: 0, date: '2026-03-05' });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the page', () => {
  it('serves the page, its script and its style with a strict policy and no caching', async () => {
    for (const [path, type] of [
      ['/', 'text/html; charset=utf-8'],
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/app.css', 'text/css; charset=utf-8'],
    ] as const) {
      const res = await fetch(`${app.origin}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    const html = await (await fetch(`${app.origin}/`)).text();
    // Nothing from another host: no http(s) URL in the page.
    expect(html).not.toMatch(/https?:\/\//);
    expect(readFileSync(join(root, 'web/app.js'), 'utf8')).not.toMatch(/https?:\/\//);
    expect(readFileSync(join(root, 'web/app.css'), 'utf8')).not.toMatch(/https?:\/\/|@import|url\(/);
  });

  it('answers 404 for an unknown path and 405 for the wrong method', async () => {
    const missing = await fetch(`${app.origin}/nope`);
    expect(missing.status).toBe(404);
    expect((await j(missing)).error).toBe('Unexpected path /nope, expected one of the app\'s pages or /api routes');
    const wrong = await fetch(`${app.origin}/api/plan`);
    expect(wrong.status).toBe(405);
    expect((await j(wrong)).error).toBe('Unexpected GET /api/plan, expected POST');
  });
});

describe('guides', () => {
  it('lists the guides by id with their lint counts', async () => {
    const res = await fetch(`${app.origin}/api/guides`);
    const data = await j(res);
    expect(data.date).toBe('2026-03-05');
    expect(data.guides.map((g: { id: string; errors: number; warnings: number; file: string }) => [g.id, g.file, g.errors, g.warnings])).toEqual([
      ['inverted', 'guides/inverted.md', 1, 0],
      [scale, `guides/${scale}.md`, 0, 0],
    ]);
  });

  it("shows a guide's bands and its diagnostics with the source line", async () => {
    const good = await j(fetch(`${app.origin}/api/guides/${scale}`));
    expect(good.title).toBe('Security Engineer | Scale AI Global Negotiation Guide');
    expect(good.bands.map((b: { region: string }) => b.region)).toEqual(['San Francisco', 'New York', 'Washington DC']);
    expect(good.bands[1]).toEqual({ region: 'New York', currency: 'USD', base: '$194K–$247K', equity: '$195K–$342K / 4yr', bonus: '—', totalComp: '$243K–$333K' });
    expect(good.diagnostics).toEqual([]);

    const bad = await j(fetch(`${app.origin}/api/guides/inverted`));
    const lines = readFileSync(join(dir, 'guides/inverted.md'), 'utf8').split('\n');
    expect(bad.diagnostics).toEqual([
      {
        ruleId: 'range-inverted',
        severity: 'error',
        message: 'Unexpected base salary range $220K-$180K with its low end above its high end, expected $180K-$220K',
        line: 7,
        column: 13,
        source: lines[6],
        url: expect.stringContaining('range-inverted'),
      },
    ]);
  });

  it('refuses a guide id that does not exist, and paths in its place', async () => {
    for (const id of ['nope', '..%2Fguides%2Finverted.md', '%2Fetc%2Fpasswd', 'inverted.md']) {
      const res = await fetch(`${app.origin}/api/guides/${id}`);
      expect(res.status).toBe(404);
      expect((await j(res)).error).toMatch(/^Unknown guide ".*", expected one of: inverted, scale-ai-security-engineer$/);
    }
    const plan = await post('/api/plan', { guide: '../guides/inverted.md', candidate: dana });
    expect(plan.status).toBe(404);
  });

  it('derives the form from the Candidate schema, with the guide regions and slots', async () => {
    const { fields } = await j(fetch(`${app.origin}/api/guides/${scale}/form`));
    const by = Object.fromEntries(fields.map((f: { key: string }) => [f.key, f]));
    expect(fields.map((f: { key: string }) => f.key)).toEqual(['name', 'region', 'offer', 'competing', 'facts', 'slots', 'fx']);
    // Exchange rates into the guide's dollar band, one number each.
    expect(by.fx).toMatchObject({ kind: 'rates', pairs: ['GBP/USD', 'EUR/USD', 'CAD/USD', 'CHF/USD'] });
    expect(by.name).toMatchObject({ kind: 'text', required: true, label: 'Name' });
    expect(by.region).toMatchObject({ kind: 'select', required: true, options: ['San Francisco', 'New York', 'Washington DC'] });
    expect(by.offer.kind).toBe('group');
    expect(by.offer.fields.map((f: { key: string; kind: string; required: boolean }) => [f.key, f.kind, f.required])).toEqual([
      ['base', 'number', true],
      ['equity', 'number', false],
      ['vestingYears', 'number', false],
      ['vesting', 'group', false],
      // An amount, or { percent } / [year1, year2] in a profile file: the form takes the amount.
      ['bonus', 'number', false],
      ['signOn', 'number', false],
      ['refresher', 'number', false],
      ['currency', 'text', false],
    ]);
    expect(by.competing.kind).toBe('rows');
    expect(by.competing.fields.map((f: { path: string }) => f.path)).toEqual(['competing[].company', 'competing[].totalComp', 'competing[].currency']);
    expect(by.facts).toMatchObject({ kind: 'list', item: { kind: 'text' } });
    expect(by.facts.item.suggestions).toContain('TS/SCI');
    expect(by.slots.kind).toBe('slots');
    expect(by.slots.slots[0]).toEqual({ slot: 'TS/SCI/Secret', choices: ['TS', 'SCI', 'Secret'] });
    const blank = await j(fetch(`${app.origin}/api/form`));
    expect(blank.fields.find((f: { key: string }) => f.key === 'region').kind).toBe('text');
  });

  it('sees a guide change on disk: an event, then the new lint status', async () => {
    const events = await fetch(`${app.origin}/api/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = decoder.decode((await reader.read()).value);
    const path = join(dir, 'guides/inverted.md');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('$220K-$180K', '$180K-$220K'));
    while (!seen.includes('event: guides')) seen += decoder.decode((await reader.read()).value);
    await reader.cancel();
    const data = await j(fetch(`${app.origin}/api/guides/inverted`));
    expect(data.errors).toBe(0);
    writeFileSync(path, original);
    const again = await j(fetch(`${app.origin}/api/guides/inverted`));
    expect(again.errors).toBe(1);
  });
});

describe('the live brief', () => {
  it('computes the same brief as `offerbrief plan` with the profile file', async () => {
    const res = await post('/api/plan', { guide: scale, candidate: dana });
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toMatch(/^plan;dur=\d+\.\d\d$/);
    const data = await j(res);
    const profile = join(dir, 'candidates', 'plan-check.yaml');
    writeFileSync(profile, JSON.stringify({ ...dana, guide: `../guides/${scale}.md` }));
    const loaded = await loadBrief({ cwd: dir, candidate: profile });
    expect(data.brief).toEqual({ ...loaded.brief, candidate: { ...loaded.brief.candidate, file: null } });
    expect(data.display.target.totalComp).toBe(`$${Math.round(loaded.brief.target.totalComp / 1000)}K`);
    expect(data.unfilled).toEqual(loaded.brief.unfilled);
    expect(data.warnings).toEqual(loaded.brief.warnings);
    expect(data.fileName).toBe('scale-ai-security-engineer-new-york-dana-reyes.pdf');
    // The ask and the email are the plan's own, as the PDF and `offerbrief draft` print them.
    expect(data.display.ask).toBe(loaded.brief.ask.line);
    expect(data.display.email).toEqual({ subject: loaded.brief.email.subject, markdown: loaded.brief.email.markdown });
    expect(data.display.email.markdown).not.toContain(`$${loaded.brief.floor.totalComp / 1000}K`);
    rmSync(profile);
  });

  it('names every field error by its path, in the words of the CLI', async () => {
    const res = await post('/api/plan', {
      guide: scale,
      candidate: { region: 'New York', offer: { base: 'lots', bogus: 1 }, competing: [{ company: '', totalComp: -5 }], facts: [3] },
    });
    expect(res.status).toBe(422);
    const data = await j(res);
    expect(data.fieldErrors).toEqual([
      { path: 'name', message: 'missing, expected a string' },
      { path: 'offer.base', message: 'expected a number, received "lots"' },
      { path: 'offer.bogus', message: 'unexpected field, expected one of: base, equity, vestingYears, vesting, bonus, signOn, refresher, currency' },
      { path: 'competing[0].company', message: 'expected a non-empty string, received ""' },
      { path: 'competing[0].totalComp', message: 'expected a number ≥ 0, received -5' },
      { path: 'facts[0]', message: 'expected a string, received 3' },
    ]);
  });

  it('puts an unknown region on the region field', async () => {
    const res = await post('/api/plan', { guide: scale, candidate: { ...dana, region: 'Mars' } });
    expect(res.status).toBe(422);
    expect((await j(res)).fieldErrors).toEqual([{ path: 'region', message: 'unknown region "Mars", expected one of: San Francisco, New York, Washington DC' }]);
  });

  it('refuses a guide with lint errors unless forced', async () => {
    const candidate = { name: 'Ann', region: 'Austin' };
    const res = await post('/api/plan', { guide: 'inverted', candidate });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'guides/inverted.md: 1 lint error, expected none (fix the guide, or render anyway)', lintErrors: 1 });
    const forced = await post('/api/plan', { guide: 'inverted', candidate, force: true });
    expect(forced.status).toBe(200);
  });
});

describe('taking it away', () => {
  it('downloads the PDF byte-identical to `offerbrief render` with the saved profile, and the one-page PDF too', async () => {
    const saved = await post('/api/profiles', { guide: scale, candidate: dana });
    expect(saved.status).toBe(201);
    expect(await saved.json()).toEqual({ id: 'dana-reyes.yaml', path: join('candidates', 'dana-reyes.yaml') });
    const profile = join(dir, 'candidates', 'dana-reyes.yaml');
    expect(statSync(profile).mode & 0o777).toBe(0o600);
    for (const template of ['brief', 'one-page']) {
      const res = await post('/api/pdf', { guide: scale, candidate: dana, template });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const name = template === 'brief' ? 'scale-ai-security-engineer-new-york-dana-reyes.pdf' : 'scale-ai-security-engineer-new-york-dana-reyes-one-page.pdf';
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const cli = await runCli(['render', '--candidate', 'candidates/dana-reyes.yaml', '--template', template, '--out', 'out', '--date', '2026-03-05'], { cwd: dir });
      // Only warnings (the offer is below Dana's floor), never an error.
      expect(cli.stderr).not.toMatch(/error/);
      expect(cli.code).toBe(0);
      expect(cli.stdout).toBe(`out/${name}\n`);
      expect(Buffer.compare(Buffer.from(bytes), readFileSync(join(dir, 'out', name)))).toBe(0);
    }
    const pdf = await readPdf(readFileSync(join(dir, 'out', 'scale-ai-security-engineer-new-york-dana-reyes.pdf')));
    expect(pdf.text).toContain('Dana Reyes');
  });

  it('encrypts with the password typed in the page', async () => {
    const res = await post('/api/pdf', { guide: scale, candidate: dana, password: 's3cret pass' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    await expect(readPdf(bytes)).rejects.toThrow(/password/i);
    expect((await readPdf(bytes, 's3cret pass')).text).toContain('Dana Reyes');
    const empty = await post('/api/pdf', { guide: scale, candidate: dana, password: '' });
    expect(empty.status).toBe(400);
  });

  it('gives the profile as YAML that reads back as the same candidate, guide relative to candidates/', async () => {
    const res = await post('/api/yaml', { guide: scale, candidate: dana });
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="dana-reyes.yaml"');
    const data = parseYaml(await res.text());
    expect(data).toEqual({ name: 'Dana Reyes', region: 'New York', guide: `../guides/${scale}.md`, offer: dana.offer, competing: dana.competing, facts: dana.facts });
  });

  it('does not overwrite a saved profile unless asked, and writes nothing for a bad one', async () => {
    const again = await post('/api/profiles', { guide: scale, candidate: { ...dana, name: 'Dana Reyes' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: `${join('candidates', 'dana-reyes.yaml')} exists, expected a new name (or confirm to overwrite it)`, exists: 'dana-reyes.yaml' });
    const over = await post('/api/profiles', { guide: scale, candidate: { ...dana, offer: { base: 220000 } }, overwrite: true });
    expect(over.status).toBe(200);
    expect(parseYaml(readFileSync(join(dir, 'candidates/dana-reyes.yaml'), 'utf8')).offer).toEqual({ base: 220000 });
    const named = await post('/api/profiles', { guide: scale, candidate: dana, file: '../../etc/evil' });
    expect(await named.json()).toEqual({ id: 'etc-evil.yaml', path: join('candidates', 'etc-evil.yaml') });
    const bad = await post('/api/profiles', { guide: scale, candidate: { name: 'Nobody', region: 'New York', offer: { base: 'x' } } });
    expect(bad.status).toBe(422);
    expect(existsSync(join(dir, 'candidates/nobody.yaml'))).toBe(false);
  });

  it('loads a profile from the candidates folder by its file name only', async () => {
    const list = await j(fetch(`${app.origin}/api/profiles`));
    expect(list).toEqual({ folder: 'candidates', profiles: [{ id: 'dana-reyes.yaml' }, { id: 'etc-evil.yaml' }] });
    const one = await j(fetch(`${app.origin}/api/profiles/dana-reyes.yaml`));
    expect(one).toEqual({ id: 'dana-reyes.yaml', guide: scale, candidate: { name: 'Dana Reyes', region: 'New York', offer: { base: 220000 }, competing: dana.competing, facts: dana.facts } });
    for (const id of ['..%2Fguides%2Finverted.md', 'nope.yaml']) {
      const res = await fetch(`${app.origin}/api/profiles/${id}`);
      expect(res.status).toBe(404);
    }
  });
});

describe('templates', () => {
  it('offers the templates of --templates beside brief and one-page, by id', async () => {
    mkdirSync(join(dir, 'my-templates'));
    copyFileSync(join(root, 'templates/one-page.md'), join(dir, 'my-templates', 'Summary.md'));
    const withTemplates = await startServe({ cwd: dir, port: 0, templates: 'my-templates', date: '2026-03-05' });
    try {
      expect(await j(fetch(`${withTemplates.origin}/api/templates`))).toEqual({
        templates: [
          { id: 'brief', label: 'Full brief' },
          { id: 'one-page', label: 'One-page summary' },
          { id: 'summary', label: 'Summary.md' },
        ],
      });
      const body = JSON.stringify({ guide: scale, candidate: dana, template: 'summary' });
      const res = await fetch(`${withTemplates.origin}/api/pdf`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="scale-ai-security-engineer-new-york-dana-reyes-summary.pdf"');
      const bad = await fetch(`${withTemplates.origin}/api/pdf`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ guide: scale, candidate: dana, template: '../templates/brief.md' }) });
      expect(bad.status).toBe(400);
      expect((await j(bad)).error).toBe('Unknown template "../templates/brief.md", expected one of: brief, one-page, summary');
    } finally {
      await withTemplates.close();
      rmSync(join(dir, 'my-templates'), { recursive: true });
    }
  });
});

describe('limits and privacy', () => {
  it('refuses bodies over the size limit, other content types and broken JSON', async () => {
    const big = await post('/api/plan', { guide: scale, candidate: { ...dana, facts: ['x'.repeat(300 * 1024)] } });
    expect(big.status).toBe(413);
    expect((await j(big)).error).toMatch(/^Unexpected \d+-byte body, expected at most 262144 bytes$/);
    const text = await fetch(`${app.origin}/api/plan`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const broken = await fetch(`${app.origin}/api/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"guide":' });
    expect(broken.status).toBe(400);
    expect((await j(broken)).error).toMatch(/^Unexpected body, expected JSON: /);
  });

  it('refuses a cross-site post and a foreign Host (DNS rebinding) on loopback', async () => {
    const cross = await post('/api/plan', { guide: scale, candidate: dana }, { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const rebound = await raw(app.port, '/api/guides', { Host: `evil.example:${app.port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toBe(`Unexpected Host "evil.example:${app.port}", expected a loopback address such as 127.0.0.1`);
    expect((await raw(app.port, '/api/guides', { Host: `localhost:${app.port}` })).status).toBe(200);
  });

  it('binds 127.0.0.1 without a token by default', () => {
    expect(app.token).toBeNull();
    expect(app.url).toBe(`http://127.0.0.1:${app.port}/`);
  });

  it('requires the token on every request when bound elsewhere', async () => {
    const open = await startServe({ cwd: dir, port: 0, host: '0.0.0.0', token: 'test-token-123' });
    try {
      expect(open.url).toBe(`http://0.0.0.0:${open.port}/?token=test-token-123`);
      const base = `http://127.0.0.1:${open.port}`;
      for (const path of ['/', '/app.js', '/api/guides', `/api/guides/${scale}`, '/api/profiles']) {
        const res = await fetch(`${base}${path}`);
        expect(res.status).toBe(401);
        expect((await j(res)).error).toBe('Unexpected request without the token, expected the address printed by `offerbrief serve` (…/?token=…)');
      }
      expect((await fetch(`${base}/api/guides?token=wrong`)).status).toBe(401);
      expect((await fetch(`${base}/api/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ guide: scale, candidate: dana }) })).status).toBe(401);
      // The printed address: a cookie, and the token taken out of the address bar.
      const first = await fetch(`${base}/?token=test-token-123`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/');
      const cookie = first.headers.get('set-cookie') as string;
      expect(cookie).toBe('offerbrief_token=test-token-123; HttpOnly; SameSite=Strict; Path=/');
      expect((await fetch(`${base}/api/guides`, { headers: { Cookie: cookie.split(';')[0] as string } })).status).toBe(200);
      expect((await fetch(`${base}/api/guides`, { headers: { Authorization: 'Bearer test-token-123' } })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('makes a random token, and can require it on loopback too', async () => {
    const locked = await startServe({ cwd: dir, port: 0, requireToken: true });
    try {
      expect(locked.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect((await fetch(`${locked.origin}/api/guides`)).status).toBe(401);
      expect((await fetch(`${locked.origin}/api/guides?token=${locked.token}`)).status).toBe(200);
    } finally {
      await locked.close();
    }
  });

  it('wrote nothing but the profiles it was asked to save (and the CLI its PDFs)', async () => {
    expect(readFileSync(join(dir, 'guides/inverted.md'), 'utf8')).toBe(readFileSync(join(root, 'tests/fixtures/lint/rules/range-inverted/not-ok.md'), 'utf8'));
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).sort()).toEqual(['candidates', 'guides', 'out']);
    expect(readdirSync(join(dir, 'guides')).sort()).toEqual(['inverted.md', `${scale}.md`]);
  });
});

describe('offerbrief serve', () => {
  it('prints its help', async () => {
    const { code, stdout } = await runCli(['serve', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: offerbrief serve [--guides DIR] [--templates DIR] [--port 4321] [--host 127.0.0.1] [--open]');
    // docs/cli-serve.md shows the help as it is.
    expect(readFileSync(join(root, 'docs/cli-serve.md'), 'utf8')).toContain(`## Usage\n\n\`\`\`\n${stdout}\`\`\`\n`);
  });

  it('says what is wrong with its options', async () => {
    expect(await runCli(['serve', '--port', 'http'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'offerbrief serve: Unexpected --port "http", expected a number from 0 to 65535\nRun `offerbrief serve --help` for usage.\n' });
    const missing = await runCli(['serve', '--guides', 'nowhere', '--port', '0'], { cwd: dir });
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'offerbrief serve: nowhere: no such file or folder\n' });
    const busy = await runCli(['serve', '--port', String(app.port)], { cwd: dir });
    expect(busy).toEqual({ code: 2, stdout: '', stderr: `offerbrief serve: port ${app.port} on 127.0.0.1 is in use, expected a free port (pass --port <n>, or --port 0 for any free one)\n` });
  });

  it('prints its address and stops cleanly on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(root, 'bin/offerbrief.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((done) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /offerbrief serve: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
        if (match) done(match[1] as string);
      });
    });
    expect((await fetch(`${url}api/guides`)).status).toBe(200);
    const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out).toBe(`offerbrief serve: ${url}\nPress Ctrl-C to stop.\nofferbrief serve: stopped\n`);
  });
});

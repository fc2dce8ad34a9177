import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { InputError, IoError, OfferbriefError, UsageError } from '../errors.js';
import { Candidate } from '../model/candidate.js';
import type { Brief, Segment } from '../model/brief.js';
import { buildBrief, describeIssues, formatPath, parseProfileText } from '../personalize/index.js';
import { maxProfileBytes } from '../personalize/profile.js';
import { packageRoot } from '../paths.js';
import { briefFileName, loadTemplate, renderBrief, resolveRenderDate, slugify, writeFileAtomic, type Template } from '../render/index.js';
import { candidateHash } from '../render/slug.js';
import { formatGap, formatMoney, formatRange } from '../render/format.js';
import type { ValidateOptions } from '../validate/index.js';
import { candidateForm } from './form.js';
import { GuideLibrary, type LoadedGuide } from './guides.js';
import { cookieValue, hostName, HttpError, isLoopback, readJson, sameToken, securityHeaders, sendBytes, sendJson } from './http.js';

export interface ServeOptions {
  cwd: string;
  /** Folder of guides (default `guides`). */
  guides?: string;
  /** Folder of extra templates (`*.md`), offered beside `brief` and `one-page`. */
  templates?: string;
  /** Folder profiles are loaded from and saved to (default `candidates`). */
  candidates?: string;
  /** 0 picks a free port. Default 4321. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Require the token even on a loopback address (always required elsewhere). */
  requireToken?: boolean;
  /** Use this token instead of a random one (tests). */
  token?: string;
  /** The briefs' date, as `render --date`; else SOURCE_DATE_EPOCH from `env`; else undated. */
  date?: string;
  env?: Record<string, string | undefined>;
  validate?: ValidateOptions;
  /** Largest request body, in bytes (default 256 KiB). */
  maxBodyBytes?: number;
}

export interface RunningServe {
  /** The address to open (with `?token=` when a token is required). */
  url: string;
  /** The bare origin, `http://127.0.0.1:4321`. */
  origin: string;
  port: number;
  token: string | null;
  server: Server;
  close(): Promise<void>;
}

export const defaultMaxBodyBytes = 256 * 1024;
const TOKEN_COOKIE = 'offerbrief_token';

/** The app's own files: a page, a script, a style sheet. No build step, no framework. */
export const assetsDir = join(packageRoot, 'web');
const assets: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

interface TemplateEntry {
  id: string;
  label: string;
  /** What loadTemplate and briefFileName take: a bundled name or an absolute path. */
  ref: string;
}

type FieldError = { path: string; message: string };

/** The candidate as the form sent it, checked by the model's own schema; one error per field. */
export function checkCandidate(data: unknown): { candidate: Candidate } | { errors: FieldError[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { errors: [{ path: '', message: 'expected the candidate as an object' }] };
  }
  const result = Candidate.safeParse(data);
  if (result.success) return { candidate: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    for (const line of describeIssues([issue], data)) {
      // describeIssues writes `<path>: <message>`, the path as formatPath spells it.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => formatPath([...issue.path, key])) : [formatPath(issue.path)];
      const path = keys.find((key) => line.startsWith(`${key}: `)) ?? formatPath(issue.path);
      errors.push({ path: path === '(top level)' ? '' : path, message: line.startsWith(`${path}: `) ? line.slice(path.length + 2) : line });
    }
  }
  return { errors };
}

/** What the page shows at a glance, formatted by the brief's own money formatter. */
export function briefDisplay(brief: Brief) {
  const c = brief.currency;
  const money = (n: number) => formatMoney(n, c);
  const pkg = (p: Brief['target']) => ({
    base: money(p.base),
    equity: money(p.equity),
    annualEquity: money(p.annualEquity),
    vestingYears: p.vestingYears,
    bonus: money(p.bonus),
    totalComp: money(p.totalComp),
  });
  const offer = brief.offer;
  const text = (segments: Segment[]) =>
    segments.map((s) => (s.type === 'text' ? { type: 'text', text: s.text } : s.type === 'number' ? { type: 'number', text: s.text } : { type: 'slot', text: s.value ?? `[${s.slot}]`, filled: s.value !== null }));
  return {
    currency: c,
    region: brief.region,
    band: { base: formatRange(brief.band.base, c), totalComp: formatRange(brief.band.totalComp, c) },
    target: pkg(brief.target),
    floor: pkg(brief.floor),
    offer: offer
      ? {
          totalComp: money(offer.totalComp),
          base: money(offer.base),
          position: offer.belowFloor > 0 ? `below your floor by ${money(offer.belowFloor)}` : offer.position.totalComp.text,
          gaps: { base: formatGap(offer.gaps.base, c), annualEquity: formatGap(offer.gaps.annualEquity, c), totalComp: formatGap(offer.gaps.totalComp, c) },
        }
      : null,
    // The plan's own sentence, as the PDF prints it.
    ask: [brief.ask.line, brief.ask.levelLine].filter(Boolean).join(' '),
    email: { subject: brief.email.subject, markdown: brief.email.markdown },
    raisedTarget: brief.competing.raisedTarget,
    script: text(brief.script),
    levers: brief.levers.map((lever) => ({ name: lever.name, segments: text(lever.segments) })),
  };
}

/** The profile as YAML, with `guide` relative to the folder it is saved in, so render and batch find it. */
export function profileYaml(data: Record<string, unknown>, guidePath: string, profileDir: string): string {
  const { $schema: _schema, guide: _guide, name, region, ...rest } = data;
  const guide = relative(profileDir, guidePath).split(sep).join('/');
  const ordered: Record<string, unknown> = { name, region, guide, ...rest };
  for (const key of Object.keys(ordered)) {
    const value = ordered[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0) || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) {
      delete ordered[key];
    }
  }
  return `# Written by offerbrief serve; \`offerbrief render --candidate <this file>\` renders the same brief.\n${stringify(ordered)}`;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'Unexpected body, expected a JSON object');
  return body as Record<string, unknown>;
}

function stringField(body: Record<string, unknown>, key: string, required: true): string;
function stringField(body: Record<string, unknown>, key: string, required: false): string | undefined;
function stringField(body: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `Unexpected ${key} ${JSON.stringify(value) ?? 'undefined'}, expected a non-empty string`);
  return value;
}

/** Starts the app. Resolves once it listens; `close()` stops it and ends open connections. */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const cwd = options.cwd;
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopback(host);
  const token = !loopback || options.requireToken ? (options.token ?? randomBytes(24).toString('base64url')) : null;
  const limit = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const date = resolveRenderDate({ env: options.env ?? {}, ...(options.date !== undefined ? { date: options.date } : {}) });
  const library = new GuideLibrary({ cwd, dir: options.guides ?? 'guides', validate: options.validate ?? {} });
  await library.scan();
  const candidatesDir = resolve(cwd, options.candidates ?? 'candidates');

  const templates: TemplateEntry[] = [
    { id: 'brief', label: 'Full brief', ref: 'brief' },
    { id: 'one-page', label: 'One-page summary', ref: 'one-page' },
  ];
  if (options.templates !== undefined) {
    const dir = resolve(cwd, options.templates);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.md')).sort();
    } catch (error) {
      throw new IoError(`${options.templates}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}, expected a folder of templates (*.md)`);
    }
    for (const name of names) {
      const ref = join(dir, name);
      await loadTemplate(ref, cwd); // a broken template is a start-up error, not a surprise later
      let id = slugify(name.replace(/\.md$/i, '')) || 'template';
      while (templates.some((t) => t.id === id)) id = `${id}-2`;
      templates.push({ id, label: name, ref });
    }
  }

  const assetBytes = new Map<string, Buffer>();
  for (const [route, asset] of Object.entries(assets)) {
    try {
      assetBytes.set(route, await readFile(join(assetsDir, asset.file)));
    } catch (error) {
      throw new IoError(`${join(assetsDir, asset.file)}: ${(error as Error).message} (the app's page; reinstall offerbrief)`);
    }
  }

  const events = new Set<ServerResponse>();
  const unsubscribe = library.onChange(() => {
    for (const res of events) res.write(`event: guides\ndata: {}\n\n`);
  });

  async function guideOf(id: unknown): Promise<LoadedGuide> {
    if (typeof id !== 'string' || id === '') throw new HttpError(400, 'Unexpected guide, expected a guide id (see /api/guides)');
    const entry = library.entry(id);
    if (!entry) throw new HttpError(404, `Unknown guide "${id}", expected one of: ${library.list().map((e) => e.id).join(', ')}`);
    try {
      return await library.load(entry);
    } catch (error) {
      if (error instanceof OfferbriefError) throw new HttpError(404, error.message);
      throw error;
    }
  }

  function templateOf(id: unknown): TemplateEntry {
    if (id === undefined) return templates[0] as TemplateEntry;
    const found = templates.find((t) => t.id === id);
    if (!found) throw new HttpError(400, `Unknown template ${JSON.stringify(id)}, expected one of: ${templates.map((t) => t.id).join(', ')}`);
    return found;
  }

  /** The brief for a request body `{ guide, candidate, force? }`: 422 with field errors for a bad profile. */
  function planOf(loaded: LoadedGuide, body: Record<string, unknown>) {
    const checked = checkCandidate(body.candidate);
    if ('errors' in checked) throw new HttpError(422, 'The profile has errors', { fieldErrors: checked.errors });
    const lintErrors = loaded.lint.messages.filter((m) => m.severity === 2);
    if (lintErrors.length > 0 && body.force !== true) {
      throw new HttpError(409, `${loaded.shown}: ${lintErrors.length} lint error${lintErrors.length === 1 ? '' : 's'}, expected none (fix the guide, or render anyway)`, {
        lintErrors: lintErrors.length,
      });
    }
    try {
      const result = buildBrief({
        guide: loaded.guide,
        guideFile: { name: basename(loaded.path), sha256: loaded.sha256 },
        candidate: checked.candidate,
        candidateFile: null,
      });
      return { brief: result.brief, candidate: checked.candidate, data: body.candidate as Record<string, unknown> };
    } catch (error) {
      if (error instanceof InputError && /^unknown region/.test(error.message)) {
        throw new HttpError(422, 'The profile has errors', { fieldErrors: [{ path: 'region', message: error.message }] });
      }
      if (error instanceof InputError) throw new HttpError(422, error.message);
      throw error;
    }
  }

  async function template(entry: TemplateEntry): Promise<Template> {
    return loadTemplate(entry.ref, cwd);
  }

  async function profileFiles(): Promise<string[]> {
    try {
      return (await readdir(candidatesDir, { withFileTypes: true }))
        .filter((d) => d.isFile() && /\.(ya?ml|json)$/i.test(d.name))
        .map((d) => d.name)
        .sort();
    } catch {
      return [];
    }
  }

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>> = {
    'GET /api/guides': async (_req, res) => {
      const list = [];
      for (const entry of library.list()) {
        try {
          const loaded = await library.load(entry);
          list.push({
            id: entry.id,
            file: entry.shown,
            title: loaded.guide.title.text,
            company: loaded.guide.title.company,
            role: loaded.guide.title.role,
            errors: loaded.lint.errorCount,
            warnings: loaded.lint.warningCount,
          });
        } catch (error) {
          list.push({ id: entry.id, file: entry.shown, title: entry.shown, company: '', role: '', errors: 1, warnings: 0, unreadable: (error as Error).message });
        }
      }
      sendJson(res, 200, { guides: list, date });
    },
    'GET /api/guides/:id': async (_req, res, [id]) => {
      const loaded = await guideOf(id);
      const { briefBand, exactBand } = await import('../personalize/index.js');
      sendJson(res, 200, {
        id: loaded.id,
        file: loaded.shown,
        title: loaded.guide.title.text,
        company: loaded.guide.title.company,
        role: loaded.guide.title.role,
        tags: loaded.guide.tags,
        errors: loaded.lint.errorCount,
        warnings: loaded.lint.warningCount,
        bands: loaded.guide.bands.map((band) => {
          const shown = briefBand(exactBand(band));
          const c = shown.currency;
          return {
            region: shown.region,
            currency: c,
            base: formatRange(shown.base, c),
            equity: shown.equity ? `${formatRange({ low: shown.equity.low, high: shown.equity.high }, c)} / ${shown.equity.vestingYears}yr` : '—',
            bonus: shown.bonusPercent ? `${shown.bonusPercent.low}%–${shown.bonusPercent.high}%` : shown.bonus ? formatRange(shown.bonus, c) : '—',
            totalComp: formatRange(shown.totalComp, c),
          };
        }),
        diagnostics: loaded.lint.messages.map((m) => ({
          ruleId: m.ruleId,
          severity: m.severity === 2 ? 'error' : 'warning',
          message: m.message,
          line: m.line,
          column: m.column,
          source: loaded.lines[m.line - 1] ?? '',
          ...(m.url ? { url: m.url } : {}),
        })),
      });
    },
    'GET /api/guides/:id/form': async (_req, res, [id]) => {
      const loaded = await guideOf(id);
      sendJson(res, 200, { guide: loaded.id, fields: candidateForm(loaded.guide) });
    },
    'GET /api/form': async (_req, res) => {
      sendJson(res, 200, { guide: null, fields: candidateForm(null) });
    },
    'GET /api/templates': async (_req, res) => {
      sendJson(res, 200, { templates: templates.map(({ id, label }) => ({ id, label })) });
    },
    'GET /api/profiles': async (_req, res) => {
      sendJson(res, 200, { folder: relative(cwd, candidatesDir) || '.', profiles: (await profileFiles()).map((file) => ({ id: file })) });
    },
    'GET /api/profiles/:id': async (_req, res, [id]) => {
      // Only a name from the folder's listing: never a path the browser made up.
      if (!(await profileFiles()).includes(id as string)) throw new HttpError(404, `Unknown profile "${id}", expected one of the files in ${relative(cwd, candidatesDir) || '.'}`);
      const path = join(candidatesDir, id as string);
      const shown = relative(cwd, path);
      const info = await stat(path);
      if (info.size > maxProfileBytes) throw new HttpError(413, `${shown}: ${info.size} bytes, expected a profile of at most ${maxProfileBytes} bytes`);
      let data: unknown;
      try {
        data = parseProfileText((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''), shown);
      } catch (error) {
        if (error instanceof OfferbriefError) throw new HttpError(422, error.message);
        throw error;
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new HttpError(422, `${shown}: expected a mapping with at least name and region`);
      const { guide: guideField, $schema: _schema, ...candidate } = data as Record<string, unknown>;
      const entry = typeof guideField === 'string' ? library.entryForPath(resolve(dirname(path), guideField)) : undefined;
      sendJson(res, 200, {
        id,
        candidate,
        guide: entry?.id ?? null,
        ...(entry || typeof guideField !== 'string' ? {} : { note: `${shown}: its guide ${guideField} is not among the served guides; pick one` }),
      });
    },
    'POST /api/plan': async (req, res) => {
      const body = objectBody(await readJson(req, limit));
      const started = performance.now();
      const loaded = await guideOf(body.guide);
      const plan = planOf(loaded, body);
      const display = briefDisplay(plan.brief);
      const took = performance.now() - started;
      sendJson(
        res,
        200,
        {
          brief: plan.brief,
          display,
          unfilled: plan.brief.unfilled,
          warnings: [...loaded.lint.messages.filter((m) => m.severity === 1).map((m) => `${loaded.shown}:${m.line}:${m.column}  ${m.message}  ${m.ruleId}`), ...plan.brief.warnings],
          fileName: briefFileName(plan.brief, templateOf(body.template).ref),
        },
        { 'Server-Timing': `plan;dur=${took.toFixed(2)}` },
      );
    },
    'POST /api/pdf': async (req, res) => {
      const body = objectBody(await readJson(req, limit));
      const loaded = await guideOf(body.guide);
      const entry = templateOf(body.template);
      const plan = planOf(loaded, body);
      const password = body.password;
      if (password !== undefined && (typeof password !== 'string' || password === '')) throw new HttpError(400, 'Unexpected password, expected a non-empty string (or none)');
      const started = performance.now();
      // The owner mark `render` writes for the profile as Save would name it, so the bytes are the same.
      const requested = typeof body.file === 'string' ? body.file : null;
      const stem = slugify((requested ?? plan.candidate.name).replace(/\.ya?ml$/i, '')) || 'candidate';
      const owner = candidateHash(relative(cwd, join(candidatesDir, `${stem}.yaml`)) || `${stem}.yaml`);
      const bytes = await renderBrief(plan.brief, { template: await template(entry), date, owner, ...(password !== undefined ? { password } : {}) });
      const name = briefFileName(plan.brief, entry.ref);
      sendBytes(res, 200, 'application/pdf', bytes, {
        'Content-Disposition': `${body.inline === true ? 'inline' : 'attachment'}; filename="${name}"`,
        'Server-Timing': `render;dur=${(performance.now() - started).toFixed(2)}`,
      });
    },
    'POST /api/yaml': async (req, res) => {
      const body = objectBody(await readJson(req, limit));
      const loaded = await guideOf(body.guide);
      const plan = planOf({ ...loaded, lint: { ...loaded.lint, messages: [] } }, body);
      const name = `${slugify(plan.candidate.name) || 'candidate'}.yaml`;
      sendBytes(res, 200, 'application/yaml; charset=utf-8', profileYaml(plan.data, loaded.path, candidatesDir), { 'Content-Disposition': `attachment; filename="${name}"` });
    },
    'POST /api/profiles': async (req, res) => {
      const body = objectBody(await readJson(req, limit));
      const loaded = await guideOf(body.guide);
      const plan = planOf({ ...loaded, lint: { ...loaded.lint, messages: [] } }, body);
      const requested = stringField(body, 'file', false);
      const stem = slugify((requested ?? plan.candidate.name).replace(/\.ya?ml$/i, ''));
      if (stem === '') throw new HttpError(400, `Unexpected file name ${JSON.stringify(requested)}, expected letters or digits`);
      const file = `${stem}.yaml`;
      const path = join(candidatesDir, file);
      const exists = await stat(path).then(() => true, () => false);
      if (exists && body.overwrite !== true) {
        throw new HttpError(409, `${relative(cwd, path)} exists, expected a new name (or confirm to overwrite it)`, { exists: file });
      }
      await mkdir(candidatesDir, { recursive: true });
      await writeFileAtomic(path, Buffer.from(profileYaml(plan.data, loaded.path, candidatesDir)), { mode: 0o600 });
      sendJson(res, exists ? 200 : 201, { id: file, path: relative(cwd, path) });
    },
    'GET /api/events': async (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
      res.write(': offerbrief\n\n');
      events.add(res);
      const beat = setInterval(() => res.write(': beat\n\n'), 25_000);
      req.on('close', () => {
        clearInterval(beat);
        events.delete(res);
      });
    },
  };

  function match(method: string, pathname: string): { handler: (typeof routes)[string]; params: string[] } | null {
    const parts = pathname.split('/');
    for (const [key, handler] of Object.entries(routes)) {
      const [m, pattern] = key.split(' ') as [string, string];
      if (m !== method) continue;
      const want = pattern.split('/');
      if (want.length !== parts.length) continue;
      const params: string[] = [];
      let ok = true;
      for (let i = 0; i < want.length && ok; i += 1) {
        const w = want[i] as string;
        const p = parts[i] as string;
        if (w.startsWith(':')) {
          let value: string;
          try {
            value = decodeURIComponent(p);
          } catch {
            ok = false;
            break;
          }
          if (value === '') ok = false;
          else params.push(value);
        } else if (w !== p) ok = false;
      }
      if (ok) return { handler, params };
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    // On loopback, a Host other than a loopback name is a DNS-rebinding page talking to us.
    if (loopback && !isLoopback(hostName(req.headers.host))) {
      throw new HttpError(403, `Unexpected Host "${req.headers.host ?? ''}", expected a loopback address such as 127.0.0.1`);
    }
    if (token !== null) {
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const query = url.searchParams.get('token') ?? undefined;
      const given = [bearer, query, cookieValue(req, TOKEN_COOKIE)].find((value) => value !== undefined);
      if (!sameToken(given, token)) {
        throw new HttpError(401, 'Unexpected request without the token, expected the address printed by `offerbrief serve` (…/?token=…)');
      }
      if (query !== undefined) {
        res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
        if (method === 'GET' && url.pathname === '/') {
          // Take the token out of the address bar (and of the history) once the cookie holds it.
          res.writeHead(303, { Location: '/' });
          res.end();
          return;
        }
      }
    }
    if (method !== 'GET' && method !== 'HEAD') {
      // A cross-site page may post to us (a form cannot send JSON, but be sure): same origin only.
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      if ((origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        throw new HttpError(403, `Unexpected cross-site request from ${origin ?? String(site)}, expected the app's own page`);
      }
    }
    const asset = assets[url.pathname];
    if (asset && (method === 'GET' || method === 'HEAD')) {
      sendBytes(res, 200, asset.type, assetBytes.get(url.pathname) as Buffer);
      return;
    }
    const found = match(method === 'HEAD' ? 'GET' : method, url.pathname);
    if (!found) {
      const other = match(method === 'GET' ? 'POST' : 'GET', url.pathname);
      if (other) throw new HttpError(405, `Unexpected ${method} ${url.pathname}, expected ${method === 'GET' ? 'POST' : 'GET'}`);
      throw new HttpError(404, `Unexpected path ${url.pathname}, expected one of the app's pages or /api routes`);
    }
    await found.handler(req, res, found.params);
  }

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        // Stop reading a body that is too large: answer and close.
        if (error.status === 413) res.setHeader('Connection', 'close');
        sendJson(res, error.status, { error: error.message, ...error.details });
        if (error.status === 413) req.destroy();
        return;
      }
      if (error instanceof OfferbriefError) {
        sendJson(res, error instanceof UsageError ? 400 : error instanceof InputError ? 422 : 500, { error: error.message });
        return;
      }
      // A bug of ours: the message, never the request (it holds candidate data).
      sendJson(res, 500, { error: `internal error: ${(error as Error)?.message ?? String(error)}` });
    });
  });

  const port = options.port ?? 4321;
  await new Promise<void>((resolvePromise, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      library.close();
      unsubscribe();
      if (error.code === 'EADDRINUSE') reject(new IoError(`port ${port} on ${host} is in use, expected a free port (pass --port <n>, or --port 0 for any free one)`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new UsageError(`--host ${host}: not an address of this machine, expected e.g. 127.0.0.1 or 0.0.0.0`));
      else if (error.code === 'EACCES') reject(new IoError(`port ${port}: permission denied, expected a port above 1023 (or --port 0)`));
      else reject(new IoError(`cannot listen on ${host}:${port}: ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${shownHost}:${address.port}`;
  return {
    origin,
    url: `${origin}/${token !== null ? `?token=${token}` : ''}`,
    port: address.port,
    token,
    server,
    close: async () => {
      unsubscribe();
      library.close();
      for (const res of events) res.end();
      events.clear();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

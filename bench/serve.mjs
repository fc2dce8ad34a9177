#!/usr/bin/env node
// `node bench/serve.mjs` (after `npm run build`): the latency of `offerbrief serve` from a form
// change to the updated numbers. For each bundled guide it posts 200 form states to /api/plan,
// as a coach typing an offer would (base and a competing offer changing by keystroke), and
// reports the server's own time (Server-Timing: body parsed → brief built → answer ready) and the
// whole loopback round trip (JSON both ways included), then the PDF preview's render time.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startServe } = await import(join(root, 'dist/serve/app.js'));
const { parse } = await import('yaml');

const app = await startServe({ cwd: root, port: 0, date: '2026-03-05' });
const guides = (await (await fetch(`${app.origin}/api/guides`)).json()).guides;
const profiles = ['amelie-tremblay.json', 'dana-reyes.yaml', 'marcus-lee.yaml', 'oliver-grant.json', 'priya-natarajan.yaml'].map((f) => {
  const text = readFileSync(join(root, 'candidates', f), 'utf8');
  return f.endsWith('.json') ? JSON.parse(text) : parse(text);
});

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const fmt = (n) => n.toFixed(2).padStart(7);

async function post(path, body) {
  const started = performance.now();
  const res = await fetch(`${app.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = await res.arrayBuffer();
  const total = performance.now() - started;
  const server = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  if (!res.ok) throw new Error(`${path} ${res.status}: ${Buffer.from(bytes).toString()}`);
  return { total, server };
}

console.log(`load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log('guide                                   plan server p50/p95/max ms   round trip p50/p95 ms   pdf render p50 ms');
for (const guide of guides) {
  const form = await (await fetch(`${app.origin}/api/guides/${guide.id}/form`)).json();
  const region = form.fields.find((f) => f.key === 'region').options[0];
  const base = profiles.find((p) => p.guide?.includes(guide.id)) ?? profiles[0];
  const candidate = { name: base.name, region, facts: base.facts ?? [], offer: { base: 100000, equity: 200000 }, competing: [] };
  // Warm-up: the first request parses and lints the guide, as opening its page does.
  for (let i = 0; i < 20; i++) await post('/api/plan', { guide: guide.id, candidate });
  const server = [];
  const total = [];
  for (let i = 0; i < 200; i++) {
    // Typing "215000" then a competing offer: each keystroke is one form state.
    const c = { ...candidate, offer: { base: 100000 + i * 700, equity: 200000 }, competing: i % 2 ? [{ company: 'Other', totalComp: 250000 + i * 1000 }] : [] };
    const r = await post('/api/plan', { guide: guide.id, candidate: c });
    server.push(r.server);
    total.push(r.total);
  }
  const renders = [];
  for (let i = 0; i < 30; i++) {
    const r = await post('/api/pdf', { guide: guide.id, candidate: { ...candidate, offer: { base: 150000 + i * 1000 } }, inline: true });
    if (i >= 5) renders.push(r.server);
  }
  server.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  renders.sort((a, b) => a - b);
  console.log(
    `${guide.id.padEnd(40)}${fmt(pct(server, 50))}${fmt(pct(server, 95))}${fmt(server.at(-1))}        ${fmt(pct(total, 50))}${fmt(pct(total, 95))}        ${fmt(pct(renders, 50))}`,
  );
}
console.log(`load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
await app.close();

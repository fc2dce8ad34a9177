#!/usr/bin/env node
// The language server's diagnostic latency on the bundled guides, over stdio as
// an editor drives it: the time from sending didOpen (or a one-character
// didChange) to receiving publishDiagnostics for that version. Changes are
// measured twice: with the default debounce (what a user waits) and with
// debounce 0 (the server's own work). Run: node bench/lsp.mjs
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const guides = readdirSync(join(root, 'guides')).filter((f) => f.endsWith('.md')).sort();
const rounds = 20;

async function session(debounceMs) {
  const child = spawn(process.execPath, [join(root, 'bin/offerbrief.js'), 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const key = `${p.uri}#${p.version}`;
    waiting.get(key)?.(performance.now());
    waiting.delete(key);
  });
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: debounceMs === undefined ? {} : { debounceMs } });
  await client.sendNotification(InitializedNotification.type, {});
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
  const open = {};
  const change = {};
  for (const name of guides) {
    const text = readFileSync(join(root, 'guides', name), 'utf8');
    open[name] = [];
    change[name] = [];
    for (let round = 0; round < rounds; round++) {
      const uri = pathToFileURL(join(root, 'guides', `${round}-${name}`)).href;
      let t0 = performance.now();
      const opened = published(uri, 1);
      await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      open[name].push((await opened) - t0);
      t0 = performance.now();
      const changed = published(uri, 2);
      await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }] });
      change[name].push((await changed) - t0);
    }
  }
  await client.sendRequest(ShutdownRequest.type);
  await client.sendNotification(ExitNotification.type);
  client.dispose();
  return { open, change };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`;

const plain = await session(0);
const debounced = await session(undefined);
console.log(`lsp diagnostics, ${rounds} rounds per guide (the first open of a session includes warming up), loadavg ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
for (const name of guides) {
  const size = readFileSync(join(root, 'guides', name)).length;
  console.log(`${name} (${(size / 1024).toFixed(1)} KB)\n  didOpen: ${fmt(plain.open[name])}\n  didChange, no debounce: ${fmt(plain.change[name])}\n  didChange, default debounce: ${fmt(debounced.change[name])}`);
}
const all = (m) => Object.values(m).flat();
console.log(`all guides: didOpen ${fmt(all(plain.open))}; didChange ${fmt(all(plain.change))} (no debounce), ${fmt(all(debounced.change))} (default debounce)`);

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  RegistrationRequest,
  type Registration,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const root = new URL('../..', import.meta.url).pathname;
const wrongTotal = await readFile(join(root, 'tests/fixtures/lint/rules/tc-mismatch/not-ok.md'), 'utf8');

let dir: string;
let child: ChildProcess;
let client: ProtocolConnection;
const published: PublishDiagnosticsParams[] = [];
let waiters: Array<() => void> = [];
const registrations: Registration[] = [];

/** The next diagnostics for `uri` matching `test`, within 10 s. */
function diagnosticsFor(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, after = 0): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in 10 s; got ${JSON.stringify(published)}`)), 10_000);
    const check = () => {
      const found = published.slice(after).find((p) => p.uri === uri && test(p));
      if (!found) return false;
      clearTimeout(timer);
      resolve(found);
      return true;
    };
    if (!check()) waiters.push(() => void check());
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerbrief-lsp-'));
  await mkdir(join(dir, '.git'));
  child = spawn(process.execPath, [join(root, 'bin/offerbrief.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  client.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    const pending = waiters;
    waiters = [];
    pending.forEach((w) => w());
    waiters.push(...pending); // each re-checks; resolved ones are no-ops
  });
  client.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations);
  });
  client.listen();
  const init = await client.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'guides' }],
  });
  expect(init.capabilities).toMatchObject({ hoverProvider: true, textDocumentSync: 2 });
  expect(init.serverInfo?.name).toBe('offerbrief');
  await client.sendNotification(InitializedNotification.type, {});
}, 30_000);

afterAll(async () => {
  await client.sendRequest(ShutdownRequest.type);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await client.sendNotification(ExitNotification.type);
  expect(await exit).toBe(0);
  client.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('offerbrief lsp --stdio', () => {
  const uri = () => pathToFileURL(join(dir, 'northwind.md')).href;

  it('publishes the wrong total on open, and nothing once a change fixes it', async () => {
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(), languageId: 'markdown', version: 1, text: wrongTotal } });
    const opened = await diagnosticsFor(uri());
    expect(opened.version).toBe(1);
    expect(opened.diagnostics).toEqual([
      {
        range: { start: { line: 7, character: 43 }, end: { line: 7, character: 54 } },
        severity: 1,
        source: 'offerbrief',
        message: 'Unexpected total comp high $285K, expected $265K ($205K + $240K/4yr)',
        code: 'tc-mismatch',
        codeDescription: { href: 'https://github.com/offerbrief/offerbrief/blob/main/docs/rules.md#tc-mismatch' },
        // The fix `lint --fix` would apply: the total's digits "285" become "265".
        data: { fix: { range: [412, 415], text: '265' } },
      },
    ]);
    const count = published.length;
    // Replace "$285K" (line 8, characters 50-55) with "$265K", as an editor sends a keystroke's edit.
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(), version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 49 }, end: { line: 7, character: 54 } }, text: '$265K' }],
    });
    const fixed = await diagnosticsFor(uri(), (p) => p.version === 2, count);
    expect(fixed).toEqual({ uri: uri(), version: 2, diagnostics: [] });
  });

  it('hovers a band row with its parsed numbers and computed total comp', async () => {
    const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 6, character: 3 } });
    expect(hover?.contents).toEqual({
      kind: 'markdown',
      value: [
        '**Seattle** (USD)',
        '',
        '| | low | high |',
        '|---|---|---|',
        '| Base | $180K | $220K |',
        '| Equity (RSU), 4yr | $160K ($40K/yr) | $240K ($60K/yr) |',
        '| Bonus | 10% = $18K | 15% = $33K |',
        '| Total comp, computed | $238K | $313K |',
        '| Total comp, stated | $238K | $313K |',
        '',
        'Computed as base + equity / vesting years + bonus; stated $238K-$313K.',
      ].join('\n'),
    });
    expect(hover?.range).toEqual({ start: { line: 6, character: 0 }, end: { line: 6, character: 63 } });
    // Not on a band row: no hover.
    expect(await client.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 0, character: 3 } })).toBeNull();
  });

  it('offers the fix a rule knows, and a disable comment', async () => {
    const typo = pathToFileURL(join(dir, 'typo.md')).href;
    const text = `<!-- offerbrief-disable tc-mismach -->\n\n${wrongTotal}`;
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: typo, languageId: 'markdown', version: 1, text } });
    const { diagnostics } = await diagnosticsFor(typo);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([
      ['control-comment-invalid', 0, 24],
      ['tc-mismatch', 9, 43],
    ]);
    const [comment, total] = diagnostics as [Diagnostic, Diagnostic];
    expect(comment.data).toEqual({ fix: { range: [24, 34], text: 'tc-mismatch' } });
    const actions = await client.sendRequest(CodeActionRequest.type, { textDocument: { uri: typo }, range: comment.range, context: { diagnostics: [comment] } });
    expect(actions?.[0]).toMatchObject({
      title: 'Replace "tc-mismach" with "tc-mismatch"',
      kind: 'quickfix',
      isPreferred: true,
      edit: { changes: { [typo]: [{ range: { start: { line: 0, character: 24 }, end: { line: 0, character: 34 } }, newText: 'tc-mismatch' }] } },
    });
    // Without data sent back, the server finds the fix from its own record.
    const { data: _, ...bare } = comment;
    const again = await client.sendRequest(CodeActionRequest.type, { textDocument: { uri: typo }, range: comment.range, context: { diagnostics: [bare] } });
    expect((again?.[0] as { title: string }).title).toBe('Replace "tc-mismach" with "tc-mismatch"');

    // In a table row, the disable comment goes inside the last cell.
    const rowActions = await client.sendRequest(CodeActionRequest.type, { textDocument: { uri: typo }, range: total.range, context: { diagnostics: [total] } });
    expect(rowActions).toEqual([
      {
        title: 'Replace "285" with "265"',
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: [total],
        edit: { changes: { [typo]: [{ range: { start: { line: 9, character: 50 }, end: { line: 9, character: 53 } }, newText: '265' }] } },
      },
      {
        title: 'Disable tc-mismatch on this line',
        kind: 'quickfix',
        diagnostics: [total],
        edit: { changes: { [typo]: [{ range: { start: { line: 9, character: 54 }, end: { line: 9, character: 54 } }, newText: ' <!-- offerbrief-disable-line tc-mismatch -->' }] } },
      },
    ]);
    // Applying it leaves the guide clean but for the typo.
    const count = published.length;
    const lines = text.split('\n');
    lines[9] = `${lines[9]!.slice(0, 54)} <!-- offerbrief-disable-line tc-mismatch -->${lines[9]!.slice(54)}`;
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: typo, version: 2 }, contentChanges: [{ text: lines.join('\n') }] });
    const after = await diagnosticsFor(typo, (p) => p.version === 2, count);
    expect(after.diagnostics.map((d) => d.code)).toEqual(['control-comment-invalid']);
  });

  it('uses the config found above the guide', async () => {
    await mkdir(join(dir, 'eu'));
    await writeFile(join(dir, 'offerbrief.config.yaml'), 'overrides:\n  - files: ["eu/**"]\n    rules: { tc-mismatch: warn }\n');
    const eu = pathToFileURL(join(dir, 'eu', 'g.md')).href;
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: eu, languageId: 'markdown', version: 1, text: wrongTotal } });
    const { diagnostics } = await diagnosticsFor(eu);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['tc-mismatch', 2]]);
  });

  it('asks to watch config files, and lints open guides again when one changes', async () => {
    expect(registrations.map((r) => [r.method, (r.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern)])).toEqual([
      ['workspace/didChangeWatchedFiles', ['**/offerbrief.config.{json,yaml,yml}', '**/package.json']],
    ]);
    const eu = pathToFileURL(join(dir, 'eu', 'g.md')).href;
    const count = published.length;
    await writeFile(join(dir, 'offerbrief.config.yaml'), 'overrides:\n  - files: ["eu/**"]\n    rules: { tc-mismatch: "off" }\n');
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, 'offerbrief.config.yaml')).href, type: 2 }] });
    const again = await diagnosticsFor(eu, () => true, count);
    expect(again.diagnostics).toEqual([]);
  });

  it('a broken config is one error on the first line; an ignored guide gets none', async () => {
    const eu = pathToFileURL(join(dir, 'eu', 'g.md')).href;
    let count = published.length;
    await writeFile(join(dir, 'offerbrief.config.yaml'), 'rules: [\n');
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, 'offerbrief.config.yaml')).href, type: 2 }] });
    const broken = await diagnosticsFor(eu, () => true, count);
    expect(broken.diagnostics).toHaveLength(1);
    expect(broken.diagnostics[0]).toMatchObject({ severity: 1, source: 'offerbrief', range: { start: { line: 0, character: 0 } } });
    expect(broken.diagnostics[0]!.message).toMatch(/^bad config: offerbrief\.config\.yaml:\d+:\d+: not valid YAML/);
    count = published.length;
    await writeFile(join(dir, 'offerbrief.config.yaml'), 'ignores: ["eu"]\n');
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, 'offerbrief.config.yaml')).href, type: 2 }] });
    expect((await diagnosticsFor(eu, () => true, count)).diagnostics).toEqual([]);
    // The guide at the top is not ignored: its wrong total is still reported.
    count = published.length;
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(), version: 3 }, contentChanges: [{ text: wrongTotal }] });
    expect((await diagnosticsFor(uri(), (p) => p.version === 3, count)).diagnostics.map((d) => d.code)).toEqual(['tc-mismatch']);
  });
});

/**
 * offerbrief's language server (`offerbrief lsp --stdio`): the findings of
 * `offerbrief lint` as diagnostics while typing, a hover on band rows with
 * their parsed numbers and computed total comp, and quick fixes.
 *
 * Built on vscode-languageserver rather than unified-language-server: the
 * latter runs whatever remark the workspace has installed, configured by
 * .remarkrc files, and has no hover; offerbrief's findings must come from its
 * own parser and its own config discovery (the same as CI's), and a hover
 * needs the guide model.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { VFileMessage } from 'vfile-message';
import { ConfigFinder } from '../config/discover.js';
import type { Guide } from '../model/guide.js';
import { lintGuideSource } from '../validate/index.js';
import { version } from '../version.js';
import { bandAt, bandHover, messageFix, messageRange, type MessageFix } from './convert.js';

export interface ServerOptions {
  input: Readable;
  output: Writable;
  /** Used when the client names no workspace folder. */
  cwd: string;
  /** Wait after the last change before linting again (ms); `initializationOptions.debounceMs` overrides it. */
  debounceMs?: number;
}

interface Linted {
  version: number;
  guide: Guide;
  messages: VFileMessage[];
}

/** What a diagnostic carries for code actions (clients send `data` back). */
interface DiagnosticData {
  fix?: MessageFix;
}

export const DEFAULT_DEBOUNCE_MS = 30;

/** Starts the server on a pair of streams; resolves when the client has asked it to exit. */
export function startServer(options: ServerOptions): { connection: Connection; exited: Promise<void> } {
  const connection = createConnection(new StreamMessageReader(options.input), new StreamMessageWriter(options.output));
  const documents = new TextDocuments(TextDocument);
  const linted = new Map<string, Linted>();
  const timers = new Map<string, NodeJS.Timeout>();
  let cwd = options.cwd;
  let debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;

  let canWatch = false;
  connection.onInitialize((params): InitializeResult => {
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (folder?.startsWith('file:')) cwd = fileURLToPath(folder);
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'offerbrief', version },
    };
  });

  const pathOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  async function lintDocument(document: TextDocument): Promise<void> {
    const path = pathOf(document.uri);
    // A fresh finder each time: a config saved a moment ago counts at the next keystroke.
    let settings;
    try {
      settings = await new ConfigFinder({ cwd }).forFile(path ?? resolve(cwd, 'untitled.md'));
    } catch (error) {
      // A broken config: say so on the guide rather than show nothing.
      connection.sendDiagnostics({
        uri: document.uri,
        version: document.version,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'offerbrief', message: (error as Error).message }],
      });
      return;
    }
    if (documents.get(document.uri)?.version !== document.version) return; // typed on meanwhile
    if (settings.ignored) {
      linted.delete(document.uri);
      connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
      return;
    }
    const { guide, file } = lintGuideSource(document.getText(), {
      path: path ?? document.uri,
      rules: settings.rules,
      ...(settings.tolerance ? { tolerance: settings.tolerance } : {}),
      ...(settings.maxAgeMonths !== undefined ? { maxAgeMonths: settings.maxAgeMonths } : {}),
      // The editor shows the guide as `lint` would judge it today.
      date: new Date().toISOString().slice(0, 10),
    });
    linted.set(document.uri, { version: document.version, guide, messages: file.messages });
    connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: file.messages.map(toDiagnostic) });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(timers.get(document.uri));
    const run = () => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) void lintDocument(current).catch((error) => connection.console.error(`offerbrief: ${(error as Error).message}`));
    };
    if (delay === 0) run();
    else timers.set(document.uri, setTimeout(run, delay));
  }

  // Fired on open too: a new document is linted at once, a change after a pause in typing.
  const seen = new Set<string>();
  documents.onDidChangeContent(({ document }) => {
    schedule(document, seen.has(document.uri) ? debounceMs : 0);
    seen.add(document.uri);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    linted.delete(document.uri);
    seen.delete(document.uri);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  // Ask the editor to say when a config file changes (when it can), so open guides are linted again.
  connection.onInitialized(() => {
    if (!canWatch) return;
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/offerbrief.config.{json,yaml,yml}' }, { globPattern: '**/package.json' }],
    });
  });
  // A config saved: lint every open guide again.
  connection.onDidChangeWatchedFiles(() => {
    for (const document of documents.all()) schedule(document, 0);
  });

  connection.onHover(({ textDocument, position }) => {
    const state = linted.get(textDocument.uri);
    if (!state) return null;
    const band = bandAt(state.guide, position.line + 1);
    if (!band) return null;
    const p = band.position;
    return {
      contents: { kind: MarkupKind.Markdown, value: bandHover(band) },
      range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } },
    };
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'offerbrief') continue;
      const fix = (diagnostic.data as DiagnosticData | undefined)?.fix ?? findFix(linted.get(textDocument.uri), diagnostic);
      if (fix) {
        const replaced = document.getText().slice(fix.range[0], fix.range[1]);
        actions.push({
          title: replaced ? `Replace "${replaced}" with "${fix.text}"` : `Insert "${fix.text}"`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [textDocument.uri]: [{ range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) }, newText: fix.text }] } },
        });
      }
      const disable = disableEdit(document, diagnostic);
      if (disable) {
        actions.push({
          title: `Disable ${diagnostic.code} on this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [textDocument.uri]: [disable] } },
        });
      }
    }
    return actions;
  });

  documents.listen(connection);
  const exited = new Promise<void>((resolveExit) => connection.onExit(() => resolveExit()));
  connection.listen();
  return { connection, exited };
}

function toDiagnostic(message: VFileMessage): Diagnostic {
  const fix = messageFix(message);
  return {
    range: messageRange(message),
    severity: message.fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'offerbrief',
    message: message.reason,
    ...(message.ruleId ? { code: message.ruleId } : {}),
    ...(message.url ? { codeDescription: { href: message.url } } : {}),
    ...(fix ? { data: { fix } satisfies DiagnosticData } : {}),
  };
}

/** The fix of the message a diagnostic was made from, for clients that do not send `data` back. */
function findFix(state: Linted | undefined, diagnostic: Diagnostic): MessageFix | undefined {
  const message = state?.messages.find((m) => {
    const r = messageRange(m);
    return m.ruleId === diagnostic.code && r.start.line === diagnostic.range.start.line && r.start.character === diagnostic.range.start.character;
  });
  return message ? messageFix(message) : undefined;
}

/**
 * Inserts a control comment that silences this finding: in a table row (where
 * a line between rows would end the table), inside the row's last cell; else
 * on a line of its own above the block.
 */
function disableEdit(document: TextDocument, diagnostic: Diagnostic) {
  if (typeof diagnostic.code !== 'string' || diagnostic.code === 'internal-error' || diagnostic.code === 'file-unreadable') return undefined;
  const line = diagnostic.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const row = /^(\s*\|.*?)(\s*)\|\s*$/.exec(text);
  if (row) {
    const at = { line, character: row[1]!.length };
    return { range: { start: at, end: at }, newText: ` <!-- offerbrief-disable-line ${diagnostic.code} -->` };
  }
  // Above a block only: a comment line inside a paragraph, quote or list would split it.
  const previous = line === 0 ? '' : document.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } });
  if (previous.trim() !== '') return undefined;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `<!-- offerbrief-disable-next-line ${diagnostic.code} -->\n` };
}


import { spawn } from 'node:child_process';
import { ExitCode, UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';

export const help = `Usage: offerbrief serve [--guides DIR] [--templates DIR] [--port 4321] [--host 127.0.0.1] [--open]

Starts a local web app: the guides with their lint status, a candidate form
checked by the same schema as the profiles, and the brief (numbers, script,
PDF preview) updating as you type. Downloads the PDF (optionally encrypted),
the one-page PDF and the profile as YAML; saves profiles into --candidates.
Prints the address to open; Ctrl-C stops it.

Options:
      --guides <dir>       folder of guides (default: guides)
      --templates <dir>    folder of extra templates (*.md) to offer beside brief and one-page
      --candidates <dir>   folder profiles are loaded from and saved to (default: candidates)
  -p, --port <n>           port (default: 4321; 0 picks a free one)
      --host <address>     address to listen on (default: 127.0.0.1, this machine only)
      --token              require the access token even on 127.0.0.1
      --open               open the address in the default browser
      --date <YYYY-MM-DD>  the briefs' date (default: SOURCE_DATE_EPOCH, else undated)
      --config <file>      lint config (default: offerbrief.config.json, or package.json#offerbrief)
  -h, --help               show this help

Private by default: on 127.0.0.1 only this machine can connect; on any other
address every request needs the random token printed in the address. Nothing
is written unless you save a profile; candidate data stays in memory.
Exit codes: 0 stopped, 2 usage or I/O errors (port in use, missing folder).
`;

function parsePort(text: string | undefined): number {
  if (text === undefined) return 4321;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`Unexpected --port "${text}", expected a number from 0 to 65535\nRun \`offerbrief serve --help\` for usage.`);
  return Number(text);
}

/** Opens a URL in the default browser; best effort (a headless machine has none). */
function openBrowser(url: string, ctx: CliContext): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => ctx.stderr.write(`offerbrief serve: could not open a browser (${command}); open the address yourself\n`));
    child.unref();
  } catch {
    ctx.stderr.write(`offerbrief serve: could not open a browser; open the address yourself\n`);
  }
}

export interface ServeRunOptions {
  /** Stops the server when aborted (tests); otherwise SIGINT/SIGTERM do. */
  signal?: AbortSignal;
}

export async function run(argv: string[], ctx: CliContext, runOptions: ServeRunOptions = {}): Promise<number> {
  const { values } = parseCommandArgs(
    'serve',
    argv,
    {
      guides: { type: 'string' },
      templates: { type: 'string' },
      candidates: { type: 'string' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      token: { type: 'boolean' },
      open: { type: 'boolean' },
      date: { type: 'string' },
      config: { type: 'string' },
    },
    false,
  );
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (host === '') throw new UsageError('Unexpected empty --host, expected an address such as 127.0.0.1');
  const [{ startServe }, { loadValidateOptions }] = await Promise.all([import('../../serve/app.js'), import('../../config/index.js')]);
  const validate = await loadValidateOptions({ cwd: ctx.cwd, configPath: values.config });
  const app = await startServe({
    cwd: ctx.cwd,
    env: ctx.env,
    host,
    port,
    validate,
    requireToken: values.token ?? false,
    ...(values.guides !== undefined ? { guides: values.guides } : {}),
    ...(values.templates !== undefined ? { templates: values.templates } : {}),
    ...(values.candidates !== undefined ? { candidates: values.candidates } : {}),
    ...(values.date !== undefined ? { date: values.date } : {}),
  });
  ctx.stdout.write(`offerbrief serve: ${app.url}\n`);
  if (app.token !== null) ctx.stdout.write('Every request needs the token in this address; keep it private.\n');
  ctx.stdout.write('Press Ctrl-C to stop.\n');
  if (values.open) openBrowser(app.url, ctx);

  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      runOptions.signal?.removeEventListener('abort', stop);
      resolveStop();
    };
    if (runOptions.signal?.aborted) return stop();
    runOptions.signal?.addEventListener('abort', stop);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  ctx.stdout.write('offerbrief serve: stopped\n');
  return ExitCode.ok;
}

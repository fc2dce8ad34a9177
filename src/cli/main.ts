import { OfferbriefError, ExitCode } from '../errors.js';
import { processContext, type CliContext } from './context.js';

/** One entry per command; modules load lazily so `lint` never pays for pdfkit. */
const commands: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[], ctx: CliContext) => Promise<number> }> }> = {
  inspect: { summary: 'Print a guide parsed into its model, as JSON', load: () => import('./commands/inspect.js') },
  lint: { summary: 'Check guides for inconsistent numbers and missing parts', load: () => import('./commands/lint.js') },
  schema: { summary: 'Print the JSON Schema of the guide, candidate or brief model', load: () => import('./commands/schema.js') },
  plan: { summary: "Compute a candidate's brief (band, target, floor, script) as JSON", load: () => import('./commands/plan.js') },
  render: { summary: "Render a candidate's PDF brief", load: () => import('./commands/render.js') },
  draft: { summary: 'Print a counter-offer email for a candidate (Markdown), with no private numbers', load: () => import('./commands/draft.js') },
  batch: { summary: 'Render many briefs in parallel, resumable and shardable', load: () => import('./commands/batch.js') },
  manifest: { summary: 'Work with batch manifests (manifest merge)', load: () => import('./commands/manifest.js') },
  serve: { summary: 'Start a local web app: type an offer, watch the brief take shape', load: () => import('./commands/serve.js') },
  lsp: { summary: 'Run the language server for editors (lsp --stdio)', load: () => import('./commands/lsp.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: offerbrief <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `offerbrief help <command>` (or `offerbrief <command> --help`) for the options of a command.',
    'Exit codes: 0 ok, 1 findings or refused inputs, 2 usage or I/O errors.',
    '',
  ].join('\n');
}

/** Runs one command line and returns the exit code; never throws. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // Nothing asked: the usage is a complaint, so it goes to stderr (exit 2), as git and npm do.
    ctx.stderr.write(usage());
    return ExitCode.usage;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    ctx.stdout.write(usage());
    return ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${(await import('../version.js')).version}\n`);
    return ExitCode.ok;
  }
  if (name === 'help') return main([rest[0]!, '--help'], ctx);
  const command = commands[name];
  if (!command) {
    const { didYouMean } = await import('../suggest.js');
    ctx.stderr.write(`offerbrief: unknown command "${name}", expected one of ${Object.keys(commands).join(', ')}${didYouMean(name, Object.keys(commands))}\n`);
    return ExitCode.usage;
  }
  try {
    const module = await command.load();
    return await module.run(rest, ctx);
  } catch (error) {
    if (error instanceof OfferbriefError) {
      ctx.stderr.write(`offerbrief ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours: say so plainly, keep the details for a report.
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`offerbrief ${name}: internal error: ${message}\nPlease report this with the input that caused it.\n`);
    if (ctx.env.OFFERBRIEF_DEBUG) ctx.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return ExitCode.usage;
  }
}

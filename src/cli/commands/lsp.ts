import { ExitCode, UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext } from '../context.js';

export const help = `Usage: offerbrief lsp --stdio

Runs the language server on standard input and output (the Language Server
Protocol), for editors: diagnostics while typing (the findings of
offerbrief lint, with the same config and control comments), a hover on band
rows with their numbers and computed total comp, and quick fixes.
Set-up for VS Code, Neovim and Helix: docs/editor.md.

Options:
  --stdio     talk over stdin/stdout (the only transport)
  -h, --help  show this help
`;

export async function run(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs('lsp', argv, { stdio: { type: 'boolean' } }, false);
  if (values.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  if (!values.stdio) throw new UsageError('missing --stdio, expected `offerbrief lsp --stdio` (the server talks over stdin and stdout)\nRun `offerbrief lsp --help` for usage.');
  const { startServer } = await import('../../lsp/server.js');
  const { exited } = startServer({ input: process.stdin, output: process.stdout, cwd: ctx.cwd });
  await exited;
  return ExitCode.ok;
}

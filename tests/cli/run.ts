import { main } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: options.tty ?? false },
  };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}

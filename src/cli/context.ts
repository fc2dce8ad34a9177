/** What a command needs from the outside world; tests pass their own. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Stops a long-running command (--watch, lsp); without one, SIGINT does. */
  signal?: AbortSignal;
  /** Standard input, for `-` paths (tests pass their own). */
  readStdin?: () => Promise<Uint8Array>;
}

let pipesHandled = false;

/**
 * A closed stdout/stderr (`offerbrief inspect guide.md | head`) ends the process quietly with
 * exit 0, as Unix tools do, instead of an uncaught EPIPE with a stack trace.
 */
export function endQuietlyOnClosedPipe(): void {
  if (pipesHandled) return;
  pipesHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

export function processContext(): CliContext {
  endQuietlyOnClosedPipe();
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

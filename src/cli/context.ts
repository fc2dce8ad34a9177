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

export function processContext(): CliContext {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

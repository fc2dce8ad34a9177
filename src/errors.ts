/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * An error the user can fix: bad arguments, an unreadable file, a bad config.
 * The CLI prints `message` (no stack trace) and exits with `exitCode`.
 */
export class OfferbriefError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.usage) {
    super(message);
    this.name = 'OfferbriefError';
    this.exitCode = exitCode;
  }
}

/** Bad command-line usage (exit 2). */
export class UsageError extends OfferbriefError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

/** A file or folder that cannot be read or written (exit 2). */
export class IoError extends OfferbriefError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'IoError';
  }
}

/** Inputs that were read but refused (lint errors, bad profile): exit 1. */
export class InputError extends OfferbriefError {
  constructor(message: string) {
    super(message, ExitCode.findings);
    this.name = 'InputError';
  }
}

/** Turns a Node.js file-system error into a sentence naming the path. */
export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or folder`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path}: is a folder, expected a file`;
    case 'ENOTDIR':
      return `${path}: a part of the path is not a folder`;
    default:
      return `${path}: ${(error as Error | undefined)?.message ?? String(error)}`;
  }
}

import { readFileSync } from 'node:fs';

/** The process's peak resident set (VmHWM of /proc/self/status) in bytes, or null where there is none. */
export function vmHWM() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Counts shown while a batch runs. */
export interface ProgressState {
  /** Items finished (rendered + skipped + failed). */
  done: number;
  total: number;
  failed: number;
  /** Milliseconds since the batch started. */
  elapsedMs: number;
}

/** `850ms`, `12s`, `1m05s`, `2h03m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Items per second, one decimal (`0.0` before any time has passed). */
export function formatRate(done: number, elapsedMs: number): string {
  return elapsedMs > 0 ? ((done * 1000) / elapsedMs).toFixed(1) : '0.0';
}

/**
 * One progress line: `37/120  31%  12.4 briefs/s  ETA 7s  2 failed`. The rate is finished items
 * per second so far; the ETA assumes that rate holds (`ETA ?` before the first item is done).
 */
export function formatProgress(state: ProgressState): string {
  const width = String(state.total).length;
  const percent = state.total > 0 ? Math.floor((state.done * 100) / state.total) : 100;
  const rate = formatRate(state.done, state.elapsedMs);
  const eta =
    state.done >= state.total ? '0s' : state.done > 0 && state.elapsedMs > 0 ? formatDuration(((state.total - state.done) * state.elapsedMs) / state.done) : '?';
  const failed = state.failed > 0 ? `  ${state.failed} failed` : '';
  return `${String(state.done).padStart(width)}/${state.total}  ${String(percent).padStart(3)}%  ${rate} briefs/s  ETA ${eta}${failed}`;
}

export type ProgressMode = 'tty' | 'lines' | 'quiet';

export interface ProgressReporterOptions {
  stream: { write(chunk: string): unknown };
  mode: ProgressMode;
  /** Milliseconds since the batch started (injectable for tests). */
  elapsed: () => number;
  /** Non-TTY: print at least this often while items finish (default 2000 ms). */
  intervalMs?: number;
  /** TTY: redraw at most this often (default 100 ms). */
  redrawMs?: number;
}

/**
 * Progress on stderr. `tty`: one line redrawn in place (`\r` … erase to end of line), at most every
 * `redrawMs`; `lines`: a plain line every `intervalMs` or each time another 10% is done, whichever
 * comes first; `quiet`: nothing.
 */
export class ProgressReporter {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastDecile = 0;
  private drawn = false;
  private readonly intervalMs: number;
  private readonly redrawMs: number;

  constructor(private readonly options: ProgressReporterOptions) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.redrawMs = options.redrawMs ?? 100;
  }

  /** Call after every finished item. */
  update(state: Omit<ProgressState, 'elapsedMs'>): void {
    const { mode, stream } = this.options;
    if (mode === 'quiet') return;
    const elapsedMs = this.options.elapsed();
    const full = { ...state, elapsedMs };
    if (mode === 'tty') {
      if (elapsedMs - this.lastWrite < this.redrawMs && state.done < state.total) return;
      this.lastWrite = elapsedMs;
      this.drawn = true;
      stream.write(`\r${formatProgress(full)}\x1b[K`);
      return;
    }
    const decile = state.total > 0 ? Math.floor((state.done * 10) / state.total) : 10;
    if (decile > this.lastDecile || elapsedMs - this.lastWrite >= this.intervalMs) {
      this.lastDecile = Math.max(this.lastDecile, decile);
      this.lastWrite = elapsedMs;
      stream.write(`${formatProgress(full)}\n`);
    }
  }

  /** A message between progress lines (e.g. "interrupted"), keeping the TTY line tidy. */
  note(text: string): void {
    if (this.options.mode === 'quiet') return;
    this.clear();
    this.options.stream.write(`${text}\n`);
  }

  /** Erases the TTY line before the summary. */
  clear(): void {
    if (this.options.mode === 'tty' && this.drawn) {
      this.options.stream.write('\r\x1b[K');
      this.drawn = false;
      this.lastWrite = Number.NEGATIVE_INFINITY;
    }
  }
}

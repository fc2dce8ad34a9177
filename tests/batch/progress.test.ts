import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress, ProgressReporter } from '../../src/batch/progress.js';

describe('progress', () => {
  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(2 * 3600_000 + 3 * 60_000)).toBe('2h03m');
  });

  it('formats a progress line: done/total, percent, rate, ETA, failures', () => {
    expect(formatProgress({ done: 37, total: 120, failed: 2, elapsedMs: 3000 })).toBe(' 37/120   30%  12.3 briefs/s  ETA 7s  2 failed');
    expect(formatProgress({ done: 0, total: 5, failed: 0, elapsedMs: 0 })).toBe('0/5    0%  0.0 briefs/s  ETA ?');
    expect(formatProgress({ done: 5, total: 5, failed: 0, elapsedMs: 500 })).toBe('5/5  100%  10.0 briefs/s  ETA 0s');
  });

  it('redraws one line on a TTY, at most every redrawMs, and clears it', () => {
    const out: string[] = [];
    let now = 0;
    const reporter = new ProgressReporter({ stream: { write: (s: string) => out.push(s) }, mode: 'tty', elapsed: () => now, redrawMs: 100 });
    reporter.update({ done: 1, total: 4, failed: 0 });
    now = 50;
    reporter.update({ done: 2, total: 4, failed: 0 });
    now = 200;
    reporter.update({ done: 3, total: 4, failed: 1 });
    now = 210;
    reporter.update({ done: 4, total: 4, failed: 1 });
    reporter.clear();
    expect(out).toEqual([
      '\r1/4   25%  0.0 briefs/s  ETA ?\x1b[K',
      '\r3/4   75%  15.0 briefs/s  ETA 67ms  1 failed\x1b[K',
      '\r4/4  100%  19.0 briefs/s  ETA 0s  1 failed\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('prints plain lines off a TTY every 10% or intervalMs; nothing when quiet', () => {
    const out: string[] = [];
    let now = 1000;
    const reporter = new ProgressReporter({ stream: { write: (s: string) => out.push(s) }, mode: 'lines', elapsed: () => now, intervalMs: 2000 });
    for (let done = 1; done <= 20; done++) {
      now += 10;
      reporter.update({ done, total: 100, failed: 0 });
    }
    now += 5000;
    reporter.update({ done: 21, total: 100, failed: 0 });
    expect(out).toEqual([
      '  1/100    1%  1.0 briefs/s  ETA 1m40s\n',
      ' 10/100   10%  9.1 briefs/s  ETA 10s\n',
      ' 20/100   20%  16.7 briefs/s  ETA 5s\n',
      ' 21/100   21%  3.4 briefs/s  ETA 23s\n',
    ]);
    const quiet: string[] = [];
    const silent = new ProgressReporter({ stream: { write: (s: string) => quiet.push(s) }, mode: 'quiet', elapsed: () => 0 });
    silent.update({ done: 1, total: 1, failed: 0 });
    silent.note('hello');
    expect(quiet).toEqual([]);
  });
});

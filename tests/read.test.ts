// Issue #12 case 1: only regular files are read, their size checked on the open handle.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IoError } from '../src/errors.js';
import { readRegularFile, readRegularFileSync } from '../src/read.js';
import { runCli } from './cli/run.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'offerbrief-read-'));
  execFileSync('mkfifo', [join(dir, 'fifo.md')]);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const limits = (shown: string) => ({ maxBytes: 1000, shown, what: 'guide', hint: 'split it' });

describe('readRegularFile', () => {
  it('reads a regular file within the limit', async () => {
    await writeFile(join(dir, 'ok.md'), 'x'.repeat(1000));
    expect((await readRegularFile(join(dir, 'ok.md'), limits('ok.md'))).length).toBe(1000);
    expect(readRegularFileSync(join(dir, 'ok.md'), limits('ok.md')).length).toBe(1000);
  });

  it('refuses a file one byte over the limit, naming both sizes', async () => {
    await writeFile(join(dir, 'big.md'), 'x'.repeat(1001));
    await expect(readRegularFile(join(dir, 'big.md'), limits('big.md'))).rejects.toThrow(
      new IoError('big.md: 1001 bytes is over the 1000 bytes limit for a guide; split it'),
    );
  });

  it('refuses /dev/zero at once instead of reading it', async () => {
    const started = performance.now();
    await expect(readRegularFile('/dev/zero', limits('/dev/zero'))).rejects.toThrow(
      '/dev/zero: not a regular file (a character device), expected a guide file',
    );
    expect(() => readRegularFileSync('/dev/zero', limits('/dev/zero'))).toThrow('not a regular file (a character device)');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    await expect(readRegularFile(join(dir, 'fifo.md'), limits('fifo.md'))).rejects.toThrow(
      'fifo.md: not a regular file (a FIFO (named pipe)), expected a guide file',
    );
    expect(() => readRegularFileSync(join(dir, 'fifo.md'), limits('fifo.md'))).toThrow('a FIFO (named pipe)');
  });

  it('bounds a file whose stat says 0 bytes (procfs) by what is read', async () => {
    await expect(readRegularFile('/proc/self/maps', { ...limits('maps'), maxBytes: 10 })).rejects.toThrow(
      'maps: more than 10 bytes is over the 10 bytes limit for a guide; split it',
    );
  });
});

describe('commands refuse non-regular inputs with exit 2', () => {
  it('lint /dev/zero and a FIFO', async () => {
    const zero = await runCli(['lint', '--format', 'json', '/dev/zero'], { cwd: dir });
    expect(zero.code).toBe(2);
    expect(JSON.parse(zero.stdout)[0].messages[0]).toMatchObject({ ruleId: 'file-unreadable', message: expect.stringMatching(/dev\/zero: not a regular file \(a character device\), expected a guide file$/) });
    const fifo = await runCli(['lint', 'fifo.md'], { cwd: dir });
    expect(fifo.code).toBe(2);
    expect(fifo.stdout).toContain('fifo.md: not a regular file (a FIFO (named pipe)), expected a guide file');
  });

  it('inspect, plan with guide: /dev/zero, --config and --template on a device', async () => {
    expect(await runCli(['inspect', '/dev/zero'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'offerbrief inspect: /dev/zero: not a regular file (a character device), expected a guide file\n',
    });
    await writeFile(join(dir, 'zero.yaml'), 'name: Zero\nregion: New York\nguide: /dev/zero\n');
    expect(await runCli(['plan', '-c', 'zero.yaml'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'offerbrief plan: /dev/zero: not a regular file (a character device), expected a guide file\n',
    });
    expect(await runCli(['plan', '-c', 'fifo.md'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'offerbrief plan: fifo.md: not a regular file (a FIFO (named pipe)), expected a profile file\n',
    });
    expect(await runCli(['lint', '--config', '/dev/zero', 'fifo.md'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'offerbrief lint: /dev/zero: not a regular file (a character device), expected a config file\n',
    });
  });
});

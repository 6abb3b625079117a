/**
 * The log's destination (src/ops/log.ts `logDestination`): lines are batched, not written one syscall each — a
 * short line reaches the file when the periodic flush runs (at most LOG_BATCH_MS later; the interval is a fake
 * timer here, so nothing else can have written it) or when LOG_BATCH_BYTES have gathered — and whatever is
 * buffered is written when the process ends, by an uncaught exception or by process.exit.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLog, LOG_BATCH_BYTES, LOG_BATCH_MS, logDestination } from '../../src/ops/log.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/log-then-end.ts', import.meta.url));

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'pg-log-destination-')), 'gateway.log');
const linesOf = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean);

/** Resolves once `file` holds `n` lines; fails after `ms` (a bound for a busy machine, not a speed claim). */
async function untilLines(file: string, n: number, ms = 10_000): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const lines = linesOf(file);
    if (lines.length >= n || Date.now() > until) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function runChild(file: string, how: 'crash' | 'exit'): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, how], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('logDestination', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds short lines until the periodic flush, then writes them together', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const file = tempFile();
    const destination = logDestination(file) as ReturnType<typeof logDestination> & NodeJS.EventEmitter & { end(): void };
    await new Promise((resolve) => destination.once('ready', resolve));
    const log = createLog('info', destination);
    log.info({ n: 1 }, 'first');
    log.info({ n: 2 }, 'second');
    // Real time passes, the (fake) flush interval does not: a line-per-write destination would have written by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(linesOf(file)).toEqual([]);
    vi.advanceTimersByTime(LOG_BATCH_MS);
    const lines = await untilLines(file, 2);
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['first', 'second']);
    destination.end();
  });

  it('writes without waiting for the flush once a batch of bytes has gathered', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const file = tempFile();
    const destination = logDestination(file) as ReturnType<typeof logDestination> & NodeJS.EventEmitter & { end(): void };
    await new Promise((resolve) => destination.once('ready', resolve));
    const log = createLog('info', destination);
    const filler = 'x'.repeat(200);
    const n = Math.ceil(LOG_BATCH_BYTES / filler.length) + 1;
    const firstWrite = once(destination, 'write');
    for (let i = 0; i < n; i++) log.info({ i, filler }, 'line');
    await firstWrite;
    const lines = linesOf(file);
    // Written with the fake interval never run: the first batch (at least LOG_BATCH_BYTES), while the tail, shorter
    // than a batch, still waits for the flush.
    expect(readFileSync(file).length).toBeGreaterThanOrEqual(LOG_BATCH_BYTES);
    expect(lines.length).toBeLessThan(n);
    vi.advanceTimersByTime(LOG_BATCH_MS);
    expect((await untilLines(file, n)).length).toBe(n);
    destination.end();
  });

  it.each(['crash', 'exit'] as const)('writes what is buffered when the process ends (%s)', async (how) => {
    const file = tempFile();
    const { code, stderr } = await runChild(file, how);
    expect(code, stderr).toBe(how === 'crash' ? 1 : 3);
    if (how === 'crash') expect(stderr).toContain('crashed on purpose');
    const lines = linesOf(file);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'the last line before the end', how, level: 30 });
  }, 60_000);
});

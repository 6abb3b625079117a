/**
 * The gateway's structured log (pino): one JSON line per event. Every line written while a request is
 * served carries its `requestId` (from the request scope). What goes in is chosen field by field by the
 * callers (see request-log.ts): never headers, query text, variables, tokens or personal data. The
 * redaction below is the second line of defence, for a field that slips in by mistake (a named key at the top
 * level or two levels down is censored); error objects
 * are reduced to name, message and the BSS identifiers, without stack traces (DESIGN.md).
 */
import { openSync } from 'node:fs';
import { pino, type Logger, type DestinationStream } from 'pino';
import { BssError } from '../bss/errors.js';
import { currentScope } from './request-scope.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type Log = Logger;

const SECRET_KEYS = [
  'authorization', 'Authorization', 'cookie', 'headers', 'x-auth-token', 'X-Auth-Token', 'x-security-token', 'X-Security-Token',
  'ak', 'sk', 'securityToken', 'token', 'apiKey', 'password', 'signature',
];
const PERSONAL_KEYS = ['email', 'phone', 'mobilePhone', 'telephone', 'mobile', 'accountName', 'customerName', 'variables', 'query'];

/** Keys whose values never reach a log line, wherever they appear (top level and two levels down). */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([...SECRET_KEYS, ...PERSONAL_KEYS]);
const CENSOR = '[redacted]';
/** The object at the top level, its values, and theirs: what pino's `*.key` and `*.*.key` paths reached. */
const REDACT_DEPTH = 2;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The value with every redacted key censored, or the value itself (same reference) when it has none — the
 * usual case, which then costs one Set lookup per key and no copy. Replaces pino's `redact` option: its `*`
 * wildcard paths ran a cloning redactor on every field of every line (a tenth of a cached request's CPU).
 * Only plain objects and arrays are walked; errors go through `errorFields`, other classes are left alone.
 */
export function redacted(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > REDACT_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      const clean = redacted(item, depth + 1);
      if (clean !== item) (copy ??= value.slice())[i] = clean;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = record[key];
    const clean = REDACTED_KEYS.has(key) && field !== undefined ? CENSOR : redacted(field, depth + 1);
    if (clean !== field) (copy ??= { ...record })[key] = clean;
  }
  return copy ?? value;
}

/**
 * Fields its builder chose one by one, none of them a redacted key (the request line, src/ops/request-log.ts): the
 * redaction walk is skipped for an object carrying this mark. A symbol: pino writes string keys only.
 */
export const FIELDS_CHOSEN: unique symbol = Symbol('log fields chosen by their builder');

/**
 * pino's `isoTime`, the same text (`,"time":"2026-12-07T14:20:30.123Z"`), with the date part built once a second:
 * a Date and its ISO string on every line were a share of a cached request's CPU of their own.
 */
let isoSecond = Number.NaN;
let isoPrefix = '';
export function isoTime(): string {
  const now = Date.now();
  const ms = now % 1000;
  const second = now - ms;
  if (second !== isoSecond) {
    const iso = new Date(second).toISOString();
    isoSecond = second;
    isoPrefix = `,"time":"${iso.slice(0, iso.length - 4)}`; // up to the seconds' dot
  }
  return `${isoPrefix}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
}

/** An error as a log field: what identifies it, nothing that could hold a secret beyond its message. */
export function errorFields(value: unknown): Record<string, unknown> {
  if (value instanceof BssError) {
    return {
      type: 'BssError', operation: value.operation, ...(value.forOperation ? { forOperation: value.forOperation } : {}), code: value.code,
      httpStatus: value.httpStatus ?? null, requestId: value.requestId ?? null, attempts: value.attempts,
    };
  }
  if (value instanceof Error) return { type: value.name, message: value.message };
  return { type: typeof value };
}

/** Bytes a log destination gathers before one write, and the longest a line waits in it. */
export const LOG_BATCH_BYTES = 4_096;
export const LOG_BATCH_MS = 1_000;

/**
 * Where `npm start` writes its log (stdout, fd 1, or a file): asynchronously, in writes of at least 4 KiB or
 * every second, whichever comes first. A write per line (a syscall per request) was a tenth of a cached
 * request's CPU (bench/hot-path.ts); a line now waits at most a second (sonic-boom's own unref'd periodic
 * flush), and pino writes out what is buffered, synchronously, when the process exits — `process.exit`, an
 * uncaught exception and a drained event loop alike (pino registers the flush for every asynchronous destination).
 */
export function logDestination(dest: number | string = 1): DestinationStream {
  // A file is opened here, synchronously: sonic-boom would open it asynchronously, and an exit before that open
  // completed lost every buffered line (its exit flush throws "not ready").
  const fd = typeof dest === 'number' ? dest : openSync(dest, 'a');
  return pino.destination({ dest: fd, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_BATCH_MS });
}

export function createLog(level: LogLevel = 'info', destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { service: 'partner-graph' },
      timestamp: isoTime,
      formatters: { log: (object) => (FIELDS_CHOSEN in object ? object : (redacted(object) as Record<string, unknown>)) },
      serializers: { err: errorFields, error: errorFields },
      mixin() {
        const scope = currentScope();
        return scope ? { requestId: scope.id } : {};
      },
    },
    destination,
  );
}

/**
 * The gateway's log lines: one line per event, no stack traces (DESIGN.md: none in responses or logs),
 * and for upstream errors only what identifies the call (operation, code, status, request id).
 * `yogaLogger` routes yoga's own messages into the structured pino log (src/ops/log.ts); `createLogger`
 * is the plain-text form for embedding without pino.
 */
import type { YogaLogger } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { BssError } from './bss/errors.js';
import { errorFields, type Log } from './ops/log.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function describe(value: unknown): string {
  const original = value instanceof GraphQLError && value.originalError ? value.originalError : value;
  if (original instanceof BssError) {
    return `BssError ${original.operation} ${original.code} status=${original.httpStatus ?? '-'} requestId=${original.requestId ?? '-'} attempts=${original.attempts}`;
  }
  if (original instanceof Error) return `${original.name}: ${original.message}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function createLogger(minimum: Level = 'warn', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): YogaLogger {
  const at = (level: Level) => (...args: unknown[]) => {
    if (ORDER[level] >= ORDER[minimum]) write(`${new Date().toISOString()} ${level.toUpperCase()} ${args.map(describe).join(' ')}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** yoga's logger over pino: strings become the message, errors become identifying fields (no stacks). */
export function yogaLogger(log: Log): YogaLogger {
  const yoga = log.child({ component: 'yoga' });
  const at = (level: Level) => (...args: unknown[]) => {
    if (!yoga.isLevelEnabled(level)) return;
    const texts: string[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const arg of args) {
      const original = arg instanceof GraphQLError && arg.originalError ? arg.originalError : arg;
      if (original instanceof Error) errors.push(errorFields(original));
      else texts.push(typeof arg === 'string' ? arg : describe(arg));
    }
    const fields = errors.length === 0 ? {} : { errors };
    // Work stopped because the client went away (src/ops/operation-lifetime.ts): routine, the request's line says so.
    if (errors.length > 0 && errors.every((e) => e['type'] === 'ClientClosedRequest')) {
      if (yoga.isLevelEnabled('debug')) yoga.debug(fields, 'client closed the request');
      return;
    }
    // yoga reports every field error it masks; an upstream failure is already typed data in the response
    // and counted in the request's line, so it is no error of the gateway: a warning when the upstream
    // failed (no answer, 5xx, throttling), routine when it refused the request (a 4xx business answer).
    const upstreamOnly = errors.length > 0 && errors.every((e) => e['type'] === 'BssError') && level === 'error';
    const trouble = errors.some((e) => typeof e['httpStatus'] !== 'number' || e['httpStatus'] >= 500 || e['httpStatus'] === 429 || e['httpStatus'] < 400);
    const effective: Level = upstreamOnly ? (trouble ? 'warn' : 'info') : level;
    if (effective !== level && !yoga.isLevelEnabled(effective)) return;
    yoga[effective](fields, texts.join(' ') || (upstreamOnly ? 'upstream error' : errors.length > 0 ? 'error' : ''));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

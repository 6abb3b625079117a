/**
 * The gateway's log lines: one line per event, no stack traces (DESIGN.md: none in responses or logs),
 * and for upstream errors only what identifies the call (operation, code, status, request id).
 * Structured logging with request ids and metrics comes with the operations work (issue 5).
 */
import type { YogaLogger } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { BssError } from './bss/errors.js';

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

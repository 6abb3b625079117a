/**
 * The gateway's structured log (pino): one JSON line per event. Every line written while a request is
 * served carries its `requestId` (from the request scope). What goes in is chosen field by field by the
 * callers (see request-log.ts): never headers, query text, variables, tokens or personal data. The
 * redaction below is the second line of defence, for a field that slips in by mistake; error objects
 * are reduced to name, message and the BSS identifiers, without stack traces (DESIGN.md).
 */
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

/** Each key at the top level and one or two levels down (pino's redaction paths are exact, `*` is one level). */
export const REDACT_PATHS: readonly string[] = [...SECRET_KEYS, ...PERSONAL_KEYS].flatMap((key) => {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (part.startsWith('[') ? `${prefix}${part}` : `${prefix}.${part}`);
  return [part, join('*'), join('*.*')];
});

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

export function createLog(level: LogLevel = 'info', destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { service: 'partner-graph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      serializers: { err: errorFields, error: errorFields },
      mixin() {
        const scope = currentScope();
        return scope ? { requestId: scope.id } : {};
      },
    },
    destination,
  );
}

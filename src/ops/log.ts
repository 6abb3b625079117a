/**
 * The gateway's structured log (pino): one JSON line per event. Redaction is configured here so keys,
 * signatures, tokens and personal data cannot reach a line even by mistake. (Issue 5 extends this.)
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from '../config.js';

export type Log = Logger;

export function createLog(level: LogLevel = 'info', destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { service: 'partner-graph' },
      redact: { paths: ['authorization', 'headers.authorization', 'req.headers.authorization', '*.sk', '*.securityToken', '*.token'], censor: '[redacted]' },
    },
    destination,
  );
}

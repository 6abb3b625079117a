/**
 * API_KEYS_FILE → validated entries. Keys are stored only as their hex SHA-256, so the file can sit in a
 * config repository or a secret mount without handing out working keys; a presented key is hashed and the
 * digests compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Caller, Role } from './caller.js';

export interface ApiKeyEntry {
  readonly name: string;
  readonly role: Role;
  readonly indirectPartnerId?: string;
  readonly pii?: boolean;
  /** Hex SHA-256 of the key. */
  readonly sha256: string;
}

export const ROLES: readonly Role[] = ['admin', 'analyst', 'reseller'];

/** A problem with API_KEYS_FILE; main.ts prints the message and exits 1. */
export class ApiKeysError extends Error {
  override readonly name = 'ApiKeysError';
}

const HEX64 = /^[0-9a-f]{64}$/i;
const FIELDS = new Set(['name', 'role', 'indirectPartnerId', 'pii', 'sha256']);

export function sha256Hex(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new key: `pg_` + 32 random bytes, base64url (256 bits, no characters that need quoting in a header). */
export function generateKey(): string {
  return `pg_${randomBytes(32).toString('base64url')}`;
}

/**
 * Checks a parsed API_KEYS_FILE. Every problem names the entry (index and name) and the field, and all
 * problems are reported at once so an operator fixes the file in one pass.
 */
export function parseApiKeys(json: unknown, source = 'API_KEYS_FILE'): ApiKeyEntry[] {
  if (!Array.isArray(json)) throw new ApiKeysError(`${source} must hold a JSON array of { name, role, indirectPartnerId?, pii?, sha256 } entries.`);
  const problems: string[] = [];
  const entries: ApiKeyEntry[] = [];
  const names = new Map<string, number>();
  const digests = new Map<string, number>();
  json.forEach((raw: unknown, index) => {
    const at = (field: string): string => {
      const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? ` ("${(raw as { name: string }).name}")` : '';
      return `entry ${index}${name}, field "${field}"`;
    };
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`entry ${index}: must be an object`);
      return;
    }
    const e = raw as Record<string, unknown>;
    const before = problems.length;
    for (const field of Object.keys(e)) if (!FIELDS.has(field)) problems.push(`${at(field)}: unknown field (allowed: ${[...FIELDS].join(', ')})`);
    if (typeof e.name !== 'string' || e.name.trim() === '') problems.push(`${at('name')}: must be a non-empty string`);
    else if (names.has(e.name)) problems.push(`${at('name')}: duplicates entry ${names.get(e.name)}`);
    if (typeof e.role !== 'string' || !ROLES.includes(e.role as Role)) problems.push(`${at('role')}: must be one of ${ROLES.join(', ')} (got ${JSON.stringify(e.role)})`);
    if (e.role === 'reseller') {
      if (typeof e.indirectPartnerId !== 'string' || e.indirectPartnerId.trim() === '') problems.push(`${at('indirectPartnerId')}: required for role reseller (the reseller's indirect_partner_id)`);
    } else if (e.indirectPartnerId !== undefined) {
      problems.push(`${at('indirectPartnerId')}: only a reseller key is bound to a reseller; remove it or use role "reseller"`);
    }
    if (e.pii !== undefined && typeof e.pii !== 'boolean') problems.push(`${at('pii')}: must be true or false`);
    if (typeof e.sha256 !== 'string' || !HEX64.test(e.sha256)) problems.push(`${at('sha256')}: must be the 64 hex digits of the key's SHA-256 (npm run key prints it)`);
    else if (digests.has(e.sha256.toLowerCase())) problems.push(`${at('sha256')}: the same key as entry ${digests.get(e.sha256.toLowerCase())}`);
    if (typeof e.name === 'string' && !names.has(e.name)) names.set(e.name, index);
    if (typeof e.sha256 === 'string' && HEX64.test(e.sha256) && !digests.has(e.sha256.toLowerCase())) digests.set(e.sha256.toLowerCase(), index);
    if (problems.length > before) return;
    entries.push({
      name: e.name as string,
      role: e.role as Role,
      ...(e.role === 'reseller' ? { indirectPartnerId: e.indirectPartnerId as string } : {}),
      ...(e.pii === true ? { pii: true } : {}),
      sha256: (e.sha256 as string).toLowerCase(),
    });
  });
  if (problems.length > 0) throw new ApiKeysError(`${source} is invalid:\n  - ${problems.join('\n  - ')}`);
  return entries;
}

/** Reads and checks the file; an unreadable file or bad JSON is an ApiKeysError naming the path. */
export function loadApiKeys(path: string): ApiKeyEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ApiKeysError(`API_KEYS_FILE ${path} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ApiKeysError(`API_KEYS_FILE ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseApiKeys(json, `API_KEYS_FILE ${path}`);
}

export function callerFromEntry(entry: ApiKeyEntry): Caller {
  return { name: entry.name, role: entry.role, indirectPartnerId: entry.indirectPartnerId ?? null, pii: entry.pii === true };
}

/**
 * The caller a presented key belongs to, or null. Every entry's digest is compared (no early exit), each
 * in constant time, so the timing says nothing about which digest came close.
 */
export function authenticate(entries: readonly ApiKeyEntry[], key: string): Caller | null {
  const presented = Buffer.from(sha256Hex(key), 'hex');
  let match: ApiKeyEntry | null = null;
  for (const entry of entries) {
    if (timingSafeEqual(presented, Buffer.from(entry.sha256, 'hex')) && match === null) match = entry;
  }
  return match ? callerFromEntry(match) : null;
}

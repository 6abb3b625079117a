/**
 * Query parameters as handlers see them: decoded, repeated keys kept in order, a bare `key` read as an empty
 * value, and `+` left as a plus (huawei-auth-and-errors.md §6 step 6). Parsed with the signer's own parser,
 * so what a handler reads is exactly what was signed.
 */
import { parseRawQuery } from '../bss/signer.js';
import type { QueryParams } from './handler.js';

export function queryParams(rawQuery: string): QueryParams {
  const map = new Map<string, string[]>();
  for (const [key, value] of parseRawQuery(rawQuery)) {
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
  }
  return {
    get: (name) => map.get(name)?.[0],
    getAll: (name) => [...(map.get(name) ?? [])],
    has: (name) => map.has(name),
  };
}

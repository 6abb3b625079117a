/**
 * The simulator's response serialiser: the same text as `stringifyWireJson` (wire numbers bare, with their
 * exact digits), at native `JSON.stringify` speed. lossless-json's stringify is plain JavaScript and takes
 * ~150 ms for a 1000-record bill page, which alone would keep the simulator below the 10 calls/s quota it
 * models; here each wire number is stood in for by a marked string and the marks are stripped afterwards.
 * The mark starts with a NUL, which no generated string contains.
 */
import { isWireNumber } from '../bss/wire-json.js';

const MARK = '\u0000wn:';
/** A marked string as JSON.stringify writes it (the NUL escaped), ending at its closing quote. */
const MARKED = /"\\u0000wn:([^"]*)"/g;

export function stringifyResponse(value: unknown): string {
  let marked = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (isWireNumber(v)) {
      marked = true;
      return MARK + (v as { value: string }).value;
    }
    if (typeof v === 'bigint') {
      marked = true;
      return MARK + v.toString();
    }
    return v;
  });
  if (text === undefined) throw new TypeError('value cannot be serialised as JSON');
  return marked ? text.replace(MARKED, '$1') : text;
}

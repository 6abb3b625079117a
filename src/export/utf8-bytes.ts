/**
 * A growing UTF-8 byte buffer for the store's export writer (focus-text.ts). Writing a row's pieces straight
 * as bytes — constant separators copied, ASCII text copied a char at a time, other text through Buffer's
 * encoder — halved the NDJSON writer's time against joining the pieces into strings and encoding those
 * (V8's join costs ~65 ns a piece, and NDJSON has ~140 pieces a row).
 */
const UTF8 = new TextEncoder();
/**
 * Called, not looked up on each value: the values are strings of many internal shapes (flat, sliced, cons,
 * internalized), so `value.charCodeAt` was a megamorphic property load per character, a third of the NDJSON
 * writer's time (perf); `charCodeAt.call` is lowered to the character load itself.
 */
const charCodeAt = String.prototype.charCodeAt;

/** A constant piece (a separator, a key) as the bytes it is written as. */
export function utf8(text: string): Uint8Array {
  return UTF8.encode(text);
}

export class Utf8Bytes {
  private buf: Buffer;
  private at = 0;

  constructor(initialBytes: number) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(64, initialBytes));
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  /** Bytes as they are (a pre-encoded constant). */
  bytes(piece: Uint8Array): void {
    this.room(piece.length);
    this.buf.set(piece, this.at);
    this.at += piece.length;
  }

  /** Text as UTF-8: most of the export's text is ASCII and is copied directly. */
  text(value: string): void {
    const length = value.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    this.room(length * 3);
    const buf = this.buf;
    const at = this.at;
    for (let i = 0; i < length; i++) {
      const code = charCodeAt.call(value, i);
      if (code > 0x7f) {
        this.at = at + buf.write(value, at, 'utf8');
        return;
      }
      buf[at + i] = code;
    }
    this.at = at + length;
  }

  /** What was written (a view: the writer is not used again). */
  take(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

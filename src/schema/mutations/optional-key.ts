/** The description of an optional idempotency key, on the writes that move no money (docs/writes.md). */
export const OPTIONAL_KEY_DESCRIPTION =
  'Optional on this write (it moves no money): a key the client chooses per intended write (1–255 printable ASCII characters; a UUID is a ' +
  'good one). With it, the same key and input return the first answer (`replayed: true`) without reaching Huawei Cloud again; another input ' +
  'is refused (IDEMPOTENCY_KEY_REUSED). Without it, the gateway uses a fresh key for this request alone (named in an OUTCOME_UNKNOWN error, ' +
  'so the write can still be reconciled).';

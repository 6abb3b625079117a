/** Descriptions every mutation shares, so GraphiQL documents the write rules the same way everywhere (docs/writes.md). */

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'A key the client chooses per intended write (1–255 printable ASCII characters; a UUID is a good one). The same key with the same input ' +
  'returns the first answer (`replayed: true`) without reaching Huawei Cloud again; with another input it is refused (IDEMPOTENCY_KEY_REUSED). ' +
  'Keys are per API key and kept at least 24 h.';

export const REPLAYED_DESCRIPTION =
  'True when this answer is the stored answer of an earlier request with the same idempotency key: nothing was sent upstream this time, and ' +
  'the objects are as they were right after that write (personal data masked).';

export const WRITE_ERRORS_DESCRIPTION =
  'Errors (extensions.code): BAD_USER_INPUT (naming the field and rule; nothing sent), FORBIDDEN, NOT_FOUND, IDEMPOTENCY_KEY_REUSED, ' +
  'IN_PROGRESS, OUTCOME_UNKNOWN (the answer was lost and the upstream\'s records cannot tell yet: retry with the same key), ' +
  'STORE_UNAVAILABLE, or Huawei\'s own code (with `applied: false`).';

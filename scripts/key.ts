/**
 * `npm run key -- --name bi --role analyst [--indirect-partner-id ID] [--pii]`: prints a new random API key
 * (shown once, never stored) and the API_KEYS_FILE entry holding only its SHA-256. Bad flags: usage on
 * stderr, exit 2.
 */
import { parseArgs } from 'node:util';
import { generateKey, parseApiKeys, sha256Hex, ROLES, ApiKeysError } from '../src/auth/api-keys.js';

const USAGE = `usage: npm run key -- --name NAME --role ${ROLES.join('|')} [--indirect-partner-id ID] [--pii]
  --name                 a unique name for the key (logged with every request; the key never is)
  --role                 admin: everything; analyst: read-only; reseller: read-only, one reseller's subtree
  --indirect-partner-id  the reseller a reseller key is bound to (required for --role reseller, only then)
  --pii                  may see customer names, account names, phone numbers and emails unmasked`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { name?: string; role?: string; 'indirect-partner-id'?: string; pii?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'indirect-partner-id': { type: 'string' },
      pii: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.name) fail('--name is required');
if (!values.role) fail('--role is required');

const key = generateKey();
const entry = {
  name: values.name,
  role: values.role,
  ...(values['indirect-partner-id'] !== undefined ? { indirectPartnerId: values['indirect-partner-id'] } : {}),
  ...(values.pii ? { pii: true } : {}),
  sha256: sha256Hex(key),
};
try {
  // The same checks the gateway makes at startup, so a printed entry is always one it accepts.
  parseApiKeys([entry], 'the new entry');
} catch (error) {
  if (error instanceof ApiKeysError) fail(error.message);
  throw error;
}

process.stdout.write(
  `key:   ${key}\n` +
    `entry: ${JSON.stringify(entry)}\n\n` +
    `Give the key to its user (it is shown only now) and add the entry to the JSON array in API_KEYS_FILE.\n`,
);

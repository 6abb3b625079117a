/**
 * Personal data masked as Huawei's Partner Center console shows it: names keep their first character
 * (`张**`), phone numbers their first three and last four digits (`138****5678`), emails their first
 * character and domain (`a***@example.com`). Keys with the `pii` permission see full values; each reveal
 * is logged by the schema with who and which customer, never the value.
 */
import { GraphQLError } from 'graphql';
import type { Log } from '../ops/log.js';
import type { Caller } from './caller.js';

/** `张三丰` → `张**`; `Alice Zhang` → `A**********`. Characters, not UTF-16 units, so CJK and emoji mask right. */
export function maskName(value: string): string {
  const chars = [...value];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** `13812345678` → `138****5678`; shorter numbers keep at most their last two digits. */
export function maskPhone(value: string): string {
  const chars = [...value];
  if (chars.length >= 11) return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
  if (chars.length >= 7) return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
  return '*'.repeat(chars.length);
}

/** `alice@example.com` → `a***@example.com`; not an email → masked as a name. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskName(value);
  const local = [...value.slice(0, at)];
  return `${local[0]}***${value.slice(at)}`;
}

/** Login names: first and last character kept when long enough (`partner_user01` → `p************1`). */
export function maskAccountName(value: string): string {
  const chars = [...value];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** What `personal` needs of the request context (kept narrow so resolvers and tests can pass less). */
export interface PiiContext {
  readonly caller: Caller;
  readonly log?: Pick<Log, 'info'> | undefined;
  /**
   * The reveals this request has logged (one set per request: src/context.ts). A listing that shows one
   * customer's name in many rows (every consumption record of a month, say) logs it once, not per row.
   */
  readonly piiReveals?: Set<string> | undefined;
}

/**
 * A personal value as the caller may see it: masked, or for a key with the PII permission the full value,
 * with one `pii.reveal` log line per request, customer and field, naming the key, never the value.
 */
export function personal(
  ctx: PiiContext,
  value: string | null | undefined,
  about: { readonly customerId?: string | null | undefined; readonly indirectPartnerId?: string | null | undefined; readonly field: string },
  mask: (value: string) => string,
): string | null {
  if (value === null || value === undefined) return null;
  if (value === '') return value;
  if (!ctx.caller.pii) return mask(value);
  const whose = about.indirectPartnerId ? { indirectPartnerId: about.indirectPartnerId } : { customerId: about.customerId ?? null };
  const reveal = JSON.stringify([about.indirectPartnerId ?? null, about.customerId ?? null, about.field]);
  if (ctx.piiReveals?.has(reveal)) return value;
  ctx.piiReveals?.add(reveal);
  ctx.log?.info({ event: 'pii.reveal', caller: ctx.caller.name, ...whose, field: about.field });
  return value;
}

/**
 * What Huawei writes in a login-name field when no customer's user did it (an order's `user_name`: "运营人员",
 * Huawei's operations staff, or "运营系统", the operations system): not a person's data, shown as it is.
 */
const NOT_A_PERSON = new Set(['运营人员', '运营系统']);

/** A login name as an account name is masked, the stand-ins above excepted (they are shown as they are). */
export function maskLoginName(value: string): string {
  return NOT_A_PERSON.has(value.trim()) ? value : maskAccountName(value);
}

/** A login name (an order's creator, a record's operator): masked like an account name, the stand-ins above excepted. */
export function loginName(
  ctx: PiiContext,
  value: string | null | undefined,
  about: { readonly customerId?: string | null | undefined; readonly indirectPartnerId?: string | null | undefined; readonly field: string },
): string | null {
  // Not a person: nothing to mask, nor a reveal to log.
  if (value && NOT_A_PERSON.has(value.trim())) return value;
  return personal(ctx, value, about, maskLoginName);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Mainland mobile numbers (`13812345678`, `+86 138…`, `0086-138…`), as the masks above know them. */
const MOBILE = /(?<!\d)(?:(?:\+|00)86[- ]?)?1[3-9]\d{9}(?!\d)/g;

/**
 * Upstream text (Huawei's error messages) with any e-mail address or mobile number in it masked, for every
 * caller: an error message is no place to reveal personal data, and it cannot be logged as a reveal.
 */
export function scrubPersonal(text: string): string {
  return text.replace(EMAIL, (m) => maskEmail(m)).replace(MOBILE, (m) => maskPhone(m));
}

/** Filters on personal data (search by name) need the PII permission: probing would unmask them one guess at a time. */
export function requirePii(caller: Caller, argument: string): void {
  if (!caller.pii) {
    throw new GraphQLError(`Filtering by "${argument}" needs an API key with the PII permission (it would reveal masked personal data).`, {
      extensions: { code: 'FORBIDDEN', argument, http: { status: 403 } },
    });
  }
}

/**
 * GraphQL enums over Huawei's numeric and string codes, each code list mapped here and only here. The
 * same wire field uses different code lists on different endpoints (bss-api-commerce.md §0.8), so each
 * enum names the list it maps. A code the schema does not know yet resolves to `UNKNOWN` instead of
 * failing the query; the raw code stays available next to it.
 */
import { GraphQLError } from 'graphql';
import { builder } from './builder.js';

/** The internal value of one of an enum's values, given its `values` table. */
export type ValueOf<T extends Record<string, { value: unknown }>> = T[keyof T]['value'];

/** Resolves a wire code to itself when the enum knows it, else to the enum's UNKNOWN value. */
export function knownCode<Known extends number | string>(known: ReadonlySet<Known>, code: number | string, unknown: Known): Known {
  return known.has(code as Known) ? (code as Known) : unknown;
}

/** The codes an enum's `values` table knows. */
export function codesOf<T extends Record<string, { value: number | string }>>(values: T): ReadonlySet<ValueOf<T>> {
  return new Set(Object.values(values).map((v) => v.value as ValueOf<T>));
}

/** A wire code onto an enum's internal value; absent or unknown → the enum's UNKNOWN. */
export function mapCode<V extends number | string>(known: ReadonlySet<V>, code: number | string | null | undefined, unknown: V): V {
  return code === null || code === undefined ? unknown : knownCode(known, code, unknown);
}

/** A filter argument that names no code the upstream filters on: a client error, refused before any call. */
export function badFilter(argument: string, message: string): GraphQLError {
  return new GraphQLError(`"${argument}" ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

export const ACCOUNT_TYPE_UNKNOWN = -1 as const;
const ACCOUNT_TYPES = {
  CASH: { value: 1, description: 'Cash balance (现金账户), `account_type` 1.' },
  CREDIT: { value: 2, description: 'Credit line (信用账户), `account_type` 2.' },
  BONUS: { value: 5, description: 'Bonus (奖励金), `account_type` 5.' },
  DEPOSIT: { value: 7, description: 'Deposit or margin (保证金), `account_type` 7.' },
  ALLOCATABLE: { value: 8, description: 'Funds the partner may allocate to customers (可拨款), `account_type` 8.' },
  UNKNOWN: { value: ACCOUNT_TYPE_UNKNOWN, description: 'A code this version of the schema does not know yet; see `accountTypeCode`.' },
} as const;

export const AccountType = builder.enumType('AccountType', {
  description: 'Kind of a partner account balance (bss-api-partners.md §1.2 `account_type`).',
  values: ACCOUNT_TYPES,
});
type AccountTypeCode = (typeof ACCOUNT_TYPES)[keyof typeof ACCOUNT_TYPES]['value'];
export const KNOWN_ACCOUNT_TYPES: ReadonlySet<AccountTypeCode> = new Set(Object.values(ACCOUNT_TYPES).map((v) => v.value));

/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kind of a partner account balance (bss-api-partners.md §1.2 `account_type`). */
export type AccountType =
  /** Funds the partner may allocate to customers (可拨款), `account_type` 8. */
  | 'ALLOCATABLE'
  /** Bonus (奖励金), `account_type` 5. */
  | 'BONUS'
  /** Cash balance (现金账户), `account_type` 1. */
  | 'CASH'
  /** Credit line (信用账户), `account_type` 2. */
  | 'CREDIT'
  /** Deposit or margin (保证金), `account_type` 7. */
  | 'DEPOSIT'
  /** A code this version of the schema does not know yet; see `accountTypeCode`. */
  | 'UNKNOWN';

export type PartnerSliceQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerSliceQuery = { partner: { id: string, domainId: string, balances: Array<{ accountType: AccountType, accountTypeCode: number, amount: string, designatedAmount: string | null, currency: string }> }, serviceTypes: Array<{ code: string, name: string, abbreviation: string | null }> };


export const PartnerSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerSlice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domainId"}},{"kind":"Field","name":{"kind":"Name","value":"balances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"accountTypeCode"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"designatedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"abbreviation"}}]}}]}}]} as unknown as DocumentNode<PartnerSliceQuery, PartnerSliceQueryVariables>;
/**
 * Creating a customer account for a user of the partner's sales platform (bss-api-partners.md §2.1):
 * CreateSubCustomer `POST /v2/partners/sub-customers`, with partner credentials; a distributor creates a
 * reseller's customer by naming the reseller (`indirect_partner_id`).
 *
 * Reconciliation after a lost answer lists the scope's customers (ListSubCustomers) — by the requested account
 * name when one was given, else those associated since just before the send — and matches the platform user id
 * (`xaccount_id`). Not found is taken as not created: a second CreateSubCustomer with the same `xaccount_id` is
 * refused upstream ("already bound"), so a retry can never make a second account. Limit: Huawei completes the
 * partner↔customer association asynchronously (§2.1); an account created but not yet associated is not listed,
 * and its retry is then refused with that "already bound" error, which names the cause.
 *
 * No password is taken: it would pass through the idempotency hash and the audit trail. Accounts get Huawei's
 * random password and are reached through the partner's single sign-on, as the reference describes.
 */
import { CreateSubCustomer, ListSubCustomers, type CreateCustomerV2Req } from '../../bss/operations/partners/index.js';
import { toCustomerShape, type CustomerShape } from '../customers.js';
import type { Upstream } from '../list-endpoint.js';
import { wireTime, type Scope } from '../wire.js';
import { firstProblem, idProblem, problem, type InputProblem } from './input-rules.js';
import { absent, applied, windowStart, type LookupOutcome } from './lookup-outcome.js';

export interface CreateCustomerInput {
  /** The user's id on the partner's sales platform (≤ 128), unique per platform. */
  readonly xaccountId: string;
  /** The platform identifier Huawei assigned to the partner (≤ 64). */
  readonly xaccountType: string;
  /** The Huawei Cloud account name (`domain_name`); null: Huawei makes a random 32-character one. */
  readonly accountName: string | null;
  /** A mainland China mobile number (`13XXXXXXXXX`); needs `verificationCode` from sendVerificationCode. */
  readonly mobilePhone: string | null;
  readonly verificationCode: string | null;
  /** Turn Huawei's marketing messages off (`is_close_market_ms`). */
  readonly closeMarketingMessages: boolean | null;
  /** Create the customer for this reseller (null: the partner's own). */
  readonly indirectPartnerId: Scope;
}

const ACCOUNT_NAME = /^[a-zA-Z_-][a-zA-Z0-9_-]*$/;
const MAINLAND_MOBILE = /^1\d{10}$/;

/** §2.1 `domain_name`: 5–32, starts with a letter, `-` or `_`, then letters, digits, `-`, `_`; not `op_`/`shadow_`; not all digits. */
export function accountNameProblem(field: string, name: string): InputProblem | null {
  if (name.length < 5 || name.length > 32) return problem(field, 'must be 5 to 32 characters long');
  if (!ACCOUNT_NAME.test(name)) return problem(field, 'must start with a letter, "-" or "_" and hold only letters, digits, "-" and "_"');
  if (/^(op_|shadow_)/i.test(name)) return problem(field, 'must not start with op_ or shadow_');
  return null;
}

export function createCustomerProblem(input: CreateCustomerInput): InputProblem | null {
  return firstProblem(
    idProblem('xaccountId', input.xaccountId, 128),
    idProblem('xaccountType', input.xaccountType, 64),
    input.accountName === null ? null : accountNameProblem('accountName', input.accountName),
    input.mobilePhone === null ? null : MAINLAND_MOBILE.test(input.mobilePhone) ? null : problem('mobilePhone', 'must be a mainland China mobile number of 11 digits starting with 1'),
    input.mobilePhone !== null && input.verificationCode === null ? problem('verificationCode', 'is required with mobilePhone (send one with sendVerificationCode)') : null,
    input.verificationCode === null ? null : input.verificationCode.length === 6 ? null : problem('verificationCode', 'must be 6 characters'),
    input.mobilePhone === null && input.verificationCode !== null ? problem('verificationCode', 'is only taken with mobilePhone') : null,
    input.indirectPartnerId === null ? null : idProblem('indirectPartnerId', input.indirectPartnerId),
  );
}

export function createCustomerBody(input: CreateCustomerInput): CreateCustomerV2Req {
  return {
    xaccount_id: input.xaccountId,
    xaccount_type: input.xaccountType,
    ...(input.accountName !== null ? { domain_name: input.accountName } : {}),
    ...(input.mobilePhone !== null ? { mobile_phone: input.mobilePhone } : {}),
    ...(input.verificationCode !== null ? { verification_code: input.verificationCode } : {}),
    ...(input.closeMarketingMessages !== null ? { is_close_market_ms: input.closeMarketingMessages ? 'true' : 'false' } : {}),
    ...(input.indirectPartnerId !== null ? { indirect_partner_id: input.indirectPartnerId } : {}),
  };
}

export interface CreatedCustomerShape {
  readonly customerId: string;
  readonly accountName: string | null;
  readonly indirectPartnerId: Scope;
  /**
   * `CBC.99000050` came with the ids: the account exists but a later step failed (§2.1; its meaning is not
   * documented). The caller records the id; the customer may not be associated yet.
   */
  readonly warningCode: string | null;
}

export async function sendCreateCustomer(ctx: Upstream, input: CreateCustomerInput): Promise<CreatedCustomerShape> {
  const res = await ctx.bss.call(CreateSubCustomer, { body: createCustomerBody(input) });
  if (!res.domain_id) throw new Error('CreateSubCustomer answered without domain_id');
  return { customerId: res.domain_id, accountName: res.domain_name || null, indirectPartnerId: input.indirectPartnerId, warningCode: res.error_code || null };
}

/** Pages read at most when matching by association time (100 customers each). */
const MAX_LOOKUP_PAGES = 5;

/** What a lookup needs of a creation (no personal data: it is kept while an outcome is unknown). */
export interface CreatedCustomerQuery {
  readonly xaccountId: string;
  readonly indirectPartnerId: Scope;
  /** The requested account name, when the lookup may use it (it is personal data: only within a request). */
  readonly accountName: string | null;
}

/** The customer a lost CreateSubCustomer made, found by its platform user id; see the file comment for the rule. */
export async function findCreatedCustomer(ctx: Upstream, input: CreatedCustomerQuery, sentAt: Date): Promise<LookupOutcome<CustomerShape>> {
  const scope = input.indirectPartnerId ?? undefined;
  const filter = input.accountName !== null ? { account_name: input.accountName } : { associated_on_begin: wireTime(windowStart(sentAt)) };
  const limit = ListSubCustomers.page!.maxLimit;
  for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
    const res = await ctx.bss.call(ListSubCustomers, { body: { ...filter, indirect_partner_id: scope, offset: page * limit, limit } });
    const rows = res.customer_infos ?? [];
    const hit = rows.find((c) => c.xaccount_id === input.xaccountId && (input.accountName === null || c.account_name === input.accountName));
    if (hit) return applied(toCustomerShape(hit, input.indirectPartnerId));
    if (rows.length < limit) break;
  }
  return absent(`no customer bound to platform user ${input.xaccountId} is listed; a retry cannot create a second one (the upstream refuses a bound xaccount_id)`);
}

/**
 * The partner account: who the gateway's credentials belong to, and its funds.
 * Upstream: ListPartnerBalances `GET /v2/accounts/partner-accounts/balances` (bss-api-partners.md §1.2).
 */
import type { Decimal } from 'decimal.js';
import { ListPartnerBalances } from '../bss/operations/partners/index.js';
import { toDecimal, toDecimalOrNull } from '../bss/money.js';
import type { GraphQLContext } from '../context.js';

export interface PartnerShape {
  readonly domainId: string;
}

export interface AccountBalance {
  readonly accountId: string;
  /** §1.2 `account_type`: 1 cash, 2 credit, 5 bonus, 7 deposit, 8 allocatable. */
  readonly accountType: number;
  readonly amount: Decimal;
  readonly designatedAmount: Decimal | null;
  readonly creditAmount: Decimal | null;
  readonly currency: string;
  readonly memo: string | null;
}

export function thePartner(ctx: GraphQLContext): PartnerShape {
  return { domainId: ctx.partnerDomainId };
}

/** The partner's balances, or one reseller's when `indirectPartnerId` is given (a distributor only). */
export async function accountBalances(ctx: GraphQLContext, indirectPartnerId?: string): Promise<AccountBalance[]> {
  const res = await ctx.bss.call(ListPartnerBalances, indirectPartnerId ? { indirect_partner_id: indirectPartnerId } : {});
  return (res.account_balances ?? []).map((b) => ({
    accountId: b.account_id,
    accountType: b.account_type,
    amount: toDecimal(b.amount),
    designatedAmount: toDecimalOrNull(b.designated_amount),
    creditAmount: toDecimalOrNull(b.credit_amount),
    currency: b.currency,
    memo: b.memo ?? null,
  }));
}

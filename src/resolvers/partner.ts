/**
 * The partner account: who the gateway's credentials belong to, its funds, its allocation log and its
 * ledger. Upstream access and wire mapping: src/sources/partner-funds.ts (ListPartnerBalances §1.2,
 * ListPartnerAdjustRecords §1.5, ListPartnerAccountChangeRecords §1.6).
 */
import type { GraphQLContext } from '../context.js';
import {
  accountChangesList, adjustRecordsList, partnerBalancesRequest, toAccountBalance,
  type AccountBalance, type AccountChangeFilters, type AccountChangeShape, type AdjustRecordFilters, type AdjustRecordShape,
  type PartnerShape,
} from '../sources/partner-funds.js';
import type { Scope } from '../sources/wire.js';
import type { ConnectionArgs, OffsetConnection } from './connection.js';
import { endpointConnection } from './endpoint-connection.js';
import { ledgerWindow } from './input.js';

export function thePartner(ctx: GraphQLContext): PartnerShape {
  return { domainId: ctx.partnerDomainId };
}

/** The partner's balances, or one reseller's when `indirectPartnerId` is given (a distributor only). */
export async function accountBalances(ctx: GraphQLContext, indirectPartnerId?: string | null): Promise<AccountBalance[]> {
  const { op, request } = partnerBalancesRequest(indirectPartnerId);
  const res = await ctx.loaders.readOnce(op, request);
  return (res.account_balances ?? []).map(toAccountBalance);
}

export function adjustRecordsConnection(ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: AdjustRecordFilters): Promise<OffsetConnection<AdjustRecordShape>> {
  return endpointConnection(ctx, args, adjustRecordsList(scope, f));
}

export function accountChangesConnection(
  ctx: GraphQLContext, scope: Scope, args: ConnectionArgs, f: AccountChangeFilters & { readonly from?: string | null; readonly to?: string | null },
): Promise<OffsetConnection<AccountChangeShape>> {
  return endpointConnection(ctx, args, accountChangesList(scope, f, ledgerWindow(f.from, f.to)));
}

/**
 * Whom a fund-allocation or ledger row's `customer_id` names (§1.5, §1.6): in a reseller's listing always one
 * of its customers; in the partner's own, a distributor's resellers appear there too, and the row does not
 * say which. Then the resellers are listed once per request (ListIndirectPartners, pages of 100; also primes
 * every `indirectPartner` edge) and the id looked up among them. A partner that is no distributor has no
 * resellers to list: its rows all name customers.
 */
export async function counterpartyKind(ctx: Pick<GraphQLContext, 'loaders'>, scope: Scope, id: string | null): Promise<'customer' | 'reseller' | null> {
  if (!id) return null;
  if (scope) return 'customer';
  const resellers = await ctx.loaders.allIndirectPartners().catch(() => []);
  return resellers.some((r) => r.indirectPartnerId === id) ? 'reseller' : 'customer';
}

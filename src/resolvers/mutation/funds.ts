/**
 * Fund mutations: allocate to and reclaim from a customer (UpdateCustomerAccountAmount §2.8, ReclaimToPartnerAccount
 * §2.9) and a reseller (UpdateIndirectPartnerAccount §1.3, ReclaimIndirectPartnerAccount §1.4), through runWrite.
 * Upstream access: src/sources/writes/funds.ts. Rules and limits: docs/writes.md.
 *
 * Reconciliation of a lost answer: ListPartnerAdjustRecords (§1.5) for the target, the kind's operation type,
 * the amount, in the window of reconcile-window.ts (from 5 minutes before the send to 5 minutes after the look), less the
 * transfers the audit log already holds as other writes' (appliedReferences). One match → applied, its `trans_id`
 * the transfer id; none → not applied; several → undecidable (two identical transfers to one account within the
 * window that the gateway cannot attribute — both answers lost, or one made outside it — look the same upstream).
 */
import type { Decimal } from 'decimal.js';
import { boundReseller, forbidden } from '../../auth/scope.js';
import type { GraphQLContext } from '../../context.js';
import { ListCustomerAccountChangeRecords, ListPartnerAccountChangeRecords, ListPartnerAdjustRecords, ListPartnerBalances } from '../../bss/operations/partners/index.js';
import { customerKey, isConsultative, type CustomerBalanceShape, type CustomerShape } from '../../sources/customers.js';
import type { IndirectPartnerShape } from '../../sources/indirect-partners.js';
import type { AccountBalance } from '../../sources/partner-funds.js';
import { partnerBalancesRequest } from '../../sources/partner-funds.js';
import { findTransfers, partnerBalancesResponse, sendTransfer, TRANSFER_OPERATION, type TransferKind, type TransferRequest } from '../../sources/writes/funds.js';
import { scopedKey, type Scope } from '../../sources/wire.js';
import { appliedReferences } from '../../store/index.js';
import { badInput } from '../input.js';
import { accountBalances } from '../partner.js';
import { assertMayWrite, runWrite, type Reconciled } from './run-write.js';
import { reconcileWindow } from './reconcile-window.js';
import { customerSnapshot, indirectPartnerSnapshot } from './snapshots.js';
import { NOT_FOUND, writeError } from './write-errors.js';
import { checkAmount, checkId, checkIdempotencyKey, checkOptionalId } from './write-input.js';


export interface CustomerFundsInput {
  readonly customerId: string;
  readonly amount: Decimal;
  readonly idempotencyKey: string;
  /** The reseller whose customer it is; absent: the caller's scope (a reseller key's own), or searched (admin). */
  readonly indirectPartnerId?: string | null;
}

export interface ResellerFundsInput {
  readonly indirectPartnerId: string;
  readonly amount: Decimal;
  readonly idempotencyKey: string;
}

/** A transfer that happened: the upstream's transfer id (`transfer_id` / `trans_id`), null when it gave none. */
interface TransferOutcome {
  readonly transferId: string | null;
}

interface TransferPlan {
  readonly kind: TransferKind;
  readonly targetId: string;
  readonly scope: Scope;
  readonly amount: Decimal;
}

const transferOf = (p: TransferPlan): TransferRequest => ({ kind: p.kind, targetId: p.targetId, scope: p.scope, amount: p.amount });

async function reconcileTransfer(ctx: GraphQLContext, plan: TransferPlan, sentAt: Date, idempotencyKey: string): Promise<Reconciled<TransferOutcome>> {
  const window = reconcileWindow(ctx, sentAt);
  const candidates = await findTransfers(ctx, transferOf(plan), window);
  // Transfers the gateway made and recorded for other requests are theirs, not this one's.
  const known = ctx.store ? await appliedReferences(ctx.store, candidates.map((r) => r.transId!), idempotencyKey) : new Set<string>();
  const found = candidates.filter((r) => !known.has(r.transId!));
  if (found.length === 1) return { kind: 'found', outcome: { transferId: found[0]!.transId } };
  if (found.length === 0) return { kind: 'absent' };
  return {
    kind: 'undecidable',
    check: `${found.length} ${TRANSFER_OPERATION[plan.kind]} transfers of ${plan.amount.toFixed(2)} for ${plan.targetId} between ${window.from.toISOString()} and ` +
      `${window.to.toISOString()} (transfer ids ${found.map((r) => r.transId).join(', ')}) match; see adjustRecords for which one is this request's`,
  };
}

/** What every fund write drops: the request's reads of balances, adjust records and ledgers (the payload reads them afresh). */
function forgetFunds(ctx: GraphQLContext): void {
  ctx.loaders.forgetReads([ListPartnerBalances.name, ListPartnerAdjustRecords.name, ListPartnerAccountChangeRecords.name, ListCustomerAccountChangeRecords.name]);
}

/** A customer known only by its ids (it could not be read after the write; a later query fills it in). */
function bareCustomer(customerId: string, scope: Scope): CustomerShape {
  return {
    customerId, accountName: '', name: null, associationType: '2', associatedOn: null, label: null, telephone: null, countryCode: null, email: null,
    verifiedStatus: null, customerType: null, isFrozen: null, customerLevel: null, accountManagers: [], xaccountId: null, xaccountType: null,
    indirectPartnerId: scope,
  };
}

function bareReseller(indirectPartnerId: string): IndirectPartnerShape {
  return { indirectPartnerId, accountName: null, name: null, mobilePhone: null, email: null, associatedOn: null, accountManagerId: null, accountManagerName: null };
}

// ---------------------------------------------------------------------------------------------------------
// Customer funds

export interface CustomerFundsAnswer {
  readonly transferId: string | null;
  /** Masked (snapshots.ts). */
  readonly customer: CustomerShape;
  readonly balance: CustomerBalanceShape | null;
}

export interface CustomerFundsPayload {
  readonly transferId: string | null;
  readonly replayed: boolean;
  /** The customer's loader key: its fields load through the request's loaders (primed from the answer on a replay). */
  readonly customerKey: string;
}

function checkCustomerFunds(input: CustomerFundsInput): CustomerFundsInput {
  return {
    customerId: checkId(input.customerId, 'input.customerId'),
    amount: checkAmount(input.amount, 'input.amount'),
    idempotencyKey: checkIdempotencyKey(input.idempotencyKey),
    indirectPartnerId: checkOptionalId(input.indirectPartnerId, 'input.indirectPartnerId'),
  };
}

/** allocateCustomerFunds / reclaimCustomerFunds: admin keys, and reseller keys for their own customers. */
export function customerFunds(ctx: GraphQLContext, kind: 'allocate-customer' | 'reclaim-customer', raw: CustomerFundsInput): Promise<CustomerFundsPayload> {
  const mutation = kind === 'allocate-customer' ? 'allocateCustomerFunds' : 'reclaimCustomerFunds';
  const roles = ['admin', 'reseller'] as const;
  assertMayWrite(ctx, mutation, roles);
  const input = checkCustomerFunds(raw);
  const bound = boundReseller(ctx.caller);
  if (bound !== null && input.indirectPartnerId && input.indirectPartnerId !== bound) {
    throw forbidden(`This API key may only move funds of reseller ${bound}'s customers (input.indirectPartnerId names ${input.indirectPartnerId}).`);
  }
  // A reseller key always acts in its own scope; an admin names the reseller, or the customer is looked for.
  const scopeHint: Scope | undefined = bound ?? input.indirectPartnerId ?? undefined;
  return runWrite<TransferPlan, TransferOutcome, CustomerFundsAnswer, CustomerFundsPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey: input.idempotencyKey,
    input: { customerId: input.customerId, amount: input.amount, indirectPartnerId: scopeHint ?? null },
    targets: { customerId: input.customerId, indirectPartnerId: scopeHint ?? null, amount: input.amount.toFixed(2), detail: { upstream: TRANSFER_OPERATION[kind] } },
    async prepare(c) {
      // ListSubCustomers in the scope (or the search): the customer must be there, and resale.
      const key = scopeHint === undefined ? input.customerId : scopedKey(input.customerId, scopeHint);
      const customer = await c.loaders.customer.load(key);
      if (!customer) {
        throw writeError(NOT_FOUND, `Customer ${input.customerId} is not a customer of ${scopeHint ? `reseller ${scopeHint}` : scopeHint === null ? 'the partner' : 'the partner or its resellers'}; nothing was sent.`, { argument: 'input.customerId' });
      }
      if (isConsultative(customer)) {
        throw badInput(`"input.customerId": customer ${input.customerId} is a consultative-sales customer, who pays Huawei Cloud directly; only resale customers' funds can be moved`, 'input.customerId');
      }
      return { kind, targetId: customer.customerId, scope: customer.indirectPartnerId, amount: input.amount };
    },
    send: async (c, plan) => ({ transferId: await sendTransfer(c, transferOf(plan)) }),
    reconcile: (c, plan, sentAt) => reconcileTransfer(c, plan, sentAt, input.idempotencyKey),
    invalidate(c, plan) {
      const key = scopedKey(plan.targetId, plan.scope);
      c.loaders.customerBalance.clear(key);
      c.loaders.customerOwnBalances.clear(plan.targetId);
      forgetFunds(c);
      // The cross-request cache drops what its write passed through; this also covers a write reconciled by a later request.
      c.partnerCache?.invalidateCustomer(plan.targetId);
      if (plan.scope) c.partnerCache?.invalidateReseller(plan.scope);
      c.partnerCache?.invalidateKind('balances');
    },
    async read(c, plan, outcome) {
      const key = scopedKey(plan.targetId, plan.scope);
      const customer = await c.loaders.customer.load(key).catch(() => null);
      // The write happened: a failed read leaves the balance to a later query, never an error.
      const balance = await c.loaders.customerBalance.load(key).catch(() => null);
      return { transferId: outcome.transferId, customer: customerSnapshot(customer ?? bareCustomer(plan.targetId, plan.scope)), balance };
    },
    payload(c, answer, replayed) {
      const key = customerKey(answer.customer);
      // Replayed: the stored objects answer the payload's fields without a call (a first answer's are loaded already).
      c.loaders.customer.prime(key, answer.customer);
      if (answer.balance) c.loaders.customerBalance.prime(key, answer.balance);
      return { transferId: answer.transferId, replayed, customerKey: key };
    },
    reference: (o) => o.transferId,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reseller funds (the distributor's own money: admin keys only)

export interface ResellerFundsAnswer {
  readonly transferId: string | null;
  readonly indirectPartner: IndirectPartnerShape;
  readonly balances: readonly AccountBalance[] | null;
}

export interface ResellerFundsPayload {
  readonly transferId: string | null;
  readonly replayed: boolean;
  /** Its fields load through the request's loaders (primed from the answer on a replay). */
  readonly indirectPartnerId: string;
}

export function resellerFunds(ctx: GraphQLContext, kind: 'allocate-reseller' | 'reclaim-reseller', raw: ResellerFundsInput): Promise<ResellerFundsPayload> {
  const mutation = kind === 'allocate-reseller' ? 'allocateResellerFunds' : 'reclaimResellerFunds';
  const roles = ['admin'] as const;
  assertMayWrite(ctx, mutation, roles);
  const input: ResellerFundsInput = {
    indirectPartnerId: checkId(raw.indirectPartnerId, 'input.indirectPartnerId'),
    amount: checkAmount(raw.amount, 'input.amount'),
    idempotencyKey: checkIdempotencyKey(raw.idempotencyKey),
  };
  return runWrite<TransferPlan, TransferOutcome, ResellerFundsAnswer, ResellerFundsPayload>(ctx, {
    mutation,
    roles,
    idempotencyKey: input.idempotencyKey,
    input: { indirectPartnerId: input.indirectPartnerId, amount: input.amount },
    targets: { indirectPartnerId: input.indirectPartnerId, amount: input.amount.toFixed(2), detail: { upstream: TRANSFER_OPERATION[kind] } },
    async prepare(c) {
      // ListIndirectPartners for the id: an unknown reseller is refused here, not by a write.
      const reseller = await c.loaders.indirectPartner.load(input.indirectPartnerId);
      if (!reseller) throw writeError(NOT_FOUND, `Reseller ${input.indirectPartnerId} is not a reseller of this partner; nothing was sent.`, { argument: 'input.indirectPartnerId' });
      return { kind, targetId: reseller.indirectPartnerId, scope: null, amount: input.amount };
    },
    send: async (c, plan) => ({ transferId: await sendTransfer(c, transferOf(plan)) }),
    reconcile: (c, plan, sentAt) => reconcileTransfer(c, plan, sentAt, input.idempotencyKey),
    invalidate(c, plan) {
      forgetFunds(c);
      c.partnerCache?.invalidateReseller(plan.targetId);
      c.partnerCache?.invalidateKind('balances');
    },
    async read(c, plan, outcome) {
      const reseller = (await c.loaders.indirectPartner.load(plan.targetId).catch(() => null)) ?? bareReseller(plan.targetId);
      const balances = await accountBalances(c, plan.targetId).catch(() => null);
      return { transferId: outcome.transferId, indirectPartner: indirectPartnerSnapshot(reseller), balances };
    },
    payload(c, answer, replayed) {
      c.loaders.indirectPartner.prime(answer.indirectPartner.indirectPartnerId, answer.indirectPartner);
      if (answer.balances) {
        const { op, request } = partnerBalancesRequest(answer.indirectPartner.indirectPartnerId);
        c.loaders.primeRead(op, request, partnerBalancesResponse(answer.balances));
      }
      return { transferId: answer.transferId, replayed, indirectPartnerId: answer.indirectPartner.indirectPartnerId };
    },
    reference: (o) => o.transferId,
  });
}

/**
 * The backstop of reseller scoping, under every resolver: a reseller caller's requests get a BSS client
 * that refuses, before any upstream call, whatever is outside the reseller's subtree. Resolvers pick the
 * scope with scope.ts and say FORBIDDEN in their own words; this guard makes a forgotten check a
 * FORBIDDEN error instead of a leak.
 *
 * - A partner-credential call that takes `indirect_partner_id` must carry the reseller's own; if it also names a
 *   customer, that customer must be the reseller's (seen or confirmed, as below).
 * - A call about one customer with no scope parameter (customer tokens, ListPayPerUseCustomerResources)
 *   is allowed only for a customer seen in the reseller's scope in this request, or confirmed there by one
 *   exact ListSubCustomers call (memoised for the request).
 * - Reference data (service types, units, regions, price quotes) is not anyone's business data: allowed; nor is
 *   the account registry's "is this name free" (CheckUserIdentity).
 * - A write only in the reseller's scope (or as its customer), naming only its customers (checkWrite).
 * - Everything else (partner-wide lists without a scope, writes outside the subtree) is refused.
 * - Process-wide caches answer without a call, so they are read through the same request's `scopeGate`.
 */
import type { BssClient, CallOptions } from '../bss/client.js';
import type { OperationSpec } from '../bss/operations/index.js';
import { ListSubCustomers } from '../bss/operations/partners/index.js';
import type { Caller } from './caller.js';
import { boundReseller, forbidden } from './scope.js';

const REFERENCE = new Set([
  'ListServiceTypes', 'ListResourceTypes', 'ListServiceResources', 'ListUsageTypes', 'ListMeasureUnits', 'ListConversions',
  'ListProvinces', 'ListCities', 'ListCounties', 'ListOnDemandResourceRatings', 'ListRateOnPeriodDetail',
]);

/**
 * Reads about Huawei Cloud's account registry, not the partner's data: CheckUserIdentity (§2.3) says whether a name,
 * e-mail or mobile number is free to register anywhere. A reseller creating its own customers asks it first.
 */
const REGISTRY_CHECKS = new Set(['CheckUserIdentity']);

/** Operations whose JSON body carries `indirect_partner_id` (query ones are read from the spec). */
const BODY_SCOPED = new Set(['ListIndirectPartners', 'ListQuotaCoupons', 'ListSubCustomers', 'ListSubCustomerNewTag', 'ListCustomersBalancesDetail', 'ListCustomerOnDemandResources']);

/**
 * Writes whose `indirect_partner_id` is the reseller the distributor acts on (its funds, its quotas), not the scope
 * the call acts in: a reseller key passing its own id would move the distributor's money to itself.
 */
const DISTRIBUTOR_WRITES = new Set(['UpdateIndirectPartnerAccount', 'ReclaimIndirectPartnerAccount', 'UpdateCouponQuotas', 'ReclaimCouponQuotas']);

type Loose = Record<string, unknown> & { body?: Record<string, unknown> };

function field(req: unknown, name: string): unknown {
  const r = (req ?? {}) as Loose;
  return r[name] ?? r.body?.[name];
}

export function takesScope(op: OperationSpec): boolean {
  return (op.query ?? []).includes('indirect_partner_id') || BODY_SCOPED.has(op.name);
}

/** Customer ids a response shows to be the reseller's (the call was made in its scope). */
function customersIn(op: OperationSpec, res: unknown): string[] {
  const r = (res ?? {}) as Record<string, Array<{ customer_id?: string }> | undefined>;
  const rows = op.name === 'ListSubCustomers' ? r.customer_infos : op.name === 'ListSubCustomerNewTag' ? r.new_customer_tags : op.name === 'ListCustomersBalancesDetail' ? r.customer_balances : undefined;
  return (rows ?? []).flatMap((row) => (row.customer_id ? [row.customer_id] : []));
}

/** The client a caller's request uses: the shared one, or for a reseller the same one behind the guard. */
export function scopedBss(bss: BssClient, caller: Caller): BssClient {
  const reseller = boundReseller(caller);
  if (reseller === null) return bss;
  const seen = new Set<string>();
  const confirming = new Map<string, Promise<boolean>>();

  const confirm = (customerId: string): Promise<boolean> => {
    if (seen.has(customerId)) return Promise.resolve(true);
    let pending = confirming.get(customerId);
    if (!pending) {
      pending = bss
        .call(ListSubCustomers, { body: { customer_id: customerId, indirect_partner_id: reseller, offset: 0, limit: 1 } })
        .then((res) => {
          const found = (res.customer_infos ?? []).some((c) => c.customer_id === customerId);
          if (found) seen.add(customerId);
          return found;
        });
      pending.catch(() => confirming.delete(customerId));
      confirming.set(customerId, pending);
    }
    return pending;
  };

  /**
   * A write is let through only inside the reseller's subtree: in its scope (`indirect_partner_id` its own) or as
   * one of its customers (a customer token), and every customer it names (`customer_id`, `customer_ids`) seen or
   * confirmed in that scope. A write in no scope (the partner's own funds, a reseller's funds or quotas) is refused.
   */
  const checkWrite = async (op: OperationSpec, req: unknown, opts: CallOptions): Promise<void> => {
    if (DISTRIBUTOR_WRITES.has(op.name)) throw forbidden(`${op.name} moves the distributor's own funds or quotas; a reseller API key cannot call it.`);
    const scope = field(req, 'indirect_partner_id');
    if (!opts.customerId && scope !== reseller) {
      throw forbidden(`This API key may only act in reseller ${reseller}'s subtree (${op.name} ${scope ? `names reseller ${String(scope)}` : 'acts in the partner\'s own scope'}).`);
    }
    const named = field(req, 'customer_ids');
    const customers = [opts.customerId, field(req, 'customer_id'), ...(Array.isArray(named) ? named : [])].filter((id): id is string => typeof id === 'string' && id !== '');
    for (const customerId of new Set(customers)) {
      if (!(await confirm(customerId))) throw forbidden(`Customer ${customerId} is not a customer of reseller ${reseller}.`);
    }
  };

  const check = async (op: OperationSpec, req: unknown, opts: CallOptions): Promise<void> => {
    if (op.kind === 'write') return checkWrite(op, req, opts);
    const customerId = opts.customerId ?? (field(req, 'customer_id') as string | undefined);
    if (!opts.customerId && takesScope(op)) {
      const scope = field(req, 'indirect_partner_id');
      if (scope !== reseller) throw forbidden(`This API key may only see reseller ${reseller}'s data (${op.name} asked ${scope ? `reseller ${String(scope)}` : 'the partner\'s own scope'}).`);
      // The scope is the reseller's, but the customer a call names is only what the caller (or a hand-made
      // global id) claimed, and Huawei documents `indirect_partner_id` as "ignored otherwise" on several
      // endpoints: the customer must be the reseller's too. (ListSubCustomers is how that is asked.)
      if (op.name !== ListSubCustomers.name && typeof customerId === 'string' && customerId !== '' && !(await confirm(customerId))) {
        throw forbidden(`Customer ${customerId} is not a customer of reseller ${reseller}.`);
      }
      return;
    }
    if ((REFERENCE.has(op.name) || REGISTRY_CHECKS.has(op.name)) && !opts.customerId) return;
    if (typeof customerId === 'string' && customerId !== '') {
      if (!(await confirm(customerId))) throw forbidden(`Customer ${customerId} is not a customer of reseller ${reseller}.`);
      return;
    }
    throw forbidden(`${op.name} reads partner-wide data; a reseller API key cannot call it.`);
  };

  // Cross-request caches answer without an upstream call, so the guard above never sees their hits: the gate
  // checks an entry's owner as the guard would check the call it replaces, and further confirms its customer
  // (a key's scope is only what the caller or an id claimed; the customer must really be the reseller's).
  const gate: ScopeGate = {
    async admit(owner) {
      if (!owner) throw forbidden('This is partner-wide data; a reseller API key cannot read it.');
      if (owner.indirectPartnerId !== reseller) {
        throw forbidden(`This API key may only see reseller ${reseller}'s data (asked ${owner.indirectPartnerId ? `reseller ${owner.indirectPartnerId}` : 'the partner\'s own scope'}).`);
      }
      if (!(await confirm(owner.customerId))) throw forbidden(`Customer ${owner.customerId} is not a customer of reseller ${reseller}.`);
    },
    admitted: (owner) => owner !== undefined && owner.indirectPartnerId === reseller && seen.has(owner.customerId),
  };

  const guarded = Object.create(bss) as BssClient;
  guarded.call = async function call<Req, Res>(op: OperationSpec<Req, Res>, req: Req, opts: CallOptions = {}): Promise<Res> {
    await check(op, req, opts);
    const res = await bss.call(op, req, opts);
    if (!opts.customerId) for (const id of customersIn(op, res)) seen.add(id);
    return res;
  };
  gates.set(guarded, gate);
  return guarded;
}

/** Whose data a cached answer is: one customer in a scope (null: the partner's own); undefined: partner-wide. */
export interface ScopeOwner {
  readonly customerId: string;
  readonly indirectPartnerId: string | null;
}

/**
 * What a reseller's request may read of process-wide caches (structurally a `BillCacheGate`,
 * src/caches/bill-cache.ts): the same scope as its guarded client's calls, with the same per-request memory of
 * customers seen or confirmed in its scope.
 */
export interface ScopeGate {
  /** Resolves when the caller may read `owner`'s data; rejects FORBIDDEN otherwise (may confirm the customer: one call). */
  admit(owner: ScopeOwner | undefined): Promise<void>;
  /** Synchronously: whether `owner`'s data is already known to be the caller's. */
  admitted(owner: ScopeOwner | undefined): boolean;
}

const gates = new WeakMap<BssClient, ScopeGate>();

/** The gate of a guarded client (a reseller's request), or null for a partner-wide caller's client. */
export function scopeGate(bss: BssClient): ScopeGate | null {
  return gates.get(bss) ?? null;
}

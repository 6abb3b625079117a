/**
 * Who the partner's customers are: the world's customers plus those created through §2.1, indexed by
 * scope (the distributor's own customers, or one reseller's) and by the names, e-mail addresses and
 * mobile numbers that registration checks (§2.3). Indexes are built on first use, once.
 */
import type { CustomerRecord, World } from '../world.js';
import type { Random } from '../random.js';
import { utc } from './time.js';

/** A partner scope: `null` for the distributor itself, otherwise a reseller's `indirect_partner_id`. */
export type ScopeId = string | null;

/** How many accounts one mobile number may register [inferred: Huawei documents a limit, not its value]. */
export const MOBILE_REGISTRATION_LIMIT = 5;

export interface CreateCustomerInput {
  readonly xaccountId: string;
  readonly xaccountType: string;
  readonly domainName: string | null;
  readonly mobilePhone: string | null;
  readonly consultative: boolean;
  readonly indirectPartnerId: string | null;
}

export class CustomerDirectory {
  private readonly createdList: CustomerRecord[] = [];
  private readonly createdById = new Map<string, CustomerRecord>();
  private byScope: Map<ScopeId, CustomerRecord[]> | null = null;
  private names: Set<string> | null = null;
  private emails: Set<string> | null = null;
  private mobiles: Map<string, number> | null = null;
  private xaccounts: Set<string> | null = null;

  constructor(private readonly world: World) {}

  get(customerId: string): CustomerRecord | undefined {
    return this.world.customer(customerId) ?? this.createdById.get(customerId);
  }

  isCreated(customerId: string): boolean {
    return this.createdById.has(customerId);
  }

  /** The customers created through §2.1, oldest first. */
  created(): readonly CustomerRecord[] {
    return this.createdList;
  }

  /** The customers of a scope, newest association first (customers created here come first). */
  inScope(scope: ScopeId): CustomerRecord[] {
    const base = this.scopeIndex().get(scope) ?? [];
    const created = this.createdList.filter((c) => c.indirectPartnerId === scope).reverse();
    return created.length === 0 ? base : [...created, ...base];
  }

  /** Whether the customer is bound to exactly this scope. */
  belongsTo(customer: CustomerRecord, scope: ScopeId): boolean {
    return customer.indirectPartnerId === scope;
  }

  accountNameTaken(name: string): boolean {
    return this.nameIndex().has(name.toLowerCase());
  }

  emailTaken(email: string): boolean {
    return this.emailIndex().has(email.toLowerCase());
  }

  xaccountTaken(xaccountId: string): boolean {
    return this.xaccountIndex().has(xaccountId);
  }

  /** How many accounts registered with this mainland number (11 digits, without the country code). */
  mobileRegistrations(mobile: string): number {
    return this.mobileIndex().get(mobile) ?? 0;
  }

  /** Creates and binds a customer (§2.1); `r` is the write's generator, so ids follow the seed. */
  create(input: CreateCustomerInput, r: Random, now: Date): CustomerRecord {
    const customerId = r.hex(32);
    const accountName = input.domainName ?? randomAccountName(r);
    const customer: CustomerRecord = {
      index: this.world.customers.length + this.createdList.length,
      customerId,
      accountName,
      realName: '',
      associationType: input.consultative ? '1' : '2',
      indirectPartnerId: input.indirectPartnerId,
      associatedOn: utc(now),
      label: '',
      telephone: input.mobilePhone ?? '',
      countryCode: input.mobilePhone ? '0086' : '',
      email: '',
      verifiedStatus: '-1',
      customerType: -1,
      isFrozen: 0,
      customerLevel: 'V0',
      accountManager: '',
      xaccountId: input.xaccountId,
      // The reference is silent on whether Huawei creates an agency for an account made by CreateSubCustomer.
      // The simulator's default: it does (named after the partner's xaccountType, trusting the partner, as the
      // world's customers' agencies are), so customer-token endpoints (orders, payment, own balances) work for
      // a customer the partner just registered.
      agency: { id: r.hex(32), roles: ['te_admin'] },
    };
    this.createdList.push(customer);
    this.createdById.set(customerId, customer);
    this.nameIndex().add(accountName.toLowerCase());
    this.xaccountIndex().add(input.xaccountId);
    if (input.mobilePhone) this.mobileIndex().set(input.mobilePhone, this.mobileRegistrations(input.mobilePhone) + 1);
    return customer;
  }

  private scopeIndex(): Map<ScopeId, CustomerRecord[]> {
    if (!this.byScope) {
      const map = new Map<ScopeId, CustomerRecord[]>();
      for (const c of this.world.customers) {
        const list = map.get(c.indirectPartnerId);
        if (list) list.push(c);
        else map.set(c.indirectPartnerId, [c]);
      }
      // Newest association first, as Partner Center lists them; the index breaks ties stably.
      for (const list of map.values()) list.sort((a, b) => (a.associatedOn === b.associatedOn ? a.index - b.index : a.associatedOn < b.associatedOn ? 1 : -1));
      this.byScope = map;
    }
    return this.byScope;
  }

  private nameIndex(): Set<string> {
    if (!this.names) {
      this.names = new Set(this.world.customers.map((c) => c.accountName.toLowerCase()));
      for (const r of this.world.resellers) this.names.add(r.accountName.toLowerCase());
      this.names.add(this.world.partner.domainName.toLowerCase());
    }
    return this.names;
  }

  private emailIndex(): Set<string> {
    if (!this.emails) {
      this.emails = new Set(this.world.customers.map((c) => c.email.toLowerCase()));
      for (const r of this.world.resellers) this.emails.add(r.email.toLowerCase());
    }
    return this.emails;
  }

  private mobileIndex(): Map<string, number> {
    if (!this.mobiles) {
      const map = new Map<string, number>();
      for (const c of this.world.customers) if (c.countryCode === '0086') map.set(c.telephone, (map.get(c.telephone) ?? 0) + 1);
      this.mobiles = map;
    }
    return this.mobiles;
  }

  private xaccountIndex(): Set<string> {
    if (!this.xaccounts) this.xaccounts = new Set(this.world.customers.map((c) => c.xaccountId));
    return this.xaccounts;
  }
}

/** Huawei generates a 32-character name when none is given; it must start with a letter. */
function randomAccountName(r: Random): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const alphabet = `${letters}0123456789`;
  let name = letters[r.int(0, letters.length - 1)]!;
  while (name.length < 32) name += alphabet[r.int(0, alphabet.length - 1)];
  return name;
}

/**
 * Real-name authentication state: what the world generated (a customer under review, rejected or
 * authenticated) overlaid with the applications partners submitted through §2.10–§2.12. An application
 * that needs manual review is decided a fixed time after it was submitted, so a polling client
 * (§2.13) sees "under review" and then the outcome as the simulator's clock moves.
 */
import type { Localized } from '../reference.js';
import type { CustomerRecord, World } from '../world.js';

/** How long a manual review takes in the simulator [inferred: Huawei promises no duration]. */
export const REVIEW_MILLIS = 10 * 60_000;

export type ApplicationKind = 'individual' | 'enterprise' | 'change';

export interface Application {
  readonly kind: ApplicationKind;
  readonly submittedAt: Date;
  /** The person's or the organisation's name: the customer's real name once approved. */
  readonly name: string;
  readonly customerType: 0 | 1;
  readonly manualReview: boolean;
  readonly approved: boolean;
  readonly opinion: Localized | null;
}

export interface Verification {
  /** `"-1"` not authenticated, `"0"` under review, `"1"` rejected, `"2"` authenticated. */
  readonly verifiedStatus: CustomerRecord['verifiedStatus'];
  readonly customerType: CustomerRecord['customerType'];
  readonly realName: string;
  /** The §2.13 answer: null when no application was ever submitted. */
  readonly review: { readonly result: 0 | 1 | 2; readonly opinion: Localized | null } | null;
}

const OPINIONS: readonly Localized[] = [
  { zh_CN: '证件照片模糊，请重新上传清晰的证件照片。', en_US: 'The certificate photo is blurred. Upload a clear one.' },
  { zh_CN: '证件信息与填写信息不一致。', en_US: 'The certificate does not match the information entered.' },
  { zh_CN: '手持证件照片不符合要求。', en_US: 'The photo of the person holding the certificate does not meet the requirements.' },
];

export class RealnameBook {
  private readonly applications = new Map<string, Application[]>();

  constructor(private readonly world: World) {}

  /** Records an application and decides its outcome now, deterministically from the seed. */
  submit(customer: CustomerRecord, kind: ApplicationKind, name: string, customerType: 0 | 1, manualReview: boolean, now: Date): Application {
    const list = this.applications.get(customer.customerId) ?? [];
    const r = this.world.random(`realname:${customer.customerId}:${list.length}`);
    // One manual review in ten is rejected; automatic checks (bank card) always pass here.
    const approved = !manualReview || !r.chance(0.1);
    const application: Application = {
      kind, submittedAt: now, name, customerType, manualReview, approved, opinion: approved ? null : r.pick(OPINIONS),
    };
    list.push(application);
    this.applications.set(customer.customerId, list);
    return application;
  }

  latest(customerId: string): Application | undefined {
    return this.applications.get(customerId)?.at(-1);
  }

  /**
   * The customer's authentication as of `now`: what the world generated, then each application in turn, so a
   * change under review leaves in force what an earlier application (a bank card, say) established.
   */
  verification(customer: CustomerRecord, now: Date): Verification {
    let state = this.generated(customer);
    for (const application of this.applications.get(customer.customerId) ?? []) state = this.after(state, application, now);
    return state;
  }

  /** The authentication once `application` is taken into account, given the one in force before it. */
  private after(base: Verification, application: Application, now: Date): Verification {
    const decided = !application.manualReview || now.getTime() >= application.submittedAt.getTime() + REVIEW_MILLIS;
    if (!decided) {
      // A change application leaves the existing authentication in force while it is reviewed.
      if (application.kind === 'change') return { ...base, review: { result: 0, opinion: null } };
      return { verifiedStatus: '0', customerType: base.customerType, realName: base.realName, review: { result: 0, opinion: null } };
    }
    if (!application.approved) {
      if (application.kind === 'change') return { ...base, review: { result: 1, opinion: application.opinion } };
      return { verifiedStatus: '1', customerType: base.customerType, realName: base.realName, review: { result: 1, opinion: application.opinion } };
    }
    return {
      verifiedStatus: '2',
      customerType: application.customerType,
      realName: application.name,
      // An application was submitted, so §2.13 answers even when no manual review was needed.
      review: { result: 2, opinion: null },
    };
  }

  /** What the world generated: its status implies an application was submitted, except `-1`. */
  private generated(customer: CustomerRecord): Verification {
    const { verifiedStatus, customerType, realName } = customer;
    switch (verifiedStatus) {
      case '-1':
        return { verifiedStatus, customerType, realName, review: null };
      case '0':
        return { verifiedStatus, customerType, realName, review: { result: 0, opinion: null } };
      case '1':
        return { verifiedStatus, customerType, realName, review: { result: 1, opinion: this.world.random(`realname:opinion:${customer.customerId}`).pick(OPINIONS) } };
      default:
        return { verifiedStatus, customerType, realName, review: { result: 2, opinion: null } };
    }
  }
}

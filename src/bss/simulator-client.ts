/**
 * A BSS client pointed at a simulator (embedded, or another process): BSS and IAM on its one origin, its
 * partner AK/SK, and its agency name for customer tokens. Tests, benchmarks and scripts build it here and
 * pass only what they do differently (rate, retries, timeouts, hooks, other credentials) as overrides.
 *
 * The simulator is taken by shape, not imported: it sits above this layer (it serves these operations'
 * specs), so `bss/` must not import it back.
 */
import { BssClient, type BssClientOptions } from './client.js';

/** What a running simulator tells its users: where it listens and the partner it accepts. */
export interface SimulatorUpstream {
  readonly url: string;
  readonly credentials: {
    readonly ak: string;
    readonly sk: string;
    readonly domainId: string;
    /** The partner's `xaccountType`: the agency its customers grant, the name assume_role asks for. */
    readonly xaccountType: string;
  };
}

/** A client for `sim`; `overrides` win, key by key (a `rate` given replaces the whole `rate`). */
export function simulatorClient(sim: SimulatorUpstream, overrides: Partial<BssClientOptions> = {}): BssClient {
  const { ak, sk, domainId, xaccountType } = sim.credentials;
  return new BssClient({ endpoint: sim.url, iamEndpoint: sim.url, credentials: { ak, sk, domainId }, agencyName: xaccountType, ...overrides });
}

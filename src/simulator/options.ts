/**
 * Everything `startSimulator` can be told, with the defaults a developer gets from `npm run simulator`.
 */
import type { OperationSpec } from '../bss/operations/spec.js';
import { DEMO_PARTNER, type PartnerAccount } from './dataset/world.js';
import type { Handler } from './handler.js';
import type { LockoutPolicy } from './lockout.js';

/**
 * Injected failures, each drawn per BSS call from a seeded stream (deterministic for a given `seed` and
 * sequence of calls). IAM calls are not subject to faults. Rates are probabilities in [0, 1].
 */
export interface FaultConfig {
  /** Added before answering every BSS call. */
  readonly latencyMs: number;
  /** Uniform extra latency in [0, jitter]. */
  readonly latencyJitterMs: number;
  /** A 5xx with a real body: 500 CBC.0999, 502 APIGW.0201 "Backend unavailable.", 504 "Backend timeout.". */
  readonly errorRate: number;
  /** The call is accepted and never answered (`hang`) or answered after `timeoutDelayMs` (`delay`). */
  readonly timeoutRate: number;
  readonly timeoutMode: 'hang' | 'delay';
  readonly timeoutDelayMs: number;
  /** A 429 APIGW.0308 regardless of the real quota. */
  readonly throttleRate: number;
  /** A 200 whose JSON body is cut in half, after the call was carried out (a write is applied). */
  readonly malformedRate: number;
  /** The connection is closed before the call is carried out: no answer and no state change. */
  readonly resetRate: number;
  /**
   * The call is carried out (a write is applied) and its answer lost: the connection closed (`close`), never
   * answered (`hang`, until the client's timeout), or 504 APIGW.0201 from the gateway (`gateway-timeout`).
   */
  readonly lostAnswerRate: number;
  readonly lostAnswerMode: 'close' | 'hang' | 'gateway-timeout';
  /** The body is sent in small pieces spread over `slowBodyMs`. */
  readonly slowBodyRate: number;
  readonly slowBodyMs: number;
  /** Only these operations (SDK names) get faults; null: all. */
  readonly operations: readonly string[] | null;
  /** Seed of the fault stream; default: the dataset seed. */
  readonly seed?: number;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  timeoutMode: 'hang',
  timeoutDelayMs: 60_000,
  throttleRate: 0,
  malformedRate: 0,
  resetRate: 0,
  lostAnswerRate: 0,
  lostAnswerMode: 'close',
  slowBodyRate: 0,
  slowBodyMs: 2_000,
  operations: null,
};

/** A route registered beside the catalogue, e.g. a test-only operation that does not depend on real handlers. */
export interface ExtraRoute {
  readonly op: OperationSpec;
  readonly handler: Handler;
}

export interface SimulatorOptions {
  /** 0 (default): a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the simulator accepts demo credentials and must not listen beyond loopback by accident. */
  readonly host?: string;
  readonly seed?: number;
  readonly customers?: number;
  readonly resellers?: number;
  /** Hours of time-metered usage per detail record (default 1, Huawei's hourly records); see WorldOptions. */
  readonly hoursPerUsageRecord?: number;
  /** Dataset anchor (the world's "now"); default: the clock at startup. */
  readonly now?: Date;
  /** The gateway's clock (signature skew, token expiry, lock-outs, throttle windows); default: the wall clock. */
  readonly clock?: () => Date;
  /** Partner credentials to accept; unset fields fall back to `DEMO_PARTNER`. See `partnerFromEnv`. */
  readonly partner?: Partial<PartnerAccount>;
  /** Lifetime of IAM tokens, default 24 h. */
  readonly tokenLifetimeMs?: number;
  /** Lock an AK after this many consecutive signature failures (default: more than five) for `lockMs` (5 min). */
  readonly akLockout?: Partial<LockoutPolicy>;
  /** Lock the IAM user after wrong passwords (default 5 within 15 min, for 15 min; iam-tokens.md §5.3, inferred). */
  readonly passwordLockout?: Partial<LockoutPolicy>;
  /** assume_role on a missing/untrusted agency: 403 "You have no right to do this action" (default) or 404. */
  readonly agencyNotFoundStatus?: 403 | 404;
  /** Per-API quotas on (default) or off. */
  readonly throttle?: boolean;
  readonly faults?: Partial<FaultConfig>;
  readonly extraRoutes?: readonly ExtraRoute[];
  /** Where unexpected errors are reported; default stderr. */
  readonly log?: (line: string) => void;
  /** Called once per answered request (method, path, status, ms), e.g. for the CLI's verbose mode. */
  readonly onRequest?: (entry: { method: string; path: string; status: number; ms: number }) => void;
}

export const DEFAULT_TOKEN_LIFETIME_MS = 24 * 3_600_000;
export const DEFAULT_AK_LOCKOUT: LockoutPolicy = { lockAfter: 6, lockMs: 5 * 60_000 };
export const DEFAULT_PASSWORD_LOCKOUT: LockoutPolicy = { lockAfter: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Partner credentials from the SDKs' environment variables, when set (DESIGN.md: SDK env names). */
export function partnerFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<PartnerAccount> {
  const partner: { -readonly [K in keyof PartnerAccount]?: PartnerAccount[K] } = {};
  if (env.HUAWEICLOUD_SDK_AK) partner.ak = env.HUAWEICLOUD_SDK_AK;
  if (env.HUAWEICLOUD_SDK_SK) partner.sk = env.HUAWEICLOUD_SDK_SK;
  if (env.HUAWEICLOUD_SDK_DOMAIN_ID) partner.domainId = env.HUAWEICLOUD_SDK_DOMAIN_ID;
  return partner;
}

export { DEMO_PARTNER };

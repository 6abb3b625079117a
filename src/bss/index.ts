/** The BSS client's public surface: what resolvers, loaders, the gateway and tests import. */
export { BssClient, SHARE_TENANT, type BssClientOptions } from './client.js';
export { simulatorClient, type SimulatorUpstream } from './simulator-client.js';
export type { CallOptions, PaginateOptions } from './call-options.js';
export { CallCounter, type CallCounts, type RequestEvent, type RequestHook } from './call-counter.js';
export {
  credentialsFromEnv,
  credentialIdentity,
  isTokenCredentials,
  type ClientCredentials,
  type PartnerCredentials,
  type PartnerTokenCredentials,
} from './credentials.js';
export { BssError, isGatewayCode, isThrottleCode, type BssErrorKind } from './errors.js';
export { IAM_AGENCY_TOKEN_OPERATION, NO_AGENCY_CODE } from './iam-client.js';
export type { Page, PageItem } from './paginate.js';
export { RateBudget, DEFAULT_TENANT, type RateBudgetOptions } from './rate-budget.js';
export { LocalStartSlots, type StartSlots, type SlotAnswer } from './start-slots.js';
export { FairQueue } from './fair-queue.js';
export { runShared, inSharedLoad } from './shared-load.js';
export { BudgetShare, type BudgetShareOptions, type LeaveShare } from './budget-share.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export type { Clock, Sleep } from './time.js';
export type { Transport, TransportRequest, TransportResponse } from './transport.js';
export { toDecimal, toDecimalOrNull, sumDecimals, Money } from './money.js';
export { parseWireJson, stringifyWireJson, wireNumber } from './wire-json.js';
export * from './operations/spec.js';

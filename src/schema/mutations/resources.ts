/**
 * Subscription mutations on yearly/monthly resources (docs/writes.md): renewResources, unsubscribeResources,
 * convertResourcesToOnDemand, setResourcesRenewal, enableAutoRenewal, disableAutoRenewal, with the customer's
 * token. Behaviour: src/resolvers/mutation/resources.ts, through the one write path (run-write.ts).
 */
import { builder, type SchemaTypes } from '../builder.js';
import { Order } from '../order.js';
import { PeriodResource } from '../resource.js';
import {
  convertResourcesToOnDemand, disableAutoRenewal, enableAutoRenewal, renewResources, setResourcesRenewal, unsubscribeResources,
  type OrdersCreatedPayload, type PolicyPayload, type RenewConfigPayload,
} from '../../resolvers/mutation/resources.js';
import type { ResourceFailureShape } from '../../sources/writes/resources.js';
import type { PeriodResourceShape } from '../../sources/resources.js';
import type { GraphQLContext } from '../../context.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';
import { OPTIONAL_KEY_DESCRIPTION } from './optional-key.js';

const TOKEN = 'with the customer\'s token (CUSTOMER_AGENCY_NOT_GRANTED when it granted no agency), after one ListSubCustomers lookup of the customer';
const ROLES_NOTE = 'Admin keys; reseller keys for their own customers.';

/** The owner fields every resource write takes. */
const ownerFields = (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>, 'InputObject'>) => ({
  customerId: t.string({ required: true, description: 'The customer whose resources these are (≤ 64 characters): its token makes the call.' }),
  indirectPartnerId: t.string({
    required: false,
    description: 'The reseller whose customer it is. Absent: a reseller key\'s own; for an admin key the customer is looked for in the partner\'s scope, then the resellers\'.',
  }),
});

const PeriodUnit = builder.enumType('RenewalPeriodUnit', {
  description: 'The unit of a renewal (`period_type`, RenewalResources §3.3).',
  values: { MONTH: { value: 2, description: 'Months (1–11).' }, YEAR: { value: 3, description: 'Years (1–3).' } } as const,
});

const UnsubscribeScope = builder.enumType('UnsubscribeScope', {
  description: 'What an unsubscription ends (`unsubscribe_type`, CancelResourcesSubscription §3.4).',
  values: {
    RESOURCE_AND_RENEWALS: { value: 1, description: 'The resource and its renewed periods (`1`): it is released.' },
    RENEWALS_ONLY: { value: 2, description: 'Only renewed periods that have not started (`2`): the resource runs to the end of the current one.' },
  } as const,
});

const UnsubscribeReason = builder.enumType('UnsubscribeReason', {
  description: 'Why a customer unsubscribes (`unsubscribe_reason_type`).',
  values: {
    HARD_TO_USE: { value: 1, description: '`1` the product is hard to use.' },
    FEATURES_MISSING: { value: 2, description: '`2` its features do not meet the needs.' },
    TOO_COMPLEX: { value: 3, description: '`3` not knowing how to use it, or too complex.' },
    UNHAPPY_WITH_SERVICE: { value: 4, description: '`4` unhappy with the service.' },
    OTHER: { value: 5, description: '`5` another reason.' },
  } as const,
});

const OnDemandConversion = builder.enumType('OnDemandConversion', {
  description: 'Set or cancel "convert to pay-per-use when the subscription expires" (`operation`, UpdatePeriodToOnDemand §3.5).',
  values: { SET_UP: { value: 'SET_UP', description: 'Convert on expiry.' }, CANCEL: { value: 'CANCEL', description: 'Stop converting (only when it was set).' } } as const,
});

const RenewalSetting = builder.enumType('RenewalSetting', {
  description: 'An account-level renewal setting (`config_name`, SetResourcesRenewConfig §3.6).',
  values: {
    DEDUCTION_DATE: { value: 'DEDUCTION_DATE', description: 'How many days before expiry auto-renewal charges: 2–7.' },
    EXPIRE_DATE: { value: 'EXPIRE_DATE', description: 'The day of the month renewed resources expire on: 1–28, or -1 for the last day.' },
  } as const,
});

const RenewResourcesInput = builder.inputType('RenewResourcesInput', {
  description: 'Renews yearly/monthly resources (each main resource with its attached ones).',
  fields: (t) => ({
    ...ownerFields(t),
    resourceIds: t.stringList({ required: true, description: '1–10 main resource ids, none repeated.' }),
    periodUnit: t.field({ type: PeriodUnit, required: true, description: 'Months or years.' }),
    periodCount: t.int({ required: true, description: 'How many: months 1–11, years 1–3.' }),
    autoPay: t.boolean({ required: false, description: 'Pay the renewal orders at once from the customer\'s balance (default false: they wait for payOrder).' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const UnsubscribeResourcesInput = builder.inputType('UnsubscribeResourcesInput', {
  description: 'Unsubscribes yearly/monthly resources (each main resource with its attached ones); the refund is credited to the customer\'s balance.',
  fields: (t) => ({
    ...ownerFields(t),
    resourceIds: t.stringList({ required: true, description: '1–10 main resource ids, none repeated.' }),
    scope: t.field({ type: UnsubscribeScope, required: true, description: 'The resource and its renewals, or only renewals not started.' }),
    reasonType: t.field({ type: UnsubscribeReason, required: false, description: 'Why.' }),
    reason: t.string({ required: false, description: 'Free text (≤ 300 characters; never logged or stored).' }),
    idempotencyKey: t.string({ required: true, description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const ConvertResourcesToOnDemandInput = builder.inputType('ConvertResourcesToOnDemandInput', {
  description: 'Sets or cancels conversion to pay-per-use when the subscription expires.',
  fields: (t) => ({
    ...ownerFields(t),
    resourceIds: t.stringList({ required: true, description: '1–100 main resource ids, none repeated.' }),
    action: t.field({ type: OnDemandConversion, required: true, description: 'Set up or cancel.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const SetResourcesRenewalInput = builder.inputType('SetResourcesRenewalInput', {
  description: 'Sets one of the customer\'s account-level renewal settings.',
  fields: (t) => ({
    ...ownerFields(t),
    setting: t.field({ type: RenewalSetting, required: true, description: 'Which setting.' }),
    value: t.int({ required: true, description: 'DEDUCTION_DATE: 2–7 days before expiry; EXPIRE_DATE: day 1–28, or -1 for the last day of the month.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const AutoRenewalInput = builder.inputType('AutoRenewalInput', {
  description: 'Turns auto-renewal of one yearly/monthly resource on (with its mounted disks).',
  fields: (t) => ({
    ...ownerFields(t),
    resourceId: t.string({ required: true, description: 'The main resource.' }),
    times: t.int({ required: false, description: '0–99 renewals, 0 unlimited. Absent: unlimited when first turned on, unchanged when already on.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const DisableAutoRenewalInput = builder.inputType('DisableAutoRenewalInput', {
  description: 'Turns auto-renewal of one yearly/monthly resource off (with its mounted disks).',
  fields: (t) => ({
    ...ownerFields(t),
    resourceId: t.string({ required: true, description: 'The main resource.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const ResourceWriteFailure = builder.objectRef<ResourceFailureShape>('ResourceWriteFailure').implement({
  description: 'A resource the upstream did not act on, inside a successful answer (`fail_resource_infos` / `error_details`).',
  fields: (t) => ({
    resourceId: t.exposeString('resourceId', { nullable: true, description: 'The resource.' }),
    code: t.exposeString('code', { nullable: true, description: 'Huawei\'s code (null when a reconciliation found the resource untouched).' }),
    message: t.exposeString('message', { nullable: true, description: 'Huawei\'s message, or what the reconciliation saw.' }),
  }),
});

async function resourcesOf(ctx: GraphQLContext, keys: readonly string[]): Promise<PeriodResourceShape[]> {
  const found = await Promise.all(keys.map((k) => ctx.loaders.periodResource.load(k)));
  return found.filter((r): r is PeriodResourceShape => r !== null);
}

const RESOURCES_DESCRIPTION = 'The named main resources as read after the write (ListPayPerUseCustomerResources, one call per 50; none on a replay).';

const ordersCreatedPayload = (name: string, what: string) =>
  builder.objectRef<OrdersCreatedPayload>(name).implement({
    description: `${what} The orders it created and the resources as they are after it, so a client re-renders without a second query.`,
    fields: (t) => ({
      replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
      orders: t.field({
        type: [Order],
        description: 'The orders created, one per resource group (ListCustomerOrders, one call per order when selected).',
        resolve: async (p, _args, ctx) => (await Promise.all(p.orderKeys.map((k) => ctx.loaders.order.load(k)))).filter((o) => o !== null),
      }),
      failures: t.field({ type: [ResourceWriteFailure], description: 'Resources the upstream did not act on.', resolve: (p) => [...p.failures] }),
      resources: t.field({ type: [PeriodResource], description: RESOURCES_DESCRIPTION, resolve: (p, _args, ctx) => resourcesOf(ctx, p.resourceKeys) }),
    }),
  });

const policyPayload = (name: string, what: string) =>
  builder.objectRef<PolicyPayload>(name).implement({
    description: `${what} The resources as they are after it (\`expirePolicy\`), so a client re-renders without a second query.`,
    fields: (t) => ({
      replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
      failures: t.field({ type: [ResourceWriteFailure], description: 'Resources the upstream did not act on.', resolve: (p) => [...p.failures] }),
      resources: t.field({ type: [PeriodResource], description: RESOURCES_DESCRIPTION, resolve: (p, _args, ctx) => resourcesOf(ctx, p.resourceKeys) }),
    }),
  });

const RenewResourcesPayload = ordersCreatedPayload('RenewResourcesPayload', 'Resources renewed.');
const UnsubscribeResourcesPayload = ordersCreatedPayload('UnsubscribeResourcesPayload', 'Resources unsubscribed.');
const ConvertResourcesToOnDemandPayload = policyPayload('ConvertResourcesToOnDemandPayload', 'Conversion to pay-per-use on expiry set or cancelled.');
const EnableAutoRenewalPayload = policyPayload('EnableAutoRenewalPayload', 'Auto-renewal turned on.');
const DisableAutoRenewalPayload = policyPayload('DisableAutoRenewalPayload', 'Auto-renewal turned off.');

const SetResourcesRenewalPayload = builder.objectRef<RenewConfigPayload>('SetResourcesRenewalPayload').implement({
  description: 'A renewal setting set (there is no read of these settings upstream: the payload echoes what was set).',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    customerId: t.exposeString('customerId', { description: 'The customer whose setting it is.' }),
    setting: t.field({ type: RenewalSetting, description: 'The setting.', resolve: (p) => p.name }),
    value: t.exposeInt('value', { description: 'Its value.' }),
    resultCode: t.exposeString('resultCode', { nullable: true, description: 'The `error_code` of Huawei\'s 200 answer, when it fills one.' }),
    resultMessage: t.exposeString('resultMessage', { nullable: true, description: 'The `error_msg` of that answer.' }),
  }),
});

builder.mutationFields((t) => ({
  renewResources: t.field({
    type: RenewResourcesPayload,
    description:
      `Renews yearly/monthly resources (money moves when paid: the idempotency key is required). Upstream: RenewalResources \`POST /v2/orders/subscriptions/resources/renew\` (§3.3) ${TOKEN}. ` +
      `A lost answer is reconciled from the renewal orders created since the send. ${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: RenewResourcesInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => renewResources(ctx, { ...input, autoPay: input.autoPay ?? null, periodUnit: input.periodUnit }),
  }),
  unsubscribeResources: t.field({
    type: UnsubscribeResourcesPayload,
    description:
      `Unsubscribes yearly/monthly resources (the refund moves money: the idempotency key is required). Upstream: CancelResourcesSubscription ` +
      `\`POST /v2/orders/subscriptions/resources/unsubscribe\` (§3.4) ${TOKEN}. A lost answer is reconciled from the unsubscription orders created since the send. ` +
      `${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: UnsubscribeResourcesInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => unsubscribeResources(ctx, { ...input, unsubscribeType: input.scope }),
  }),
  convertResourcesToOnDemand: t.field({
    type: ConvertResourcesToOnDemandPayload,
    description:
      `Sets or cancels conversion to pay-per-use on expiry. Upstream: UpdatePeriodToOnDemand \`POST /v2/orders/subscriptions/resources/to-on-demand\` (§3.5) ${TOKEN}. ` +
      `A lost answer is reconciled from the resources' \`expirePolicy\`. ${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: ConvertResourcesToOnDemandInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => convertResourcesToOnDemand(ctx, { ...input, operation: input.action }),
  }),
  setResourcesRenewal: t.field({
    type: SetResourcesRenewalPayload,
    description:
      `Sets the auto-renewal deduction day or the unified expiry day of the customer's renewals. Upstream: SetResourcesRenewConfig ` +
      `\`POST /v2/orders/subscriptions/resources/renew/config\` (§3.6) ${TOKEN}. The settings cannot be read back, so a lost answer stays OUTCOME_UNKNOWN ` +
      `(setting the same value again is harmless). ${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: SetResourcesRenewalInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => setResourcesRenewal(ctx, input),
  }),
  enableAutoRenewal: t.field({
    type: EnableAutoRenewalPayload,
    description:
      `Turns auto-renewal of a resource on. Upstream: AutoRenewalResources \`POST /v2/orders/subscriptions/resources/autorenew/{resource_id}\` (§3.7) ${TOKEN}. ` +
      `A lost answer is reconciled from the resource's \`expirePolicy\`. ${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: AutoRenewalInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => enableAutoRenewal(ctx, input),
  }),
  disableAutoRenewal: t.field({
    type: DisableAutoRenewalPayload,
    description:
      `Turns auto-renewal of a resource off. Upstream: CancelAutoRenewalResources \`DELETE /v2/orders/subscriptions/resources/autorenew/{resource_id}\` (§3.8) ${TOKEN}. ` +
      `A lost answer is reconciled from the resource's \`expirePolicy\`. ${ROLES_NOTE} ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: DisableAutoRenewalInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => disableAutoRenewal(ctx, input),
  }),
}));

/**
 * createCustomer (docs/writes.md): a Huawei Cloud account for a user of the partner's sales platform.
 * Behaviour: src/resolvers/mutation/customers.ts, through the one write path (run-write.ts).
 */
import { builder } from '../builder.js';
import { Customer } from '../customer.js';
import { createCustomer, type CreateCustomerPayload } from '../../resolvers/mutation/customers.js';
import { REPLAYED_DESCRIPTION, WRITE_ERRORS_DESCRIPTION } from './write-descriptions.js';
import { OPTIONAL_KEY_DESCRIPTION } from './optional-key.js';

const CreateCustomerInput = builder.inputType('CreateCustomerInput', {
  description:
    'Creates a Huawei Cloud account bound to the partner (resale) for a user of its sales platform. No password is taken: the account gets a random ' +
    'one and is reached through the partner\'s single sign-on. Check a name or mobile number first with `customerIdentityCheck`.',
  fields: (t) => ({
    xaccountId: t.string({ required: true, description: 'The user\'s id on the partner\'s sales platform (≤ 128), unique: a second account for it is refused upstream.' }),
    xaccountType: t.string({ required: true, description: 'The platform identifier Huawei assigned to the partner (≤ 64; the agency name customers grant).' }),
    accountName: t.string({
      required: false,
      description: 'The account name: 5–32 characters, starting with a letter, "-" or "_", then letters, digits, "-", "_"; not op_… or shadow_…. Absent: Huawei makes a random one.',
    }),
    mobilePhone: t.string({ required: false, description: 'A mainland China mobile number, 11 digits starting with 1; needs `verificationCode`.' }),
    verificationCode: t.string({ required: false, description: 'The 6-character code sendVerificationCode sent to `mobilePhone` (scene REGISTRATION).' }),
    closeMarketingMessages: t.boolean({ required: false, description: 'Turn Huawei\'s marketing messages off (default: on).' }),
    indirectPartnerId: t.string({ required: false, description: 'Create the customer for this reseller. Absent: a reseller key\'s own; for an admin key, the partner\'s own.' }),
    idempotencyKey: t.string({ required: false, description: OPTIONAL_KEY_DESCRIPTION }),
  }),
});

const CreateCustomerPayload = builder.objectRef<CreateCustomerPayload>('CreateCustomerPayload').implement({
  description: 'A customer account created. Huawei completes the association with the partner asynchronously, so `customer` may be null at first.',
  fields: (t) => ({
    replayed: t.exposeBoolean('replayed', { description: REPLAYED_DESCRIPTION }),
    customerId: t.exposeString('customerId', { description: 'The new account\'s id (`domain_id`): its `customerId` everywhere.' }),
    warningCode: t.exposeString('warningCode', {
      nullable: true,
      description: '`CBC.99000050` when Huawei created the account but a later step failed (undocumented): record the id and check the customer later.',
    }),
    customer: t.field({
      type: Customer,
      nullable: true,
      description: 'The customer as listed after the write (ListSubCustomers, one call; none on a replay); null until Huawei has associated it.',
      resolve: (p, _args, ctx) => (p.customerKey ? ctx.loaders.customer.load(p.customerKey) : null),
    }),
  }),
});

builder.mutationField('createCustomer', (t) =>
  t.field({
    type: CreateCustomerPayload,
    description:
      'Creates a customer account. Upstream: CreateSubCustomer `POST /v2/partners/sub-customers` (§2.1). A lost answer is reconciled from the customers ' +
      'associated since the send (ListSubCustomers), matched by `xaccountId`. Admin keys; reseller keys create their own customers. ' +
      `The mobile number and code are sent upstream only: never stored, audited or logged. ${WRITE_ERRORS_DESCRIPTION}`,
    args: { input: t.arg({ type: CreateCustomerInput, required: true, description: 'What to write; see the input type.' }) },
    resolve: (_root, { input }, ctx) => createCustomer(ctx, input),
  }),
);

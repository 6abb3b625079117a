/**
 * `Query.auditLog` (docs/writes.md#the-audit-log): every write attempt and outcome, newest first. Admin keys only.
 * Behaviour: src/resolvers/audit-log.ts over src/store/audit-log.ts.
 */
import { builder } from './builder.js';
import { auditLogConnection } from '../resolvers/audit-log.js';
import type { AuditRow } from '../store/index.js';

const AuditEntry = builder.objectRef<AuditRow>('AuditEntry').implement({
  description: 'One write attempt or outcome: who (the API key\'s name), what, on whom (ids), how it ended. Never personal data.',
  fields: (t) => ({
    id: t.string({ description: 'The row\'s id (also its cursor).', resolve: (r) => String(r.id) }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was written (the store\'s clock).' }),
    apiKeyName: t.exposeString('apiKeyName', { description: 'The API key\'s name (never the key).' }),
    mutation: t.exposeString('operation', { description: 'The mutation, e.g. `allocateCustomerFunds`.' }),
    idempotencyKey: t.exposeString('idempotencyKey', { nullable: true, description: 'The idempotency key the request came with.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'The gateway\'s request id (`x-request-id`): its log line.' }),
    customerId: t.exposeString('customerId', { nullable: true, description: 'The customer acted on, when one.' }),
    indirectPartnerId: t.exposeString('indirectPartnerId', { nullable: true, description: 'The reseller acted on or for, when one.' }),
    outcome: t.exposeString('outcome', {
      description:
        '`attempted` (about to send), `applied`, `failed` (Huawei refused), `not_applied` (a lost answer proven absent), `unknown` (a lost answer ' +
        'not yet reconciled), `replayed` (answered from the idempotency record), `refused` (by the gateway before sending).',
    }),
    detail: t.string({
      description: 'Amount, upstream operation, transfer or coupon id, Huawei\'s code and request id: a JSON object of ids and numbers.',
      resolve: (r) => JSON.stringify(r.detail ?? {}),
    }),
  }),
});

const AuditEntryConnection = builder.connectionObject({ type: AuditEntry, name: 'AuditEntryConnection' }, { name: 'AuditEntryEdge' });

builder.queryField('auditLog', (t) =>
  t.connection(
    {
      type: AuditEntry,
      description:
        'The write path\'s audit log from the state store, newest first (forward pages: `first`/`after`). Admin keys only; FORBIDDEN to others. ' +
        'No upstream call.',
      args: {
        apiKeyName: t.arg.string({ description: 'Only this API key\'s entries.' }),
        mutation: t.arg.string({ description: 'Only this mutation\'s entries, e.g. `allocateCustomerFunds`.' }),
        idempotencyKey: t.arg.string({ description: 'Only the entries of this idempotency key.' }),
        customerId: t.arg.string({ description: 'Only the entries about this customer.' }),
      },
      resolve: (_root, args, ctx) => auditLogConnection(ctx, args),
    },
    AuditEntryConnection,
  ),
);

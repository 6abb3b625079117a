/**
 * `Query.auditLog`: the write path's audit rows (src/store/audit-log.ts), newest first, as a Relay connection over a
 * keyset on the row id. Admin keys only: the log says who acted on whose account.
 */
import { requirePartnerWide, forbidden } from '../auth/scope.js';
import type { GraphQLContext } from '../context.js';
import { pageAuditLog, type AuditRow } from '../store/index.js';
import { writeError, STORE_UNAVAILABLE } from './mutation/write-errors.js';
import { badInput } from './input.js';
import type { OffsetConnection } from './connection.js';

export interface AuditLogArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
  readonly apiKeyName?: string | null;
  readonly mutation?: string | null;
  readonly idempotencyKey?: string | null;
  readonly customerId?: string | null;
}

/** A cursor is the row id, as text (ids only grow: rows appended meanwhile shift nothing). */
const cursorOf = (row: AuditRow): string => String(row.id);

function cursorId(cursor: string, argument: string): number {
  if (!/^[1-9]\d{0,17}$/.test(cursor)) throw badInput(`"${argument}" must be a cursor of this connection`, argument);
  return Number(cursor);
}

export async function auditLogConnection(ctx: GraphQLContext, args: AuditLogArgs): Promise<OffsetConnection<AuditRow>> {
  requirePartnerWide(ctx.caller, 'The audit log');
  if (ctx.caller.role !== 'admin') throw forbidden('The audit log is readable by admin API keys only.');
  if (!ctx.store) throw writeError(STORE_UNAVAILABLE, 'The audit log lives in the state store, and this gateway has none.');
  if (args.last != null || args.before != null) throw badInput('the audit log pages forward only (newest first): use "first" and "after"', args.last != null ? 'last' : 'before');
  const first = args.first ?? ctx.limits.defaultFirst;
  if (first < 0 || first > ctx.limits.maxFirst) throw badInput(`"first" must be between 0 and ${ctx.limits.maxFirst}`, 'first');
  const { rows, hasMore } = await pageAuditLog(ctx.store, {
    limit: first,
    beforeId: args.after ? cursorId(args.after, 'after') : null,
    apiKeyName: args.apiKeyName ?? null,
    operation: args.mutation ?? null,
    idempotencyKey: args.idempotencyKey ?? null,
    customerId: args.customerId ?? null,
  });
  const edges = rows.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: hasMore, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: null,
  };
}

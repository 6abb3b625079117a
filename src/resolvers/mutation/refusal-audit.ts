/**
 * "Every attempt and outcome is audited" (docs/writes.md): the write path (run-write.ts) audits what happens once
 * a request holds its idempotency key. A mutation refused before that — an analyst key (refused for the whole
 * operation), a role the mutation does not allow, input that breaks a rule, no store — is audited here, after
 * execution, from the errors of the operation's top-level fields: a log line and a row (`outcome: refused`, the
 * error code and, for bad input, the argument), with the idempotency key when the input carried one. Never the
 * input itself: it may hold personal data.
 */
import { getArgumentValues, getOperationAST, Kind, type ExecutionResult, type FieldNode, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../../context.js';
import { currentScope } from '../../ops/request-scope.js';
import { appendAudit } from '../../store/index.js';

/** Errors the write path already audited (its refusals after the claim, its outcomes). */
const AUDITED = new WeakSet<object>();

/** The write path marks what it audited, so the refusal audit does not count it twice. */
export function markAudited(error: unknown): void {
  if (error !== null && typeof error === 'object') AUDITED.add(error);
}

const wasAudited = (error: GraphQLError): boolean => AUDITED.has(error) || (error.originalError ? AUDITED.has(error.originalError) : false);

interface Refusal {
  readonly mutation: string;
  readonly idempotencyKey: string | null;
  readonly code: string;
  readonly argument: string | null;
}

function topLevelFields(operation: OperationDefinitionNode): FieldNode[] {
  return operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename');
}

/** The `input.idempotencyKey` of a mutation field, when its arguments coerce (a refused one may not). */
function idempotencyKeyOf(field: FieldNode, variables: Record<string, unknown> | undefined, schemaField: Parameters<typeof getArgumentValues>[0] | undefined): string | null {
  if (!schemaField) return null;
  try {
    const args = getArgumentValues(schemaField, field, variables ?? {}) as { input?: { idempotencyKey?: unknown } };
    const key = args.input?.idempotencyKey;
    return typeof key === 'string' && key.length <= 128 ? key : null;
  } catch {
    return null;
  }
}

export function useWriteRefusalAudit(): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (operation?.operation !== 'mutation') return undefined;
      const ctx = args.contextValue as unknown as GraphQLContext;
      const mutationType = args.schema.getMutationType();
      const fields = topLevelFields(operation);
      const byResponseKey = new Map(fields.map((f) => [f.alias?.value ?? f.name.value, f]));
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !(result as ExecutionResult).errors) return undefined;
          const refusals: Refusal[] = [];
          for (const error of (result as ExecutionResult).errors!) {
            if (wasAudited(error)) continue;
            const code = typeof error.extensions?.['code'] === 'string' ? (error.extensions['code'] as string) : 'INTERNAL_SERVER_ERROR';
            const argument = typeof error.extensions?.['argument'] === 'string' ? (error.extensions['argument'] as string) : null;
            // An error of one field (its path's first key), or of the whole operation (no path): every field refused.
            // Errors below a mutation's field (its payload's objects) came after the write path: not refusals.
            const first = error.path?.length === 1 ? error.path[0] : undefined;
            const refused = typeof first === 'string' ? [byResponseKey.get(first)].filter((f): f is FieldNode => f !== undefined) : error.path ? [] : fields;
            for (const field of refused) {
              const schemaField = mutationType?.getFields()[field.name.value];
              refusals.push({ mutation: field.name.value, idempotencyKey: idempotencyKeyOf(field, args.variableValues ?? undefined, schemaField), code, argument });
            }
          }
          // Written before the answer goes out, so a client that reads the audit log next finds the row.
          if (refusals.length > 0) return audit(ctx, refusals);
          return undefined;
        },
      };
    },
  };
}

async function audit(ctx: GraphQLContext, refusals: readonly Refusal[]): Promise<void> {
  const requestId = currentScope()?.id ?? null;
  for (const r of refusals) {
    const detail = { reason: r.code, ...(r.argument ? { argument: r.argument } : {}), stage: 'before-claim' };
    ctx.log?.info({ event: 'write', caller: ctx.caller.name, mutation: r.mutation, idempotencyKey: r.idempotencyKey, outcome: 'refused', ...detail });
    if (!ctx.store) continue;
    try {
      await appendAudit(ctx.store, { apiKeyName: ctx.caller.name, operation: r.mutation, idempotencyKey: r.idempotencyKey, requestId, outcome: 'refused', detail });
    } catch (error) {
      ctx.log?.error({ event: 'write.audit_failed', mutation: r.mutation, err: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
    }
  }
}

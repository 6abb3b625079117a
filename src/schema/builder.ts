/**
 * The one Pothos builder. Scalars map to their internal types here; plugins are added as the graph
 * needs them (relay for global ids and connections).
 */
import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import RelayPlugin from '@pothos/plugin-relay';
import type { Decimal } from 'decimal.js';
import type { GraphQLContext } from '../context.js';

export interface SchemaTypes {
  Context: GraphQLContext;
  Scalars: {
    Decimal: { Input: Decimal; Output: Decimal };
    BillingCycle: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}

export const builder = new SchemaBuilder<SchemaTypes>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    cursorType: 'String',
    // An object (not `true`) so the generated `nodes` fields carry a description like every other field.
    nodesOnConnection: { description: 'The items of this page, without cursors.' },
    // Descriptions for what the relay plugin generates, so GraphiQL documents every field.
    idFieldOptions: { description: 'Global id (Relay): pass it to `node(id:)` to refetch this object.' },
    nodeTypeOptions: { description: 'An object with a global id, refetchable through `Query.node`.' },
    nodeQueryOptions: {
      description: 'Refetches any object by its global id; null when it no longer exists or is not the partner\'s.',
      args: { id: { description: 'A global id as returned in an `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Refetches several objects by their global ids, in order.',
      args: { ids: { description: 'Global ids as returned in `id` fields.' } },
    },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page: pass it as `after` for the next page.' },
    defaultConnectionTypeOptions: { description: 'A page of a list (Relay connection) over an offset/limit upstream list.' },
    defaultEdgeTypeOptions: { description: 'An item of a page, with its cursor.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Paging information for this page.' },
    cursorFieldOptions: { description: 'Opaque position of this item: pass it as `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    firstArgOptions: { description: 'How many items to return from the start (after `after`), at most the configured maximum.' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'How many items to return from the end (before `before`).' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: true,
    description: 'How many items the whole list has, as the upstream counts them; null where the endpoint gives no count.',
    resolve: (parent) => (parent as { totalCount?: number | null }).totalCount ?? null,
  }),
);

const BASE64 = /^(?:[\d+/A-Za-z]{4})*(?:[\d+/A-Za-z]{2}==|[\d+/A-Za-z]{3}=)?$/;
const TYPENAME = /^[A-Z_a-z]\w*$/;

/** Whether `typename` is an object type that `node(id:)` can load (Pothos would fail later, without a code). */
function isRefetchable(typename: string): boolean {
  try {
    const options = builder.configStore.getTypeConfig(typename, 'Object').pothosOptions as Record<string, unknown>;
    return ['loadOne', 'loadMany', 'loadWithoutCache', 'loadManyWithoutCache'].some((k) => typeof options[k] === 'function');
  } catch {
    return false;
  }
}

/**
 * Relay's `base64("Type:id")`, decoded strictly: anything that is not an id this graph hands out is a
 * BAD_USER_INPUT naming the problem (Pothos's own errors carry no code and leak the raw input).
 */
export function decodeGlobalId(globalID: string): { typename: string; id: string } {
  const shown = globalID.length > 80 ? `${globalID.slice(0, 80)}…` : globalID;
  const invalid = (why: string): GraphQLError =>
    new GraphQLError(`${JSON.stringify(shown)} is not a global id of this graph (${why}); pass an \`id\` as it was returned`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
    });
  if (globalID === '' || !BASE64.test(globalID)) throw invalid('not base64');
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  const typename = colon > 0 ? text.slice(0, colon) : '';
  const id = colon > 0 ? text.slice(colon + 1) : '';
  if (!TYPENAME.test(typename) || id === '') throw invalid('not "Type:id"');
  if (!isRefetchable(typename)) throw invalid(`no type ${typename.slice(0, 40)} to refetch`);
  return { typename, id };
}

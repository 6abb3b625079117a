/**
 * What the running schema offers, read by introspection, so a scenario adapts to the consumption views as
 * they land (field names, arguments) and says "skipped" when its feature is not there yet.
 */
import type { BenchGateway } from './gateway.js';

interface TypeRef {
  readonly kind: string;
  readonly name: string | null;
  readonly ofType: TypeRef | null;
}

export interface SchemaField {
  readonly name: string;
  readonly args: readonly { name: string; type: TypeRef; defaultValue: string | null }[];
  readonly type: TypeRef;
}

export interface SchemaInfo {
  fields(typeName: string): readonly SchemaField[] | null;
  field(typeName: string, fieldName: string): SchemaField | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const QUERY = `{ __schema { types { name kind fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } } } } }`;

export async function readSchema(gw: BenchGateway): Promise<SchemaInfo> {
  const res = await gw.graphql(QUERY);
  if (!res.data) throw new Error(`introspection failed: ${JSON.stringify(res.errors)}`);
  const types = new Map<string, SchemaField[]>();
  for (const t of res.data.__schema.types as { name: string; fields: SchemaField[] | null }[]) if (t.fields) types.set(t.name, t.fields);
  return {
    fields: (name) => types.get(name) ?? null,
    field: (typeName, fieldName) => types.get(typeName)?.find((f) => f.name === fieldName) ?? null,
  };
}

export function namedType(ref: TypeRef): { name: string; kind: string; list: boolean } {
  let list = false;
  let t: TypeRef = ref;
  while (t.ofType) {
    if (t.kind === 'LIST') list = true;
    t = t.ofType;
  }
  return { name: t.name!, kind: t.kind, list };
}

const isLeaf = (f: SchemaField): boolean => ['SCALAR', 'ENUM'].includes(namedType(f.type).kind);
const noRequiredArgs = (f: SchemaField): boolean => f.args.every((a) => a.type.kind !== 'NON_NULL' || a.defaultValue !== null);

/** Leaf fields (scalars, enums) without required arguments: what can be selected for free. */
export function leaves(schema: SchemaInfo, typeName: string): string[] {
  return (schema.fields(typeName) ?? []).filter((f) => isLeaf(f) && noRequiredArgs(f)).map((f) => f.name);
}

/** The record columns a BI pull asks for (those the record type has), else its first dozen leaves. */
const RECORD_COLUMNS = [
  'id', 'cycle', 'customerId', 'serviceTypeCode', 'resourceTypeCode', 'regionCode', 'chargeMode', 'billType', 'resourceId',
  'tradeId', 'consumeTime', 'officialAmount', 'discountAmount', 'paymentAmount', 'amount',
];

/**
 * A selection of a consumption view: every total (leaf), every breakdown (object or list whose name starts
 * with `by`/`breakdown`, its leaves), and all records (`records(first: n)`, the columns above).
 */
export function consumptionSelection(schema: SchemaInfo, viewType: string, recordsFirst: number): string {
  const parts: string[] = [];
  for (const f of schema.fields(viewType) ?? []) {
    if (!noRequiredArgs(f)) continue;
    if (isLeaf(f)) {
      parts.push(f.name);
      continue;
    }
    const inner = namedType(f.type).name;
    if (f.name === 'records') {
      const node = schema.field(inner, 'nodes');
      if (!node || !f.args.some((a) => a.name === 'first')) continue;
      const nodeType = namedType(node.type).name;
      const available = leaves(schema, nodeType);
      const columns = RECORD_COLUMNS.filter((c) => available.includes(c));
      const count = schema.field(inner, 'totalCount') ? ' totalCount' : '';
      parts.push(`records(first: ${recordsFirst}) {${count} nodes { ${(columns.length > 0 ? columns : available.slice(0, 12)).join(' ')} } }`);
      continue;
    }
    if (/^(by|breakdown)/i.test(f.name) || f.name.startsWith('total')) {
      const sub = leaves(schema, inner);
      if (sub.length > 0) parts.push(`${f.name} { ${sub.join(' ')} }`);
    }
  }
  return parts.join(' ');
}

/** `(cycle: "…")` or `(fromCycle: "…", toCycle: "…")`, whichever the field takes. */
export function cycleArgs(field: SchemaField, cycle: string): string | null {
  const names = field.args.map((a) => a.name);
  if (names.includes('cycle')) return `(cycle: "${cycle}")`;
  if (names.includes('fromCycle') && names.includes('toCycle')) return `(fromCycle: "${cycle}", toCycle: "${cycle}")`;
  return null;
}

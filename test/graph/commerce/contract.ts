/**
 * The contract operations (examples/contract.graphql, the repository's copy of the shared contract), read from the file so
 * the tests exercise exactly what clients send.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { schema } from '../../../src/schema/index.js';

// The repository's copy of ../shared/contract/operations.graphql (GraphiQL serves the same file as examples).
const CONTRACT = new URL('../../../examples/contract.graphql', import.meta.url);

export function contractOperation(name: string): DocumentNode {
  const document = parse(readFileSync(CONTRACT, 'utf8'));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`contract operation ${name} not found`);
  return { kind: Kind.DOCUMENT, definitions: [operation] };
}

/** Whether a field exists in the schema as built now (other engineers add fields concurrently). */
export function hasField(typeName: string, field: string): boolean {
  const type = schema.getType(typeName);
  return !!type && 'getFields' in type && field in type.getFields();
}

/** The operation without the selections of the given fields (to test one part while another is not built yet). */
export function without(document: DocumentNode, fields: readonly string[]): string {
  return print(visit(document, { Field: (node) => (fields.includes(node.name.value) ? null : undefined) }));
}

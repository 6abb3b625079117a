import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { printedSchema, schema } from '../src/schema/index.js';

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run schema` after changing the schema)', () => {
    expect(printedSchema()).toBe(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
  });

  it('accepts every operation of the contract', () => {
    const contract = parse(readFileSync(new URL('../examples/contract.graphql', import.meta.url), 'utf8'));
    expect(validate(schema, contract).map((e) => e.message)).toEqual([]);
  });

  it('describes every type, field and argument', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

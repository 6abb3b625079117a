/**
 * Our @defer/@stream plugin (src/defer-stream.ts) adds exactly the validation rules yoga's does, in its order, and
 * keeps the rest of yoga's plugin (the schema directives).
 */
import { describe, expect, it } from 'vitest';
import { useDeferStream as useYogaDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { ValidationRule } from 'graphql';
import { useDeferStream } from '../../src/defer-stream.js';

type OnValidate = (payload: { params: { rules: ValidationRule[] }; addValidationRule(rule: ValidationRule): void }) => void;

function added(plugin: { onValidate?: unknown }): ValidationRule[] {
  const rules: ValidationRule[] = [];
  (plugin.onValidate as OnValidate)({ params: { rules: [] }, addValidationRule: (rule) => rules.push(rule) });
  return rules;
}

describe('useDeferStream', () => {
  it("adds yoga's four rules in yoga's order and keeps its schema hook", () => {
    const ours = useDeferStream();
    const yoga = useYogaDeferStream();
    expect(added(ours)).toEqual(added(yoga));
    expect(added(ours).map((rule) => rule.name)).toEqual([
      'OverlappingFieldsCanBeMergedRule', 'DeferStreamDirectiveLabelRule', 'DeferStreamDirectiveOnRootFieldRule', 'StreamDirectiveOnListFieldRule',
    ]);
    expect(typeof ours.onSchemaChange).toBe('function');
  });
});

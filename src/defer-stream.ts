/**
 * `@defer`/`@stream` (yoga's useDeferStream) without its per-request validation chores. Its `onValidate` runs for
 * every request, even one whose document's validation yoga has cached: it filters the rule list by each rule's
 * function name (a slow getter, about 1 % of a cached request's CPU in bench/hot-path.ts) into an array envelop
 * never reads — envelop hands each plugin a fresh `params` object and validates with its own list, so the filter
 * changes nothing (graphql's OverlappingFieldsCanBeMergedRule stays beside the plugin's own, as before). This
 * keeps everything else of the plugin and adds the same four rules, in the same order.
 */
import { useDeferStream as useYogaDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { Plugin } from 'graphql-yoga';
import type { ValidationRule } from 'graphql';

/** The rules the plugin adds, learnt once from the plugin itself (so a new version's rules come along). */
function rulesAddedBy(plugin: { onValidate?: unknown }): ValidationRule[] {
  const added: ValidationRule[] = [];
  const onValidate = plugin.onValidate as unknown as (payload: { params: { rules: ValidationRule[] }; addValidationRule(rule: ValidationRule): void }) => void;
  onValidate({ params: { rules: [] }, addValidationRule: (rule) => added.push(rule) });
  return added;
}

export function useDeferStream(): Plugin<Record<string, unknown>> {
  const plugin = useYogaDeferStream();
  const rules = rulesAddedBy(plugin);
  return {
    ...plugin,
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

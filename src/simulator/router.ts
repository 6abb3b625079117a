/**
 * Routes a BSS request to its operation and handler. Routes are the catalogue's operations that have a
 * handler (an operation without one is, to a caller, an API that was never published), plus any extra
 * routes given at startup. `{name}` segments of an operation's path are path parameters.
 */
import type { OperationSpec } from '../bss/operations/spec.js';
import { percentDecode } from '../bss/signer.js';
import type { Handler } from './handler.js';
import type { ExtraRoute } from './options.js';

interface Route {
  readonly op: OperationSpec;
  readonly handler: Handler;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  /** Literal segments win over parameters: `/v2/x/query` before `/v2/x/{id}`. */
  readonly literals: number;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly op: OperationSpec; readonly handler: Handler; readonly pathParams: Record<string, string> }
  | { readonly kind: 'no-method' }
  | { readonly kind: 'no-path' };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(op: OperationSpec, handler: Handler): Route {
  const params: string[] = [];
  let literals = 0;
  const source = op.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) {
        params.push(param[1]!);
        return '([^/]+)';
      }
      if (segment !== '') literals += 1;
      return escapeRegExp(segment);
    })
    .join('/');
  return { op, handler, pattern: new RegExp(`^${source}$`), params, literals };
}

export class Router {
  private readonly routes: Route[];

  constructor(operations: readonly OperationSpec[], handlers: Readonly<Record<string, Handler>>, extra: readonly ExtraRoute[] = []) {
    const byKey = new Map<string, Route>();
    for (const op of operations) {
      const handler = handlers[op.name];
      if (handler) byKey.set(`${op.method} ${op.path}`, compile(op, handler));
    }
    // Extra routes replace a catalogue route with the same method and path.
    for (const { op, handler } of extra) byKey.set(`${op.method} ${op.path}`, compile(op, handler));
    this.routes = [...byKey.values()].sort((a, b) => b.literals - a.literals);
  }

  /** `rawPath` as on the wire; one trailing `/` is tolerated (the Node SDK strips it, others may not). */
  match(method: string, rawPath: string): RouteMatch {
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.op.method !== method) continue;
      const pathParams: Record<string, string> = {};
      route.params.forEach((name, i) => (pathParams[name] = percentDecode(m[i + 1]!)));
      return { kind: 'found', op: route.op, handler: route.handler, pathParams };
    }
    return { kind: pathKnown ? 'no-method' : 'no-path' };
  }

  get size(): number {
    return this.routes.length;
  }
}

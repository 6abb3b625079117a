/**
 * Helpers for the platform tests: a simulator on a free port with test-only routes (so these tests do not
 * depend on the endpoint handlers other engineers write), a controllable gateway clock, and signed requests.
 */
import { expect } from 'vitest';
import { defineOperation, type OperationSpec } from '../../../src/bss/operations/spec.js';
import { formatSdkDate, signRequest, type SigningAlgorithm, type SigningKey } from '../../../src/bss/signer.js';
import { wireNumber } from '../../../src/bss/wire-json.js';
import { CbcError, type Handler } from '../../../src/simulator/handler.js';
import type { ExtraRoute, SimulatorOptions } from '../../../src/simulator/options.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/server.js';

export const TEST_NOW = new Date('2026-11-15T04:00:00Z');

/** Echoes what the platform handed the handler, so tests can see parsing results. */
const echo: Handler = (req) => ({
  body: {
    caller: req.caller,
    path_params: req.pathParams,
    query: Object.fromEntries(['a', 'b', 'plus', 'empty', 'multi', 'x'].filter((k) => req.query.has(k)).map((k) => [k, req.query.getAll(k)])),
    body: req.body ?? null,
    language: req.language,
  },
});

export const ops = {
  partnerEcho: defineOperation({ name: 'TestPartnerEcho', method: 'POST', path: '/v2/test/partners/{item_id}/echo', caller: 'partner', kind: 'read', pathParams: ['item_id'], hasBody: true, language: true }),
  partnerGet: defineOperation({ name: 'TestPartnerGet', method: 'GET', path: '/v2/test/partners/{item_id}/echo', caller: 'partner', kind: 'read', pathParams: ['item_id'] }),
  customerOnly: defineOperation({ name: 'TestCustomerOnly', method: 'GET', path: '/v2/test/customer/whoami', caller: 'customer', kind: 'read' }),
  either: defineOperation({ name: 'TestEither', method: 'GET', path: '/v2/test/either', caller: 'either', kind: 'read' }),
  fast: defineOperation({ name: 'TestFastQuota', method: 'GET', path: '/v2/test/fast', caller: 'either', kind: 'read', ratePerSecond: 30 }),
  boom: defineOperation({ name: 'TestBoom', method: 'GET', path: '/v2/test/boom', caller: 'either', kind: 'read' }),
  cbc: defineOperation({ name: 'TestCbc', method: 'GET', path: '/v2/test/cbc', caller: 'either', kind: 'read' }),
  noContent: defineOperation({ name: 'TestNoContent', method: 'DELETE', path: '/v2/test/either', caller: 'either', kind: 'write', successStatus: 204 }),
  literal: defineOperation({ name: 'TestLiteral', method: 'GET', path: '/v2/test/partners/special/echo', caller: 'either', kind: 'read' }),
} satisfies Record<string, OperationSpec>;

export const extraRoutes: ExtraRoute[] = [
  { op: ops.partnerEcho, handler: echo },
  { op: ops.partnerGet, handler: echo },
  { op: ops.customerOnly, handler: (req) => ({ body: { domain_id: req.caller.domainId, via: req.caller.via } }) },
  { op: ops.either, handler: (req) => ({ body: { kind: req.caller.kind, amount: wireNumber('12.30') } }) },
  { op: ops.fast, handler: () => ({ body: { ok: true } }) },
  {
    op: ops.boom,
    handler: () => {
      throw new Error('handler bug');
    },
  },
  {
    op: ops.cbc,
    handler: () => {
      throw new CbcError(400, 'CBC.99003012', 'Resource ID does not exist.');
    },
  },
  { op: ops.noContent, handler: () => ({ status: 204 }) },
  { op: ops.literal, handler: () => ({ body: { literal: true } }) },
];

/** The gateway clock: real time plus an offset the test moves, or frozen at an instant. */
export class TestClock {
  offsetMs = 0;
  frozen: number | null = null;
  readonly now = (): Date => new Date(this.frozen ?? Date.now() + this.offsetMs);
}

export interface Harness {
  sim: RunningSimulator;
  clock: TestClock;
  logs: string[];
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const clock = new TestClock();
  const logs: string[] = [];
  const sim = await startSimulator({
    port: 0,
    seed: 7,
    customers: 40,
    now: TEST_NOW,
    clock: clock.now,
    extraRoutes,
    log: (line) => logs.push(line),
    ...options,
  });
  return { sim, clock, logs };
}

export interface CallOptions {
  method?: string;
  /** Path plus optional raw query, e.g. `/v2/test/either?a=1`. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Sign with this key (default: the partner's); null = send unsigned. */
  key?: SigningKey | null;
  style?: 'node' | 'go';
  algorithm?: SigningAlgorithm;
  sdkDate?: string;
  derived?: { region: string; service: string };
  /** Change the request after signing: a tamper test. */
  tamper?: (req: { path: string; body: string; headers: Record<string, string> }) => void;
  /** Abandons the request (e.g. `AbortSignal.timeout(ms)` for a call that is never answered). */
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
   
  json: any;
}

/** Sends one request, signed like the Node core (default) or the Go core would sign it. */
export async function call(h: Harness, options: CallOptions): Promise<CallResult> {
  const method = options.method ?? 'GET';
  const body = options.body ?? '';
  const url = new URL(options.path, h.sim.url);
  const headers: Record<string, string> =
    options.style === 'go'
      ? { 'User-Agent': 'huaweicloud-usdk-go/3.0', 'X-Domain-Id': h.sim.credentials.domainId, 'Content-Type': 'application/json;charset=UTF-8' }
      : { 'Content-Type': 'application/json', 'X-Domain-Id': h.sim.credentials.domainId };
  Object.assign(headers, options.headers ?? {});
  const key = options.key === undefined ? { ak: h.sim.credentials.ak, sk: h.sim.credentials.sk } : options.key;
  if (key) {
    const signed = signRequest({ method, url, headers, body }, key, {
      style: options.style ?? 'node',
      algorithm: options.algorithm ?? 'SDK-HMAC-SHA256',
      sdkDate: options.sdkDate ?? formatSdkDate(h.clock.now()),
      ...(options.derived ? { derived: options.derived } : {}),
    });
    Object.assign(headers, signed);
  }
  const req = { path: options.path, body, headers };
  options.tamper?.(req);
  return send(h, method, req.path, req.headers, req.body, options.signal);
}

export async function send(h: Harness, method: string, path: string, headers: Record<string, string>, body = '', signal?: AbortSignal): Promise<CallResult> {
  const res = await fetch(new URL(path, h.sim.url), { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, ...(signal ? { signal } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Exact gateway error: status, code, message, and a request id that matches the header. */
export function expectGatewayError(res: CallResult, status: number, code: string, message: string): void {
  expect({ status: res.status, code: res.json?.error_code, message: res.json?.error_msg }).toEqual({ status, code, message });
  expect(Object.keys(res.json)).toEqual(['error_msg', 'error_code', 'request_id']);
  expect(res.json.request_id).toMatch(/^[0-9a-f]{32}$/);
  expect(res.headers.get('x-request-id')).toBe(res.json.request_id);
}

export function expectCbcError(res: CallResult, status: number, code: string, message: string): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: { error_code: code, error_msg: message } });
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
}

export function expectIamError(res: CallResult, status: number, message: string, title: string): void {
  expect({ status: res.status, body: res.json }).toEqual({ status, body: { error: { code: status, message, title } } });
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
}

const IAM_HEADERS = { 'Content-Type': 'application/json;charset=utf8' };

export function passwordBody(h: Harness, overrides: { name?: string; password?: string; domain?: string; scope?: unknown } = {}): string {
  const c = h.sim.credentials;
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: overrides.name ?? c.domainName, password: overrides.password ?? c.password, domain: { name: overrides.domain ?? c.domainName } } },
      },
      scope: overrides.scope === undefined ? { domain: { name: c.domainName } } : overrides.scope,
    },
  });
}

/** A partner password token from the simulator's IAM. */
export async function partnerToken(h: Harness): Promise<string> {
  const res = await send(h, 'POST', '/v3/auth/tokens?nocatalog=true', IAM_HEADERS, passwordBody(h));
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

export function assumeRoleBody(assumeRole: Record<string, string>, scope?: unknown): string {
  return JSON.stringify({ auth: { identity: { methods: ['assume_role'], assume_role: assumeRole }, ...(scope === undefined ? {} : { scope }) } });
}

/** The first world customer with (or without) an agency. */
export function customerWith(h: Harness, agency: boolean) {
  const customer = h.sim.state.world.customers.find((c) => (c.agency !== null) === agency);
  if (!customer) throw new Error(`the test world has no customer ${agency ? 'with' : 'without'} an agency`);
  return customer;
}

/** A customer token by assume_role with the partner's token. */
export async function customerToken(h: Harness, customerId = customerWith(h, true).customerId): Promise<string> {
  const res = await send(
    h,
    'POST',
    '/v3/auth/tokens?nocatalog=true',
    { ...IAM_HEADERS, 'X-Auth-Token': await partnerToken(h) },
    assumeRoleBody({ domain_id: customerId, agency_name: h.sim.credentials.xaccountType }, { domain: { id: customerId } }),
  );
  expect(res.status).toBe(201);
  return res.headers.get('x-subject-token')!;
}

export { IAM_HEADERS };

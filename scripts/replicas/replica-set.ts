/**
 * N gateway processes (`src/main.ts`, as `npm start` runs it) on one PostgreSQL database, in front of one
 * simulator process that counts what it receives (sim-child.ts): the deployment of docs/deploy.md on one
 * machine. Used by the multi-replica test (test/replicas/) and `npm run load -- --replicas N`.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../../src/auth/api-keys.js';
import { DEFAULT_DRAIN_TIMEOUT_MS } from '../../src/config.js';
import type { FaultConfig } from '../../src/simulator/server.js';
import type { Arrival, SimChildMessage, SimChildOptions } from './sim-child.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SIM_CHILD = fileURLToPath(new URL('./sim-child.ts', import.meta.url));

export interface SimulatorProcess {
  readonly url: string;
  readonly credentials: { ak: string; sk: string; domainId: string; xaccountType: string };
  readonly resaleCustomerId: string;
  readonly customerIds: readonly string[];
  /** The resale ones among them (the partner reads their balances: a customer's detail and balance is two calls). */
  readonly resaleCustomerIds: readonly string[];
  readonly cycle: string;
  /** What arrived since the last call (and forgets it). */
  arrivals(): Promise<Arrival[]>;
  /** A customer's cash at the simulator and the partner's transfers to it. */
  funds(customerId: string): Promise<{ cash: string; transfers: number }>;
  /** Sets the simulator's fault mix from now on (e.g. after a setup phase that ran without faults). */
  setFaults(faults: Partial<FaultConfig>): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatorProcess(options: SimChildOptions): Promise<SimulatorProcess> {
  const child = fork(SIM_CHILD, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Extract<SimChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator process exited early (code ${code})`)));
    child.on('message', (m: SimChildMessage) => m.type === 'ready' && resolve(m));
  });
  const ask = <T extends SimChildMessage['type']>(request: Record<string, unknown> & { type: T }): Promise<Extract<SimChildMessage, { type: T }>> =>
    new Promise((resolve) => {
      const on = (m: SimChildMessage): void => {
        if (m.type !== request.type) return;
        child.off('message', on);
        resolve(m as Extract<SimChildMessage, { type: T }>);
      };
      child.on('message', on);
      child.send(request);
    });
  return {
    url: ready.url,
    credentials: ready.credentials,
    resaleCustomerId: ready.resaleCustomerId,
    customerIds: ready.customerIds,
    resaleCustomerIds: ready.resaleCustomerIds,
    cycle: ready.cycle,
    arrivals: async () => (await ask({ type: 'arrivals' })).arrivals,
    funds: async (customerId) => {
      const { cash, transfers } = await ask({ type: 'funds', customerId });
      return { cash, transfers };
    },
    setFaults: async (faults) => {
      await ask({ type: 'faults', faults });
    },
    async close() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}

export interface ApiKey {
  readonly name: string;
  readonly key: string;
  readonly role: 'admin' | 'analyst';
}

export interface GatewayProcess {
  readonly url: string;
  readonly pid: number;
  /** Its log (stdout and stderr), for a failure message. */
  readonly output: () => string;
  close(): Promise<number | null>;
}

export interface ReplicaOptions {
  readonly sim: SimulatorProcess;
  readonly databaseUrl: string;
  readonly keys: readonly ApiKey[];
  /** More environment (PARTNER_GRAPH_*), e.g. a rate guard or cache TTLs. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * After the drain a stopping gateway closes the sync, the partner cache, the store and its upstream connections
 * (src/main.ts): well under a second when healthy. The margin is for a busy machine.
 */
const AFTER_DRAIN_MS = 10_000;

/**
 * How long `close()` lets a gateway stop on SIGTERM before it kills it: its drain deadline
 * (PARTNER_GRAPH_DRAIN_TIMEOUT_MS, as the child is given it, else the gateway's default) and the closing after it.
 * A kill sooner would cut requests still in flight that the gateway was entitled to finish, and hide a drain
 * that overruns its own deadline behind the harness's.
 */
export function stopBoundMs(env: Readonly<Record<string, string>> = {}): number {
  const configured = env.PARTNER_GRAPH_DRAIN_TIMEOUT_MS;
  const drainMs = configured === undefined ? DEFAULT_DRAIN_TIMEOUT_MS : Number(configured);
  return drainMs + AFTER_DRAIN_MS;
}

/** Writes an API_KEYS_FILE for `keys` (SHA-256 only, as `npm run key` prints them). */
export function writeKeysFile(keys: readonly ApiKey[]): string {
  const file = join(tmpdir(), `partner-graph-keys-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(keys.map((k) => ({ name: k.name, role: k.role, pii: false, sha256: sha256Hex(k.key) }))));
  return file;
}

/** Starts one gateway process against the simulator as if it were Huawei Cloud; resolves once it listens. */
export async function startGatewayProcess(options: ReplicaOptions, keysFile: string): Promise<GatewayProcess> {
  const { sim } = options;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      HUAWEICLOUD_SDK_AK: sim.credentials.ak,
      HUAWEICLOUD_SDK_SK: sim.credentials.sk,
      HUAWEICLOUD_SDK_DOMAIN_ID: sim.credentials.domainId,
      HUAWEICLOUD_BSS_ENDPOINT: sim.url,
      HUAWEICLOUD_IAM_ENDPOINT: sim.url,
      PARTNER_GRAPH_AGENCY_NAME: sim.credentials.xaccountType,
      API_KEYS_FILE: keysFile,
      DATABASE_URL: options.databaseUrl,
      PARTNER_GRAPH_SYNC: 'off',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway ${child.pid} did not start in 90 s:\n${output}`)), 90_000);
    const look = (): void => {
      const m = /GraphiQL at (http:\/\/[^\s/]+:\d+)\/graphql/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway ${child.pid} exited (code ${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    async close() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopBoundMs(options.env));
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** `n` gateways on one database; migrations are applied once (the first takes the advisory lock, the others wait). */
export async function startReplicas(n: number, options: ReplicaOptions): Promise<GatewayProcess[]> {
  const keysFile = writeKeysFile(options.keys);
  return Promise.all(Array.from({ length: n }, () => startGatewayProcess(options, keysFile)));
}

/** The most arrivals of one operation in any window of `windowMs` (sliding: every alignment, fixed ones included). */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= windowMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

/** Per operation: arrivals, 429s, the quota, and the most in any one-second window (fixed as Huawei counts, and sliding). */
export function quotaReport(arrivals: readonly Arrival[]): { operation: string; rate: number; arrivals: number; throttled: number; maxFixed: number; maxSliding: number }[] {
  const byOp = new Map<string, Arrival[]>();
  for (const a of arrivals) byOp.set(a.operation, [...(byOp.get(a.operation) ?? []), a]);
  return [...byOp.entries()].map(([operation, list]) => {
    const fixed = new Map<number, number>();
    for (const a of list) fixed.set(Math.floor(a.at / 1000), (fixed.get(Math.floor(a.at / 1000)) ?? 0) + 1);
    return {
      operation,
      rate: list[0]!.rate,
      arrivals: list.length,
      throttled: list.filter((a) => a.status === 429).length,
      maxFixed: Math.max(...fixed.values()),
      maxSliding: maxInWindow(list.map((a) => a.at)),
    };
  }).sort((a, b) => b.arrivals - a.arrivals);
}

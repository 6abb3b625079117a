/**
 * The memory scenario's gateway, in a fresh process of its own so its RSS owes nothing to earlier scenarios:
 * builds the gateway against the simulator named in argv, streams the export once while sampling its own RSS,
 * and reports the figures over IPC.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { countCsv, type StreamCount } from './csv-rows.js';
import { benchGateway } from './gateway.js';
import { startRssSampler, type RssSamples } from './rss.js';
import type { SimulatorCredentials } from '../src/simulator/server.js';

export interface MemoryChildInput {
  readonly url: string;
  readonly credentials: SimulatorCredentials;
  readonly cycle: string;
  readonly ratePerSecond: number;
}

export type MemoryChildOutput =
  | { ok: true; count: StreamCount; rss: RssSamples; ms: number; upstreamCalls: number }
  | { ok: false; skipped: boolean; message: string };

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function main(): Promise<MemoryChildOutput> {
  const input = JSON.parse(process.argv[2]!) as MemoryChildInput;
  const gw = benchGateway({ url: input.url, credentials: input.credentials }, { ratePerSecond: input.ratePerSecond });
  try {
    // Warm up: one small request loads the schema and the route, so the baseline is a ready gateway.
    await gw.graphql('{ partner { id } }');
    collectGarbage();
    const sampler = startRssSampler(50);
    const began = performance.now();
    const response = await gw.fetch(`/export/consumption?cycle=${input.cycle}&format=csv`);
    const type = response.headers.get('content-type') ?? '';
    if (response.status === 404 || !response.body || !/csv/i.test(type)) {
      sampler.stop();
      await response.body?.cancel();
      return { ok: false, skipped: true, message: `GET /export/consumption answered ${response.status} ${type || '(no content type)'}: the export is not there yet` };
    }
    const count = await countCsv(response.body);
    const ms = performance.now() - began;
    return { ok: true, count, rss: sampler.stop(), ms, upstreamCalls: gw.bss.counter.snapshot().totalRequests };
  } catch (error) {
    return { ok: false, skipped: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    await gw.close();
  }
}

process.send?.(await main(), () => process.exit(0));

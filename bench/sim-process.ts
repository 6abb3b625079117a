/**
 * Starts the simulator in a child process (tsx via `--import tsx`) and talks to it over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorCredentials } from '../src/simulator/server.js';
import type { ChildOptions, ChildReply, ChildRequest, WorldTruth } from './sim-protocol.js';

export interface SimProcess {
  readonly url: string;
  readonly credentials: SimulatorCredentials;
  readonly pid: number;
  /** The simulator's own records per customer in `cycle` (null: customers only). */
  truth(cycle: string | null): Promise<WorldTruth>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sim-child.ts', import.meta.url));

export async function startSimProcess(options: ChildOptions): Promise<SimProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    // BENCH_SIM_CPU_PROF=<dir>: also write a V8 CPU profile of the simulator process there.
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096', ...(process.env.BENCH_SIM_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIM_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (truth: WorldTruth) => void>();
  const ready = new Promise<{ url: string; credentials: SimulatorCredentials }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator process exited early (code ${code})`)));
    child.on('message', (message: ChildReply) => {
      if (message.type === 'ready') resolve(message);
      if (message.type === 'truth') waiting.get(message.id)?.(message.truth);
    });
  });
  const { url, credentials } = await ready;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = (request: ChildRequest): void => {
    child.send(request);
  };
  return {
    url,
    credentials,
    pid: child.pid!,
    truth(cycle) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, (truth) => {
          waiting.delete(id);
          resolve(truth);
        });
        send({ type: 'truth', id, cycle });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

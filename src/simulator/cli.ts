/**
 * `npm run simulator -- [flags]`: the embedded Huawei Cloud (BSS + IAM) as a standalone server.
 * Partner credentials come from HUAWEICLOUD_SDK_AK / _SK / _DOMAIN_ID when set, else the fixed demo values,
 * which the banner prints on purpose: they are not secrets, and a developer needs them to sign requests.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { partnerFromEnv, type FaultConfig, type SimulatorOptions } from './options.js';
import { DEFAULT_CUSTOMERS, DEFAULT_SEED, startSimulator } from './server.js';

const HELP = `Partner Graph: Huawei Cloud simulator (BSS partner API + IAM tokens on one port)

Usage: npm run simulator -- [options]

  --port <n>              port to listen on (default 9000; 0 = any free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --seed <n>              dataset seed (default ${DEFAULT_SEED})
  --customers <n>         number of customers (default ${DEFAULT_CUSTOMERS})
  --resellers <n>         number of resellers (default: one per 50 customers, at least 2)
  --hours-per-usage-record <n>  fold n hours of time-metered usage into one bill record (1-24, default 1:
                          Huawei's hourly records); same sums, fewer records, for large benchmarks
  --now <iso-date>        dataset anchor, e.g. 2026-11-15T04:00:00Z (default: now)
  --token-lifetime <d>    IAM token lifetime: 24h, 30m, 90s or seconds (default 24h)
  --no-throttle           turn the per-API quotas (10/s by default) off
  --latency <ms>          added latency per BSS call
  --jitter <ms>           extra random latency, 0..ms
  --error-rate <p>        probability of a 5xx (500 CBC.0999, 502/504 APIGW.0201)
  --timeout-rate <p>      probability a call is never answered
  --timeout-mode <m>      hang (default) or delay (answer after --timeout-delay ms)
  --timeout-delay <ms>    delay for --timeout-mode delay (default 60000)
  --throttle-rate <p>     probability of a random 429 APIGW.0308
  --malformed-rate <p>    probability of a 200 with a truncated JSON body (a write is applied first)
  --reset-rate <p>        probability the connection is closed BEFORE the call is carried out (no state change)
  --lost-answer-rate <p>  probability the call is carried out (a write applied) and its answer then lost
  --lost-answer-mode <m>  close (default: connection closed), hang (never answered, until the client
                          times out) or gateway-timeout (504 APIGW.0201 Backend timeout.)
  --slow-body-rate <p>    probability the body trickles out over --slow-body ms
  --slow-body <ms>        duration of a slow body (default 2000)
  --fault-ops <a,b>       only these operations (SDK names) get faults, e.g. UpdateCustomerAccountAmount,PayOrders
                          (--error-rate, --timeout-rate and --reset-rate fail a call before it is applied;
                          --malformed-rate and --lost-answer-rate after it is applied)
  --fault-seed <n>        seed of the fault stream (default: --seed)
  --verbose               log one line per request
  -h, --help              this help

Environment: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_DOMAIN_ID override the demo partner.
`;

class UsageError extends Error {}

function integer(name: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${text}"`);
  return value;
}

function rate(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`--${name} must be a probability between 0 and 1, got "${text}"`);
  return value;
}

function hoursPerRecord(text: string | undefined): number | undefined {
  const value = integer('hours-per-usage-record', text, 1);
  if (value !== undefined && value > 24) throw new UsageError(`--hours-per-usage-record must be at most 24, got "${text}"`);
  return value;
}

/** `24h`, `30m`, `90s`, `500ms`, or a bare number of seconds → milliseconds. */
export function parseDuration(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${name} must be a duration like 24h, 30m, 90s or 500ms, got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms <= 0) throw new UsageError(`--${name} must be positive`);
  return ms;
}

/** Command-line flags → simulator options. Exported for tests. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { help: true } | { help: false; options: SimulatorOptions; verbose: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      resellers: { type: 'string' },
      now: { type: 'string' },
      'hours-per-usage-record': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'no-throttle': { type: 'boolean' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'error-rate': { type: 'string' },
      'timeout-rate': { type: 'string' },
      'timeout-mode': { type: 'string' },
      'timeout-delay': { type: 'string' },
      'throttle-rate': { type: 'string' },
      'malformed-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'lost-answer-rate': { type: 'string' },
      'lost-answer-mode': { type: 'string' },
      'slow-body-rate': { type: 'string' },
      'slow-body': { type: 'string' },
      'fault-ops': { type: 'string' },
      'fault-seed': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };

  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date, got "${values.now}"`);
  }
  const mode = values['timeout-mode'];
  if (mode !== undefined && mode !== 'hang' && mode !== 'delay') throw new UsageError(`--timeout-mode must be hang or delay, got "${mode}"`);

  const lostMode = values['lost-answer-mode'];
  if (lostMode !== undefined && lostMode !== 'close' && lostMode !== 'hang' && lostMode !== 'gateway-timeout') {
    throw new UsageError(`--lost-answer-mode must be close, hang or gateway-timeout, got "${lostMode}"`);
  }

  const faults: { -readonly [K in keyof FaultConfig]?: FaultConfig[K] } = {};
  const set = <K extends keyof FaultConfig>(key: K, value: FaultConfig[K] | undefined): void => {
    if (value !== undefined) faults[key] = value;
  };
  set('latencyMs', integer('latency', values.latency));
  set('latencyJitterMs', integer('jitter', values.jitter));
  set('errorRate', rate('error-rate', values['error-rate']));
  set('timeoutRate', rate('timeout-rate', values['timeout-rate']));
  set('timeoutMode', mode as FaultConfig['timeoutMode'] | undefined);
  set('timeoutDelayMs', integer('timeout-delay', values['timeout-delay']));
  set('throttleRate', rate('throttle-rate', values['throttle-rate']));
  set('malformedRate', rate('malformed-rate', values['malformed-rate']));
  set('resetRate', rate('reset-rate', values['reset-rate']));
  set('lostAnswerRate', rate('lost-answer-rate', values['lost-answer-rate']));
  set('lostAnswerMode', lostMode as FaultConfig['lostAnswerMode'] | undefined);
  set('slowBodyRate', rate('slow-body-rate', values['slow-body-rate']));
  set('slowBodyMs', integer('slow-body', values['slow-body']));
  set('seed', integer('fault-seed', values['fault-seed']));
  if (values['fault-ops'] !== undefined) faults.operations = values['fault-ops'].split(',').map((s) => s.trim()).filter(Boolean);

  const options: SimulatorOptions = {
    port: integer('port', values.port) ?? 9000,
    host: values.host ?? '127.0.0.1',
    seed: integer('seed', values.seed) ?? DEFAULT_SEED,
    customers: integer('customers', values.customers) ?? DEFAULT_CUSTOMERS,
    resellers: integer('resellers', values.resellers),
    hoursPerUsageRecord: hoursPerRecord(values['hours-per-usage-record']),
    now,
    tokenLifetimeMs: parseDuration('token-lifetime', values['token-lifetime']),
    throttle: !values['no-throttle'],
    faults,
    partner: partnerFromEnv(env),
  };
  return { help: false, options, verbose: values.verbose ?? false };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const began = performance.now();
  const options: SimulatorOptions = parsed.verbose
    ? { ...parsed.options, onRequest: (e) => console.log(`${e.method} ${e.path} → ${e.status} (${e.ms.toFixed(0)} ms)`) }
    : parsed.options;
  const sim = await startSimulator(options);
  const c = sim.credentials;
  const f = sim.faults.current;
  const faultText = [
    f.latencyMs || f.latencyJitterMs ? `latency ${f.latencyMs}+${f.latencyJitterMs} ms` : '',
    f.errorRate ? `errors ${f.errorRate}` : '',
    f.timeoutRate ? `timeouts ${f.timeoutRate} (${f.timeoutMode})` : '',
    f.throttleRate ? `random 429 ${f.throttleRate}` : '',
    f.malformedRate ? `malformed ${f.malformedRate}` : '',
    f.resetRate ? `resets before apply ${f.resetRate}` : '',
    f.lostAnswerRate ? `answers lost after apply ${f.lostAnswerRate} (${f.lostAnswerMode})` : '',
    f.slowBodyRate ? `slow bodies ${f.slowBodyRate}` : '',
  ].filter(Boolean);
  console.log(
    [
      `Huawei Cloud simulator listening on ${sim.url}  (started in ${(performance.now() - began).toFixed(0)} ms)`,
      `  dataset   seed ${options.seed}, ${sim.state.world.customers.length} customers, ${sim.state.world.resellers.length} resellers, anchored at ${sim.state.world.now.toISOString()}`,
      `  BSS       ${sim.url}/v2/...   (HUAWEICLOUD_SDK_REGION_BSS_CN_NORTH_1=${sim.url})`,
      `  IAM       ${sim.url}/v3/auth/tokens`,
      '  partner credentials (demo values unless set in the environment):',
      `    HUAWEICLOUD_SDK_AK=${c.ak}`,
      `    HUAWEICLOUD_SDK_SK=${c.sk}`,
      `    HUAWEICLOUD_SDK_DOMAIN_ID=${c.domainId}`,
      `  IAM user  ${c.domainName} / password ${c.password} (domain ${c.domainName}); agency name ${c.xaccountType}`,
      `  quotas    ${options.throttle === false ? 'off' : 'on (10 requests/s per API per credential unless documented otherwise)'}`,
      `  faults    ${faultText.length > 0 ? faultText.join(', ') : 'none'}${f.operations ? ` on ${f.operations.join(', ')}` : ''}`,
    ].join('\n'),
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only as the entry point, so tests can import parseCli.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

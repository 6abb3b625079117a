/** The simulator's command line: flags → options, and the real entry point's banner. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCli, parseDuration } from '../../../src/simulator/cli.js';

describe('parseCli', () => {
  it('defaults', () => {
    const parsed = parseCli([], {});
    expect(parsed).toEqual({
      help: false,
      verbose: false,
      options: {
        port: 9000,
        host: '127.0.0.1',
        seed: 42,
        customers: 500,
        resellers: undefined,
        now: undefined,
        tokenLifetimeMs: undefined,
        throttle: true,
        faults: {},
        partner: {},
      },
    });
  });

  it('every flag', () => {
    const parsed = parseCli(
      [
        '--port', '9100', '--host', '0.0.0.0', '--seed', '7', '--customers', '20000', '--resellers', '12', '--now', '2026-11-15T04:00:00Z',
        '--token-lifetime', '30m', '--no-throttle', '--latency', '40', '--jitter', '10', '--error-rate', '0.1', '--timeout-rate', '0.05',
        '--timeout-mode', 'delay', '--timeout-delay', '5000', '--throttle-rate', '0.2', '--malformed-rate', '0.01', '--slow-body-rate', '0.3',
        '--slow-body', '1500', '--fault-ops', 'ListSubCustomers, ListCustomerOrders', '--fault-seed', '99', '--verbose',
      ],
      { HUAWEICLOUD_SDK_AK: 'AK1', HUAWEICLOUD_SDK_SK: 'SK1', HUAWEICLOUD_SDK_DOMAIN_ID: 'd1' },
    );
    expect(parsed).toEqual({
      help: false,
      verbose: true,
      options: {
        port: 9100,
        host: '0.0.0.0',
        seed: 7,
        customers: 20000,
        resellers: 12,
        now: new Date('2026-11-15T04:00:00Z'),
        tokenLifetimeMs: 1_800_000,
        throttle: false,
        faults: {
          latencyMs: 40,
          latencyJitterMs: 10,
          errorRate: 0.1,
          timeoutRate: 0.05,
          timeoutMode: 'delay',
          timeoutDelayMs: 5000,
          throttleRate: 0.2,
          malformedRate: 0.01,
          slowBodyRate: 0.3,
          slowBodyMs: 1500,
          operations: ['ListSubCustomers', 'ListCustomerOrders'],
          seed: 99,
        },
        partner: { ak: 'AK1', sk: 'SK1', domainId: 'd1' },
      },
    });
  });

  it('--hours-per-usage-record folds usage records (1 to 24)', () => {
    const parsed = parseCli(['--hours-per-usage-record', '6'], {});
    expect(parsed.help === false && parsed.options.hoursPerUsageRecord).toBe(6);
    const plain = parseCli([], {});
    expect(plain.help === false && plain.options.hoursPerUsageRecord).toBeUndefined();
    expect(() => parseCli(['--hours-per-usage-record', '25'], {})).toThrow('--hours-per-usage-record must be at most 24, got "25"');
    expect(() => parseCli(['--hours-per-usage-record', '0'], {})).toThrow('--hours-per-usage-record must be an integer ≥ 1, got "0"');
  });

  it('faults before and after apply: --reset-rate, --lost-answer-rate and --lost-answer-mode', () => {
    const parsed = parseCli(['--reset-rate', '0.1', '--lost-answer-rate', '0.2', '--lost-answer-mode', 'hang', '--fault-ops', 'PayOrders'], {});
    expect(parsed.help === false && parsed.options.faults).toEqual({ resetRate: 0.1, lostAnswerRate: 0.2, lostAnswerMode: 'hang', operations: ['PayOrders'] });
    const gateway = parseCli(['--lost-answer-mode', 'gateway-timeout'], {});
    expect(gateway.help === false && gateway.options.faults).toEqual({ lostAnswerMode: 'gateway-timeout' });
    expect(() => parseCli(['--lost-answer-mode', 'drop'], {})).toThrow('--lost-answer-mode must be close, hang or gateway-timeout, got "drop"');
    expect(() => parseCli(['--reset-rate', '1.5'], {})).toThrow('--reset-rate must be a probability between 0 and 1, got "1.5"');
  });

  it('help, and clear errors for bad values', () => {
    expect(parseCli(['--help'], {})).toEqual({ help: true });
    expect(parseCli(['-h'], {})).toEqual({ help: true });
    expect(() => parseCli(['--error-rate', '2'], {})).toThrow('--error-rate must be a probability between 0 and 1, got "2"');
    expect(() => parseCli(['--port', 'abc'], {})).toThrow('--port must be an integer ≥ 0, got "abc"');
    expect(() => parseCli(['--timeout-mode', 'never'], {})).toThrow('--timeout-mode must be hang or delay, got "never"');
    expect(() => parseCli(['--now', 'yesterday'], {})).toThrow('--now must be an ISO date, got "yesterday"');
    expect(() => parseCli(['--bogus'], {})).toThrow(/bogus/);
  });

  it('durations', () => {
    expect(parseDuration('d', '24h')).toBe(86_400_000);
    expect(parseDuration('d', '90s')).toBe(90_000);
    expect(parseDuration('d', '500ms')).toBe(500);
    expect(parseDuration('d', '120')).toBe(120_000);
    expect(() => parseDuration('d', '1 day')).toThrow('--d must be a duration like 24h, 30m, 90s or 500ms, got "1 day"');
  });
});

describe('npm run simulator', () => {
  it('starts 20,000 customers and prints the URL and the credentials to use', async () => {
    const env = { ...process.env };
    delete env.HUAWEICLOUD_SDK_AK;
    delete env.HUAWEICLOUD_SDK_SK;
    delete env.HUAWEICLOUD_SDK_DOMAIN_ID;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--port', '0', '--customers', '20000', '--seed', '42', '--latency', '40'], {
      cwd: new URL('../../../', import.meta.url),
      env,
    });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('faults')) resolve(out);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      expect(banner).toMatch(/^Huawei Cloud simulator listening on http:\/\/127\.0\.0\.1:\d+ {2}\(started in \d+ ms\)$/m);
      // How long starting takes is checked in CPU time (routing.test.ts): this child's wall-clock figure
      // measures the machine's load as much as the start.
      expect(banner).toContain('seed 42, 20000 customers, 400 resellers');
      expect(banner).toContain('HUAWEICLOUD_SDK_AK=PGDEMOACCESSKEY00001');
      expect(banner).toContain('HUAWEICLOUD_SDK_SK=partner-graph-demo-secret-key-do-not-use');
      expect(banner).toContain('HUAWEICLOUD_SDK_DOMAIN_ID=5f0c3a9e2b7d4e11a8c6d2f4b1e9a370');
      expect(banner).toContain('IAM user  partnergraph-demo / password Demo-Partner-Passw0rd');
      expect(banner).toContain('faults    latency 40+0 ms');
      const url = /listening on (\S+)/.exec(banner)![1]!;
      const res = await fetch(`${url}/v2/nothing`);
      expect(res.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

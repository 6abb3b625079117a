/**
 * An unhandled promise rejection is logged (what identifies the error, never a secret it may carry) and
 * counted, and the gateway keeps serving instead of Node's default of ending the process.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BssError } from '../../src/bss/errors.js';
import { Metrics } from '../../src/ops/metrics.js';
import { keepServingOnUnhandledRejection } from '../../src/ops/unhandled-rejections.js';

describe('unhandled rejections', () => {
  it('are logged with the error\'s identity and counted, and the listener can be removed', async () => {
    const target = new EventEmitter();
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    const log = { error: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) };
    const metrics = new Metrics({ defaultMetrics: false });
    const stop = keepServingOnUnhandledRejection(log as never, () => metrics.unhandledRejection(), target);
    expect(target.listenerCount('unhandledRejection')).toBe(1);

    const error = new BssError({ kind: 'transport', operation: 'ListConsumeSubCustomers', code: 'TRANSPORT.ABORTED', message: 'request aborted' });
    target.emit('unhandledRejection', error);
    target.emit('unhandledRejection', 'a bare reason');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.fields).toEqual({
      event: 'process.unhandled_rejection',
      err: { type: 'BssError', operation: 'ListConsumeSubCustomers', code: 'TRANSPORT.ABORTED', httpStatus: null, requestId: null, attempts: 1 },
    });
    expect(lines[0]!.message).toMatch(/not handled/);
    expect((await metrics.render()).body).toMatch(/^process_unhandled_rejections_total 2$/m);

    stop();
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });
});

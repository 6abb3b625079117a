/**
 * The export's writer threads (src/export/focus-writer-threads.ts) when one fails: a thread that dies with a
 * chunk of the export fails that export the way any failure of the store does — the stream ends with the
 * error marker (`INTERNAL`, nothing more said) — instead of hanging or taking the process down, and the next
 * export starts another thread and is whole again. On both engines, with threads given the store's server
 * (PostgreSQL: the thread's own connection runs the chunk) and with threads given none (the rows are read on
 * the gateway's thread and written on the other; the embedded engine's only way).
 * That the threads write the same bytes as the gateway's thread: test/export/focus-sql.test.ts.
 */
import { beforeAll, expect, it } from 'vitest';
import { csvEncoder } from '../../src/export/csv.js';
import { describeFailure } from '../../src/export/export-plugin.js';
import { exportStream } from '../../src/export/export-stream.js';
import { focusTextChunks, type FocusSqlContext } from '../../src/export/focus-sql.js';
import { FocusWriterThreads } from '../../src/export/focus-writer-threads.js';
import { replaceCustomerCycle, type ConsumptionSelection, type Store } from '../../src/store/index.js';
import { describeEachEngine } from '../store/engines.js';
import { record } from '../store/records.js';

const CYCLE = '2026-10';
const SELECTION: ConsumptionSelection = { scope: 'all', fromCycle: CYCLE, toCycle: CYCLE };
const CTX: FocusSqlContext = {
  partnerDomainId: 'partner-domain-1', english: false, units: new Map([[4, '小时']]), serviceTypeNames: new Map(), resourceTypeNames: new Map(),
  customers: [{ indirectPartnerId: null, customerId: 'c-1', subAccountName: '张三', associationType: '2' }],
};

/** A CSV export's whole body as the route sends it, its chunks (5 rows each) written by `threads`. */
function exportBody(store: Store, threads: FocusWriterThreads): Promise<string> {
  const chunks = focusTextChunks(store, SELECTION, 'csv', CTX, { chunkRows: 5, threads });
  return new Response(exportStream({ chunks, encoder: csvEncoder, describeFailure })).text();
}

describeEachEngine('the export writer threads', (store) => {
  beforeAll(async () => {
    for (const customerId of ['c-1', 'c-2']) {
      const records = Array.from({ length: 12 }, (_, i) => record({ id: `r-${String(i).padStart(2, '0')}`, cycle: CYCLE, customerId }));
      await replaceCustomerCycle(store(), { cycle: CYCLE, customerId, indirectPartnerId: null, records });
    }
  }, 60_000);

  it.each([
    { given: 'the store\'s server', serverUrl: () => store().serverUrl },
    { given: 'no server', serverUrl: () => undefined },
  ])('fail the export with the error marker when a thread given $given dies with its chunk, and the next export starts another thread', async ({ serverUrl }) => {
    const threads = new FocusWriterThreads(serverUrl());
    expect(threads.runsStatements).toBe(serverUrl() !== undefined);
    try {
      const whole = await exportBody(store(), threads);
      // 24 rows in chunks of 5: five chunks, all written by the threads.
      expect(whole.trimEnd().split('\r\n').at(-1)).toBe(csvEncoder.end(24).trimEnd());
      expect(threads.chunksWritten).toBe(5);
      expect(threads.running().length).toBeGreaterThan(0);

      threads.dieOnNextChunk();
      const failed = await exportBody(store(), threads);
      // The header, then at once the marker any store failure gives (the first chunk was the dying thread's).
      expect(failed).toBe(csvEncoder.header() + csvEncoder.error({ code: 'INTERNAL', message: 'Unexpected error.', operation: null, requestId: null }, 0));

      expect(await exportBody(store(), threads)).toBe(whole);
    } finally {
      await threads.close();
    }
    expect(threads.running()).toEqual([]);
  }, 60_000);

  it('fail the chunks of a closed set of threads instead of starting new ones', async () => {
    const threads = new FocusWriterThreads(store().serverUrl);
    await threads.close();
    const body = await exportBody(store(), threads);
    expect(body).toBe(csvEncoder.header() + csvEncoder.error({ code: 'INTERNAL', message: 'Unexpected error.', operation: null, requestId: null }, 0));
    expect(threads.running()).toEqual([]);
  }, 60_000);
});

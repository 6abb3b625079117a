/** A Transport that records what the client would send and answers from a function: no network. */
import type { Transport, TransportRequest, TransportResponse } from '../../../src/bss/transport.js';

export interface CaptureTransport extends Transport {
  readonly sent: TransportRequest[];
}

export function captureTransport(
  reply: (req: TransportRequest, index: number) => Partial<TransportResponse> = () => ({}),
): CaptureTransport {
  const sent: TransportRequest[] = [];
  return {
    sent,
    async send(req) {
      const index = sent.push(req) - 1;
      const r = reply(req, index);
      return { status: r.status ?? 200, headers: r.headers ?? {}, text: r.text ?? '{}' };
    },
    async close() {},
  };
}

/**
 * Request ids: 32 lower-case hex characters, as the API gateway puts in `X-Request-Id` and in its error
 * bodies (huawei-auth-and-errors.md §9.1). Drawn from a seeded stream so a run is reproducible; a counter
 * keys each id, so ids never repeat within one simulator.
 */
import { Random } from './dataset/random.js';

export class RequestIds {
  private count = 0;

  constructor(private readonly seed: number) {}

  next(): string {
    this.count += 1;
    return Random.derive(this.seed, `request-id:${this.count}`).hex(32);
  }
}

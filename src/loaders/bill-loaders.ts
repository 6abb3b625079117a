/** Request-scoped loaders of the bill endpoints. */
import type { LoaderContext } from './index.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BillLoaders {}

export function createBillLoaders(_ctx: LoaderContext): BillLoaders {
  return {};
}

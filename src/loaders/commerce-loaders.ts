/** Request-scoped loaders of the commerce endpoints. */
import type { LoaderContext } from './index.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CommerceLoaders {}

export function createCommerceLoaders(_ctx: LoaderContext): CommerceLoaders {
  return {};
}

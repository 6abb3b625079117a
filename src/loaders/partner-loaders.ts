/** Request-scoped loaders of the partner endpoints (customers, resellers, balances, tags, coupons). */
import DataLoader from 'dataloader';
import { ListSubCustomers } from '../bss/operations/partners/index.js';
import { toCustomerShape, type CustomerShape } from '../resolvers/customer.js';
import type { LoaderContext } from './index.js';

export interface PartnerLoaders {
  /** A customer by id: the partner's own first (no id-list endpoint exists: one exact-filter call per id). */
  readonly customer: DataLoader<string, CustomerShape | null>;
}

export function createPartnerLoaders(ctx: LoaderContext): PartnerLoaders {
  return {
    customer: new DataLoader<string, CustomerShape | null>(
      (ids) =>
        Promise.all(
          ids.map(async (id) => {
            const res = await ctx.bss.call(ListSubCustomers, { body: { customer_id: id, limit: 1 } });
            const found = res.customer_infos?.find((c) => c.customer_id === id);
            return found ? toCustomerShape(found, null) : null;
          }),
        ),
      // One exact-filter call per id: batching only de-duplicates (bss-api-partners.md §5.3).
      { maxBatchSize: 100 },
    ),
  };
}

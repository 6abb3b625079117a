/** Builds the schema: every graph type file registers itself on the builder when imported. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './enums.js';
import './partner.js';
import './partner-enums.js';
import './indirect-partner.js';
import './customer.js';
import './reference.js';
import './bill-enums.js';
import './bill.js';
import './consumption-record.js';
import './consumption.js';
import './commerce-enums.js';
import './geography.js';
import './usage-type.js';
import './order.js';
import './resource.js';
import './coupon.js';
import './coupon-quota.js';
import './held-coupon.js';
import './consumption-edges.js';
import './customer-costs.js';
import './percentile-usage.js';
import './price-quote.js';
import './order-payment.js';
import './customer-checks.js';
import './sync-progress.js';
import './audit-log.js';
import './mutations/funds.js';
import './mutations/orders.js';
import './mutations/coupons.js';
import './mutations/coupon-quotas.js';
import './mutations/resources.js';
import './mutations/customers.js';
import './mutations/realname.js';
import './mutations/verification.js';

builder.queryType({ description: 'The partner business graph over the Huawei Cloud BSS API.' });
builder.mutationType({ description: 'Writes: the partner acts through the graph, each write idempotent and audited (docs/writes.md).' });

export const schema = builder.toSchema();

/** The SDL committed as schema.graphql (sorted, so diffs show real changes only). */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

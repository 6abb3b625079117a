/**
 * Consumption records reached from what they record: an order's (ListSubCustomerBillDetail §4.2 with
 * `trade_id` = the order id, bill types 1/2/3/4/8) and a resource's (`resource_id`). Each is one customer's
 * records of one cycle, windowed through the request's consumption loader exactly as
 * `Customer.consumption(cycle:, tradeId:/resourceId:) { records }` (one call per ≤ 1000 rows, the same page
 * shared in a request, closed cycles from the bill cache).
 */
import { openCycleAt } from '../caches/bill-cache.js';
import { openCycleOf, type GraphQLContext } from '../context.js';
import { requireScope } from '../auth/scope.js';
import { consumptionRecordsConnection } from '../resolvers/consumption.js';
import { checkCycle } from '../resolvers/input.js';
import type { ConnectionArgs } from '../resolvers/connection.js';
import type { ConsumptionQuery } from '../sources/consumption-records.js';
import { builder } from './builder.js';
import { ConsumptionRecord, ConsumptionRecordConnection } from './consumption-record.js';
import { Order } from './order.js';
import { Resource } from './resource.js';

const RECORDS_COST = 'One call per page of ≤ 1000 records; the same page asked twice in a request is one call; closed cycles are cached.';

function recordsOf(ctx: GraphQLContext, args: ConnectionArgs, query: Omit<ConsumptionQuery, 'cycle'>, cycle: string) {
  const q: ConsumptionQuery = { ...query, cycle: checkCycle(cycle, openCycleOf(ctx)) };
  return consumptionRecordsConnection(ctx, { kind: 'customer', query: q, cycles: [q.cycle] }, args);
}

builder.objectField(Order, 'consumptionRecords', (t) =>
  t.connection(
    {
      type: ConsumptionRecord,
      nullable: true,
      description:
        'The consumption records this order produced (purchase, renewal, change, unsubscription). Upstream: ' +
        'ListSubCustomerBillDetail `GET /v2/bills/subcustomer-bills/res-fee-records` with `trade_id` = the order id and the ' +
        `order's customer (partner credentials). ${RECORDS_COST} Null (no call) for an order that names no customer.`,
      args: {
        cycle: t.arg({
          type: 'BillingCycle',
          description:
            'The billing cycle to read (UTC+8; the last 18 only). Default: the cycle the order was paid in (else created in), ' +
            'where Huawei books its records.',
        }),
      },
      resolve: (o, args, ctx) => {
        if (!o.customerId) return null;
        const when = o.paidAt ?? o.createdAt;
        const cycle = args.cycle ?? (when ? openCycleAt(when) : openCycleOf(ctx));
        const query = { customerId: o.customerId, indirectPartnerId: requireScope(ctx.caller, o.indirectPartnerId), tradeId: o.orderId };
        return recordsOf(ctx, args, query, cycle);
      },
    },
    ConsumptionRecordConnection,
  ),
);

builder.interfaceField(Resource, 'consumptionRecords', (t) =>
  t.connection(
    {
      type: ConsumptionRecord,
      nullable: true,
      description:
        'The resource\'s consumption records of one cycle. Upstream: ListSubCustomerBillDetail ' +
        '`GET /v2/bills/subcustomer-bills/res-fee-records` with `resource_id` and the resource\'s customer (partner credentials). ' +
        `${RECORDS_COST} For sums and breakdowns over a range, use \`Customer.consumption(resourceId:)\`.`,
      args: {
        cycle: t.arg({ type: 'BillingCycle', required: true, description: 'The billing cycle, `YYYY-MM` (UTC+8): the current one or one of the 17 before it.' }),
      },
      resolve: (r, args, ctx) => {
        const query = { customerId: r.customerId, indirectPartnerId: requireScope(ctx.caller, r.indirectPartnerId), resourceId: r.resourceId };
        return recordsOf(ctx, args, query, args.cycle);
      },
    },
    ConsumptionRecordConnection,
  ),
);

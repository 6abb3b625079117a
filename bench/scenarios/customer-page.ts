/**
 * Scenario 1: a page of 100 customers with balances, new-customer tags, reseller names and order counts,
 * in one GraphQL request.
 */
import { customerPageBound, wallBoundSeconds } from '../bounds.js';
import { benchGateway } from '../gateway.js';
import { measuredLines } from '../report.js';
import { Skip, quotaPause, type Scenario } from '../scenario.js';
import { CUSTOMER_PAGE_QUERY as QUERY } from './customer-page-query.js';

const PAGE = 100;


export const customerPage: Scenario = {
  key: 'customers',
  title: `1. a page of ${PAGE} customers with balances, tags, reseller names and order counts (GraphQL)`,
  simulator: 'shared',
  async run(ctx) {
    const own = ctx.truth.customers.filter((c) => c.indirectPartnerId === null).length;
    if (own < PAGE) throw new Skip(`the world has ${own} own customers, fewer than ${PAGE}`);
    await quotaPause();
    const gw = benchGateway(ctx.sim);
    try {
      const began = performance.now();
      const res = await gw.graphql(QUERY, { first: PAGE });
      const wallMs = performance.now() - began;
      if (!res.data?.partner?.customers) throw new Error(`query failed: ${JSON.stringify(res.errors?.slice(0, 2))}`);
      const nodes = res.data.partner.customers.nodes as { orders: { totalCount: number } | null }[];
      const bound = customerPageBound(ctx.truth, PAGE);
      ctx.log(`  ${nodes.length} customers, ${nodes.reduce((n, c) => n + (c.orders?.totalCount ?? 0), 0)} orders counted, ${res.errors?.length ?? 0} field errors`);
      for (const line of measuredLines({
        calls: gw.bss.counter.snapshot().requests,
        bound,
        wallMs,
        wallBoundS: wallBoundSeconds(bound, ctx.latencyMs),
        throttled: gw.throttled(),
      })) ctx.log(line);
    } finally {
      await gw.close();
    }
  },
};

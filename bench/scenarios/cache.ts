/**
 * Scenario 5 (not a target of the issue, shown for the record): the same closed month pulled twice through
 * GraphQL by a gateway that has the closed-cycle BillCache. The first pull pays the bound; the second should
 * not read a single record page again (ListSubCustomerBillDetail = 0), since closed cycles do not change.
 */
import { monthPullBound, totalCalls, wallBoundSeconds } from '../bounds.js';
import { benchGateway } from '../gateway.js';
import { consumptionSelection, cycleArgs, namedType, readSchema } from '../introspect.js';
import { secs, verdict } from '../report.js';
import { Skip, quotaPause, type Scenario } from '../scenario.js';

export const cache: Scenario = {
  key: 'cache',
  title: '5. the same month twice through GraphQL, with the closed-cycle bill cache (second pull: no record reads)',
  simulator: 'shared',
  async run(ctx) {
    await quotaPause();
    const gw = benchGateway(ctx.sim, { billCache: true });
    try {
      const schema = await readSchema(gw);
      const view = schema.field('Partner', 'consumption');
      const args = view && cycleArgs(view, ctx.cycle);
      if (!view || !args) throw new Skip('no Partner.consumption(cycle) yet');
      // Totals and breakdowns only: every record is still read, but the response stays small.
      const selection = consumptionSelection(schema, namedType(view.type).name, 0).replace(/records\([^)]*\) \{[^}]*\{[^}]*\} \}/, '');
      const query = `{ partner { consumption${args} { ${selection} } } }`;
      const bound = monthPullBound(ctx.truth);
      for (const pull of ['first', 'second']) {
        gw.reset();
        const began = performance.now();
        const res = await gw.graphql(query);
        const ms = performance.now() - began;
        if (!res.data) throw new Error(`query failed: ${JSON.stringify(res.errors?.slice(0, 2))}`);
        const calls = gw.bss.counter.snapshot().requests;
        const reads = calls.ListSubCustomerBillDetail ?? 0;
        const total = String(res.data.partner?.consumption?.total ?? '?');
        const detail = Object.entries(calls).map(([n, c]) => `${n} ${c}`).join(', ');
        if (pull === 'first') {
          ctx.log(`  first pull: ${secs(ms)} (bound ${wallBoundSeconds(bound, ctx.latencyMs).toFixed(2)} s), total ${total}; ${totalCalls(calls)} calls (${detail}); ${gw.throttled()} 429s retried`);
        } else {
          ctx.log(`  second pull: ${secs(ms)}, total ${total}; ${totalCalls(calls)} calls (${detail || 'none'})   ${verdict(reads === 0)} (target: no record page read again)`);
        }
      }
    } finally {
      await gw.close();
    }
  },
};

/**
 * A late adjustment in the simulator, for the sync's drift tests: one record of a closed cycle gets `delta` more
 * amount due (and list price, paid in cash). The customer's 4.2 records and the partner monthly sums (4.1) both
 * show it, as Huawei's would after a re-rating. Returns the function that undoes it.
 */
import { Decimal } from 'decimal.js';
import type { RunningSimulator } from '../../src/simulator/server.js';
import type { BillRecord } from '../../src/simulator/dataset/bills/types.js';

export function adjustRecord(sim: RunningSimulator, customerId: string, cycle: string, delta: string): () => void {
  const bills = sim.state.bills;
  const records = bills.records.bind(bills);
  const scopeCycle = bills.scopeCycle.bind(bills);
  const target = records(customerId, cycle)[0];
  if (!target) throw new Error(`adjustRecord: ${customerId} has no record in ${cycle}`);
  const d = new Decimal(delta);
  const adjusted = (r: BillRecord): BillRecord => ({ ...r, official: r.official.plus(d), due: r.due.plus(d), paid: { ...r.paid, cash: r.paid.cash.plus(d) } });
  bills.records = (id: string, c: string) => {
    const rs = records(id, c);
    return id === customerId && c === cycle ? rs.map((r) => (r.id === target.id ? adjusted(r) : r)) : rs;
  };
  const type = target.resource.resourceType;
  let done = false;
  bills.scopeCycle = (c: string, scope: string | null) => {
    const sc = scopeCycle(c, scope);
    if (c !== cycle) return sc;
    done = false;
    return {
      ...sc,
      resaleSums: sc.resaleSums.map((row) => {
        if (done || row.customerId !== customerId || row.serviceTypeCode !== type.serviceTypeCode || row.resourceTypeCode !== type.code || row.chargeMode !== target.chargeMode) return row;
        done = true;
        return { ...row, amount: new Decimal(row.amount).plus(d).toFixed(2) };
      }),
    };
  };
  return () => {
    delete (bills as { records?: unknown }).records;
    delete (bills as { scopeCycle?: unknown }).scopeCycle;
  };
}

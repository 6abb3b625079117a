/** The bill, consumption, cost and rating operations (bss-api-commerce.md §4), in the reference's order. */
import type { OperationSpec } from '../spec.js';
import { ListConsumeSubCustomers, ListSubCustomerBillDetail, ListSubcustomerMonthlyBills } from './sub-customer-bills.js';
import {
  ListCustomerBillsFeeRecords,
  ListCustomerselfResourceRecordDetails,
  ListCustomerselfResourceRecords,
  ShowCustomerMonthlySum,
} from './customer-bills.js';
import { ListResourceUsage, ListResourceUsageSummary } from './resource-usage.js';
import { ListCosts, ListCustomerBillsMonthlyBreakDown } from './costs.js';
import { ListOnDemandResourceRatings, ListRateOnPeriodDetail, ListRenewRateOnPeriod } from './ratings.js';

export * from './sub-customer-bills.js';
export * from './customer-bills.js';
export * from './resource-usage.js';
export * from './costs.js';
export * from './ratings.js';

export const billOperations: readonly OperationSpec[] = [
  ListSubcustomerMonthlyBills,
  ListSubCustomerBillDetail,
  ListConsumeSubCustomers,
  ShowCustomerMonthlySum,
  ListCustomerBillsFeeRecords,
  ListCustomerselfResourceRecords,
  ListCustomerselfResourceRecordDetails,
  ListResourceUsageSummary,
  ListResourceUsage,
  ListCustomerBillsMonthlyBreakDown,
  ListCosts,
  ListOnDemandResourceRatings,
  ListRateOnPeriodDetail,
  ListRenewRateOnPeriod,
];

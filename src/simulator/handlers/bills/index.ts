/** The bills endpoint group's handlers (bss-api-commerce.md §4), keyed by SDK operation name. */
import type { Handler } from '../../handler.js';
import { listSubcustomerMonthlyBills } from './sub-customer-monthly-bills.js';
import { listSubCustomerBillDetail } from './sub-customer-bill-detail.js';
import { listConsumeSubCustomers } from './consume-sub-customers.js';
import { showCustomerMonthlySum } from './customer-monthly-sum.js';
import { listCustomerBillsFeeRecords } from './fee-records.js';
import { listCustomerselfResourceRecords } from './resource-records.js';
import { listCustomerselfResourceRecordDetails } from './resource-record-details.js';
import { listResourceUsage, listResourceUsageSummary } from './resource-usage.js';
import { listCustomerBillsMonthlyBreakDown } from './monthly-breakdown.js';
import { listCosts } from './costs.js';
import { listOnDemandResourceRatings, listRateOnPeriodDetail, listRenewRateOnPeriod } from './ratings.js';

export const billsHandlers: Readonly<Record<string, Handler>> = {
  ListSubcustomerMonthlyBills: listSubcustomerMonthlyBills,
  ListSubCustomerBillDetail: listSubCustomerBillDetail,
  ListConsumeSubCustomers: listConsumeSubCustomers,
  ShowCustomerMonthlySum: showCustomerMonthlySum,
  ListCustomerBillsFeeRecords: listCustomerBillsFeeRecords,
  ListCustomerselfResourceRecords: listCustomerselfResourceRecords,
  ListCustomerselfResourceRecordDetails: listCustomerselfResourceRecordDetails,
  ListResourceUsageSummary: listResourceUsageSummary,
  ListResourceUsage: listResourceUsage,
  ListCustomerBillsMonthlyBreakDown: listCustomerBillsMonthlyBreakDown,
  ListCosts: listCosts,
  ListOnDemandResourceRatings: listOnDemandResourceRatings,
  ListRateOnPeriodDetail: listRateOnPeriodDetail,
  ListRenewRateOnPeriod: listRenewRateOnPeriod,
};

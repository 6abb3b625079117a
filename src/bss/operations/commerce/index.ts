/** The order, resource and reference-data operations (bss-api-commerce.md §2, §3, §5): 24 endpoints. */
import type { OperationSpec } from '../spec.js';
import {
  CancelCustomerOrder, ListCustomerOrders, ListOrderCouponsByOrderId, ListOrderDiscounts, PayOrders,
  ShowCustomerOrderDetails, ShowRefundOrderDetails,
} from './orders.js';
import {
  AutoRenewalResources, CancelAutoRenewalResources, CancelResourcesSubscription, ListCustomerOnDemandResources,
  ListPayPerUseCustomerResources, RenewalResources, SetResourcesRenewConfig, UpdatePeriodToOnDemand,
} from './resources.js';
import {
  ListCities, ListConversions, ListCounties, ListMeasureUnits, ListProvinces, ListResourceTypes,
  ListServiceResources, ListServiceTypes, ListUsageTypes,
} from './reference.js';

export * from './common.js';
export * from './orders.js';
export * from './resources.js';
export * from './reference.js';

export const commerceOperations: readonly OperationSpec[] = [
  ListCustomerOrders, ShowCustomerOrderDetails, CancelCustomerOrder, PayOrders, ListOrderCouponsByOrderId,
  ListOrderDiscounts, ShowRefundOrderDetails,
  ListPayPerUseCustomerResources, ListCustomerOnDemandResources, RenewalResources, CancelResourcesSubscription,
  UpdatePeriodToOnDemand, SetResourcesRenewConfig, AutoRenewalResources, CancelAutoRenewalResources,
  ListServiceTypes, ListResourceTypes, ListServiceResources, ListUsageTypes, ListMeasureUnits, ListConversions,
  ListProvinces, ListCities, ListCounties,
] as readonly OperationSpec[];

/** The commerce endpoint group's handlers (bss-api-commerce.md §2, §3, §5), keyed by SDK operation name. */
import type { Handler } from '../../handler.js';
import { listCustomerOrders, showCustomerOrderDetails } from './orders.js';
import { cancelCustomerOrder, listOrderCouponsByOrderId, listOrderDiscounts, payOrders } from './payment.js';
import { showRefundOrderDetails } from './refunds.js';
import { listCustomerOnDemandResources, listPayPerUseCustomerResources } from './resources.js';
import {
  autoRenewalResources, cancelAutoRenewalResources, cancelResourcesSubscription, renewalResources, setResourcesRenewConfig,
  updatePeriodToOnDemand,
} from './subscriptions.js';
import {
  listCities, listConversions, listCounties, listMeasureUnits, listProvinces, listResourceTypes, listServiceResources,
  listServiceTypes, listUsageTypes,
} from './reference.js';

export const commerceHandlers: Readonly<Record<string, Handler>> = {
  ListCustomerOrders: listCustomerOrders,
  ShowCustomerOrderDetails: showCustomerOrderDetails,
  CancelCustomerOrder: cancelCustomerOrder,
  PayOrders: payOrders,
  ListOrderCouponsByOrderId: listOrderCouponsByOrderId,
  ListOrderDiscounts: listOrderDiscounts,
  ShowRefundOrderDetails: showRefundOrderDetails,
  ListPayPerUseCustomerResources: listPayPerUseCustomerResources,
  ListCustomerOnDemandResources: listCustomerOnDemandResources,
  RenewalResources: renewalResources,
  CancelResourcesSubscription: cancelResourcesSubscription,
  UpdatePeriodToOnDemand: updatePeriodToOnDemand,
  SetResourcesRenewConfig: setResourcesRenewConfig,
  AutoRenewalResources: autoRenewalResources,
  CancelAutoRenewalResources: cancelAutoRenewalResources,
  ListServiceTypes: listServiceTypes,
  ListResourceTypes: listResourceTypes,
  ListServiceResources: listServiceResources,
  ListUsageTypes: listUsageTypes,
  ListMeasureUnits: listMeasureUnits,
  ListConversions: listConversions,
  ListProvinces: listProvinces,
  ListCities: listCities,
  ListCounties: listCounties,
};

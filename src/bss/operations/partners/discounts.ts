/**
 * RETIRED: customer discounts, `/v2/partners/discounts` (bss-api-partners.md §2.14). Removed from the Go
 * SDK in 0.0.83 (2022-04); whether the live API still answers is unknown. Described from the last SDK
 * release that had them so the simulator can serve them; the gateway must not expose them.
 */
import { defineOperation, type WireDecimal } from '../spec.js';
import type { ErrorDetail } from './models.js';

export interface SetSubCustomerDiscountV2 {
  customer_id: string;
  /** A rate, not money: 0.8–1 with up to 2 decimals; 1 deletes the partner discount. float64 on the wire. */
  discount: WireDecimal;
  effective_time?: string;
  expire_time?: string;
}

export interface SetPartnerDiscountsReq {
  indirect_partner_id?: string;
  /** ≤ 10 items. */
  sub_customer_discounts: SetSubCustomerDiscountV2[];
}

export interface BatchSetSubCustomerDiscountRequest {
  body: SetPartnerDiscountsReq;
}

export interface BatchSetSubCustomerDiscountResponse {
  /** Failed records on partial success; empty when everything succeeded. */
  error_details?: ErrorDetail[];
}

/** RETIRED (§2.14): not in the current SDK. */
export const BatchSetSubCustomerDiscount = defineOperation<BatchSetSubCustomerDiscountRequest, BatchSetSubCustomerDiscountResponse>({
  name: 'BatchSetSubCustomerDiscount',
  method: 'POST',
  path: '/v2/partners/discounts',
  caller: 'partner',
  kind: 'write',
  hasBody: true,
  batch: { field: 'sub_customer_discounts', max: 10 },
});

export interface ListSubCustomerDiscountsRequest {
  customer_id: string;
  indirect_partner_id?: string;
}

export interface QuerySubCustomerDiscountV2 {
  discount_id?: string;
  /** float64, 2 decimals. */
  discount?: WireDecimal;
  effective_time?: string;
  expire_time?: string;
}

export interface ListSubCustomerDiscountsResponse {
  /** null when no discount is set. */
  sub_customer_discount?: QuerySubCustomerDiscountV2 | null;
}

/** RETIRED (§2.14): not in the current SDK. */
export const ListSubCustomerDiscounts = defineOperation<ListSubCustomerDiscountsRequest, ListSubCustomerDiscountsResponse>({
  name: 'ListSubCustomerDiscounts',
  method: 'GET',
  path: '/v2/partners/discounts',
  caller: 'partner',
  kind: 'read',
  query: ['customer_id', 'indirect_partner_id'],
});

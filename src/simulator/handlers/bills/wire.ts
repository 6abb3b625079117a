/**
 * Bill amounts and names on the wire. `decimal` fields are bare JSON numbers written from the exact
 * decimal: raw resource-level amounts with their 8 decimals (`0.56000000`, as a scale-8 BigDecimal column
 * prints), reconciled amounts with 2. Quantities keep exactly the digits they have. `money-string` fields
 * (ListCosts, renew rates, 95 statistics) are strings. bss-api-commerce.md §0.6.
 */
import type { Decimal } from 'decimal.js';
import { Money } from '../../../bss/money.js';
import { wireNumber } from '../../../bss/wire-json.js';
import type { ResourceRecord } from '../../dataset/commerce/types.js';
import { REGION_BY_CODE, RESOURCE_TYPE_BY_CODE, type Language } from '../../dataset/reference.js';
import { RAW_DECIMALS } from '../../dataset/bills/pricing.js';
import type { Payment } from '../../dataset/bills/types.js';

export { money, serviceTypeName } from '../commerce/wire.js';

/** An 8-decimal resource-level amount (list price, discount, amount due of a detail record). */
export const raw = (amount: Decimal): unknown => wireNumber(amount.toFixed(RAW_DECIMALS));

/** A quantity (usage, period count): exactly its digits. */
export const quantity = (value: Decimal | number | string): unknown => wireNumber(typeof value === 'object' ? value.toFixed() : String(value));

export const ZERO = new Money(0);

/** A product's display name: its resource type and spec code (the catalogue has no product names). */
export function productName(resource: ResourceRecord, lang: Language): string {
  return `${resourceTypeName(resource.resourceType.code, lang)}_${resource.product.specCode}`;
}

export function resourceTypeName(code: string, lang: Language): string {
  return RESOURCE_TYPE_BY_CODE.get(code)?.name[lang] ?? code;
}

export function regionName(code: string, lang: Language): string {
  return REGION_BY_CODE.get(code)?.name[lang] ?? code;
}

/** The payment split's fields; the stored-value card's field name differs between endpoints. */
export function paymentFields(
  paid: Payment, format: (d: Decimal) => unknown, storedCardName: 'stored_card_amount' | 'stored_value_card_amount',
): Record<string, unknown> {
  return {
    cash_amount: format(paid.cash),
    credit_amount: format(paid.credit),
    coupon_amount: format(paid.coupon),
    flexipurchase_coupon_amount: format(paid.flexiCoupon),
    [storedCardName]: format(paid.storedCard),
    debt_amount: format(paid.debt),
  };
}

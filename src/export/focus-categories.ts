/**
 * Huawei's codes mapped onto FOCUS 1.2's allowed values: ChargeCategory / ChargeClass / ChargeFrequency from
 * the bill detail type (E2) and charging mode (E1), ServiceCategory / ServiceSubcategory from the service
 * type code. One table each, so docs/export.md can list them and a new code has one place to go.
 */

export type ChargeCategory = 'Usage' | 'Purchase' | 'Tax' | 'Credit' | 'Adjustment';
export type ChargeFrequency = 'One-Time' | 'Recurring' | 'Usage-Based';

export interface BillTypeMapping {
  readonly category: ChargeCategory;
  readonly frequency: ChargeFrequency;
  /** A refund corrects a charge of an earlier period: FOCUS ChargeClass "Correction". */
  readonly correction?: true;
}

/**
 * E2 (bss-api-commerce.md §0.8). Huawei bills no tax lines in these records, so "Tax" never occurs. Exported
 * (with the tables below) for the store's export writer (focus-text.ts).
 */
export const BY_BILL_TYPE: ReadonlyMap<number, BillTypeMapping> = new Map<number, BillTypeMapping>([
  [1, { category: 'Purchase', frequency: 'One-Time' }], // new purchase
  [2, { category: 'Purchase', frequency: 'Recurring' }], // renewal
  [3, { category: 'Purchase', frequency: 'One-Time' }], // modification
  [4, { category: 'Purchase', frequency: 'One-Time', correction: true }], // refund – unsubscription
  [5, { category: 'Usage', frequency: 'Usage-Based' }], // usage (pay-per-use)
  [8, { category: 'Purchase', frequency: 'Recurring' }], // auto-renewal
  [9, { category: 'Credit', frequency: 'One-Time' }], // adjustment – compensation
  [12, { category: 'Usage', frequency: 'Usage-Based' }], // hourly billing
  [13, { category: 'Purchase', frequency: 'One-Time' }], // unsubscription fee
  [14, { category: 'Purchase', frequency: 'Recurring' }], // support-plan month-end deduction
  [16, { category: 'Adjustment', frequency: 'One-Time' }], // adjustment – deduction
  [18, { category: 'Purchase', frequency: 'Recurring' }], // monthly payment
  [20, { category: 'Purchase', frequency: 'One-Time', correction: true }], // refund – modification
  [23, { category: 'Usage', frequency: 'Usage-Based' }], // savings-plan deduction
  [24, { category: 'Purchase', frequency: 'One-Time', correction: true }], // refund – yearly/monthly to pay-per-use
  [25, { category: 'Usage', frequency: 'Usage-Based' }], // rounding make-up deduction
  [103, { category: 'Purchase', frequency: 'Recurring' }], // yearly payment
]);

/** A bill type the table above does not know: judged by the charging mode (E1: 3 pay-per-use; 1/10/11 prepaid). */
export const BY_CHARGE_MODE: ReadonlyMap<number, BillTypeMapping> = new Map<number, BillTypeMapping>([
  [3, { category: 'Usage', frequency: 'Usage-Based' }],
  [1, { category: 'Purchase', frequency: 'One-Time' }],
  [10, { category: 'Purchase', frequency: 'One-Time' }],
  [11, { category: 'Purchase', frequency: 'One-Time' }],
]);

/** Neither the bill type nor the charging mode is known. */
export const UNKNOWN_CHARGE: BillTypeMapping = { category: 'Adjustment', frequency: 'One-Time' };

function byChargeMode(chargeMode: number | null): BillTypeMapping {
  return (chargeMode === null ? undefined : BY_CHARGE_MODE.get(chargeMode)) ?? UNKNOWN_CHARGE;
}

export function chargeKind(billType: number | null, chargeMode: number | null): BillTypeMapping {
  return (billType === null ? undefined : BY_BILL_TYPE.get(billType)) ?? byChargeMode(chargeMode);
}

export interface ServiceMapping {
  readonly category: string;
  readonly subcategory: string;
}

/** Huawei service type codes → FOCUS 1.2 service category and subcategory. */
export const BY_SERVICE_TYPE: ReadonlyMap<string, ServiceMapping> = new Map([
  ['hws.service.type.ec2', { category: 'Compute', subcategory: 'Virtual Machines' }],
  ['hws.service.type.bms', { category: 'Compute', subcategory: 'Virtual Machines' }],
  ['hws.service.type.cce', { category: 'Compute', subcategory: 'Containers' }],
  ['hws.service.type.cci', { category: 'Compute', subcategory: 'Containers' }],
  ['hws.service.type.functiongraph', { category: 'Compute', subcategory: 'Serverless Compute' }],
  ['hws.service.type.ebs', { category: 'Storage', subcategory: 'Disk' }],
  ['hws.service.type.obs', { category: 'Storage', subcategory: 'Object Storage' }],
  ['hws.service.type.sfs', { category: 'Storage', subcategory: 'Files' }],
  ['hws.service.type.cbr', { category: 'Storage', subcategory: 'Backups' }],
  ['hws.service.type.vpc', { category: 'Networking', subcategory: 'Network Management' }],
  ['hws.service.type.cdn', { category: 'Networking', subcategory: 'Content Delivery' }],
  ['hws.service.type.elb', { category: 'Networking', subcategory: 'Load Balancing' }],
  ['hws.service.type.dns', { category: 'Networking', subcategory: 'Other (Networking)' }],
  ['hws.service.type.rds', { category: 'Databases', subcategory: 'Relational' }],
  ['hws.service.type.dcs', { category: 'Databases', subcategory: 'Caching' }],
  ['hws.service.type.dds', { category: 'Databases', subcategory: 'NoSQL' }],
  ['hws.service.type.waf', { category: 'Security', subcategory: 'Other (Security)' }],
]);

/** A service type code the table above does not know. */
export const OTHER_SERVICE: ServiceMapping = { category: 'Other', subcategory: 'Other (Other)' };

export function serviceKind(serviceTypeCode: string): ServiceMapping {
  return BY_SERVICE_TYPE.get(serviceTypeCode) ?? OTHER_SERVICE;
}

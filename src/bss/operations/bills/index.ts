// Placeholder: the bill, cost and rating operations (bss-api-commerce.md §4).
import type { OperationSpec } from '../spec.js';

export const billOperations: readonly OperationSpec[] = [];

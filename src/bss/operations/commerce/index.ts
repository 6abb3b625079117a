// Placeholder: the order, resource and reference-data operations (bss-api-commerce.md §2, §3, §5).
import type { OperationSpec } from '../spec.js';

export const commerceOperations: readonly OperationSpec[] = [];

// Placeholder: the partner operations (bss-api-partners.md).
import type { OperationSpec } from '../spec.js';

export const partnerOperations: readonly OperationSpec[] = [];

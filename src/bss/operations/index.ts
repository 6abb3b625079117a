/** Every BSS operation in the reference files, for routing (simulator) and lookups by name. */
import type { OperationSpec } from './spec.js';
import { partnerOperations } from './partners/index.js';
import { commerceOperations } from './commerce/index.js';
import { billOperations } from './bills/index.js';

export const allOperations: readonly OperationSpec[] = [...partnerOperations, ...commerceOperations, ...billOperations];

export * from './spec.js';

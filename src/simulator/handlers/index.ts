/** Every simulated BSS endpoint's handler, keyed by the SDK operation name of its `OperationSpec`. */
import type { Handler } from '../handler.js';
import { partnersHandlers } from './partners/index.js';
import { commerceHandlers } from './commerce/index.js';
import { billsHandlers } from './bills/index.js';

export const handlers: Readonly<Record<string, Handler>> = {
  ...partnersHandlers,
  ...commerceHandlers,
  ...billsHandlers,
};

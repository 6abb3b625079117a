// Placeholder: the bills endpoint group's handlers, keyed by SDK operation name.
import type { Handler } from '../../handler.js';

export const billsHandlers: Readonly<Record<string, Handler>> = {};

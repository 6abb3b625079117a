// Placeholder: the commerce endpoint group's handlers, keyed by SDK operation name.
import type { Handler } from '../../handler.js';

export const commerceHandlers: Readonly<Record<string, Handler>> = {};

// Placeholder: the partners endpoint group's handlers, keyed by SDK operation name.
import type { Handler } from '../../handler.js';

export const partnersHandlers: Readonly<Record<string, Handler>> = {};

/**
 * The BSS business error, shared by the stores (which refuse writes with Huawei's codes) and the platform
 * (which turns it into Huawei's error body). It lives below both, so the dataset never imports the handler
 * contract above it: the simulator's imports flow one way, handlers → stores → world.
 */

/** A BSS business error: answered as `{"error_code": code, "error_msg": message}` with `status`. */
export class CbcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CbcError';
  }
}

/** `CBC.0100` naming the parameter and the rule it broke, as Huawei's messages do. */
export function parameterError(parameter: string, rule: string): CbcError {
  return new CbcError(400, 'CBC.0100', `Parameter error: ${parameter} ${rule}.`);
}

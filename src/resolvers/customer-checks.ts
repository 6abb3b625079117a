/**
 * `Query.customerIdentityCheck` (CheckUserIdentity §2.3): is a login name, mobile number or e-mail still free for a
 * new customer? A screen that creates customers asks it, so it is for the keys that may create them — admin and
 * reseller keys; analyst keys never write, and the check is an oracle on personal data (does this e-mail or mobile
 * number have a Huawei Cloud account?), so they get FORBIDDEN before any call. docs/security.md says what it
 * reveals. The value is checked against the reference's rules first (bad input costs nothing) and never quoted
 * in an error or logged.
 */
import type { GraphQLContext } from '../context.js';
import { forbidden } from '../auth/scope.js';
import { checkIdentity, identityValueProblem, type IdentityCheckShape, type IdentitySearchType } from '../sources/customer-checks.js';
import { badInput } from './input.js';

export function customerIdentityCheck(ctx: GraphQLContext, searchType: IdentitySearchType, value: string): Promise<IdentityCheckShape> {
  if (ctx.caller.role === 'analyst') {
    throw forbidden('customerIdentityCheck is for keys that create customers (admin, reseller): an analyst API key cannot ask whether an e-mail, mobile number or name is registered.');
  }
  const problem = identityValueProblem('value', searchType, value);
  if (problem) throw badInput(`"${problem.field}" ${problem.rule}`, problem.field);
  return checkIdentity(ctx, searchType, value);
}

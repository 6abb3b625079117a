/** §1.1 ListIndirectPartners: the distributor's cloud resellers. */
import type { Handler } from '../../handler.js';
import type { ResellerRecord } from '../../dataset/world.js';
import { bodyOf, filterString, optInt, optTime, page, slice, within } from './validate.js';

export const listIndirectPartners: Handler = (req) => {
  const body = bodyOf(req);
  const accountName = filterString(body, 'account_name', { max: 64 });
  const begin = optTime(body, 'associated_on_begin', false);
  const end = optTime(body, 'associated_on_end', false);
  const p = page(optInt(body, 'offset', { min: 0, max: 40_000_000 }), optInt(body, 'limit', { min: 1, max: 100 }));
  const id = filterString(body, 'indirect_partner_id', { max: 64 });
  // [inferred] Huawei does not say whether account_name matches exactly; it matches as a substring here,
  // as §2.2's account_name does.
  const matches = req.state.world.resellers.filter(
    (r) => (!id || r.indirectPartnerId === id) && (!accountName || r.accountName.includes(accountName)) && within(new Date(r.associatedOn), begin, end),
  );
  return { body: { count: matches.length, indirect_partners: slice(matches, p).map(render) } };
};

function render(r: ResellerRecord): Record<string, unknown> {
  return {
    indirect_partner_id: r.indirectPartnerId,
    mobile_phone: r.mobilePhone,
    email: r.email,
    account_name: r.accountName,
    name: r.name,
    associated_on: r.associatedOn,
    account_manager_id: r.accountManagerId,
    account_manager_name: r.accountManagerName,
  };
}

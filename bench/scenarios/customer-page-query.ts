/**
 * The customer page the benchmark sends (scenario 1), shared by the quota bench (bench/quota-use.ts) and the
 * cost-estimate test (test/gateway/cost-reality.test.ts), so all three measure the same document.
 */
export const CUSTOMER_PAGE_QUERY = `query CustomerPage($first: Int!) {
  partner {
    customers(first: $first) {
      nodes {
        customerId
        name
        balance { amount debtAmount currency }
        newCustomerTag { tag tagCode effectiveMonth expireMonth }
        indirectPartner { name }
        orders(first: 1) { totalCount }
      }
    }
  }
}`;

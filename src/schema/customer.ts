/**
 * `Customer`: a customer account of the partner or of one of its resellers, and `Query.customer`.
 * Other graph files add their edges to it (orders, resources, consumption) with `builder.objectFields`.
 */
import type { CustomerShape } from '../resolvers/customer.js';
import { builder } from './builder.js';

export const Customer = builder.objectRef<CustomerShape>('Customer');

builder.node(Customer, {
  description: 'A customer account (domain) associated with the partner or with one of its resellers.',
  id: { resolve: (c) => c.customerId },
  loadOne: (id, ctx) => ctx.loaders.customer.load(id),
  fields: (t) => ({
    customerId: t.exposeString('customerId', { description: 'The customer account (domain) id: `customer_id` upstream.' }),
    accountName: t.exposeString('accountName', { description: 'Login name of the customer main account.' }),
    name: t.exposeString('name', { nullable: true, description: 'Real-name-authentication name (a person or a company).' }),
  }),
});

builder.queryField('customer', (t) =>
  t.field({
    type: Customer,
    nullable: true,
    description: 'One customer by its account id, from the partner or any of its resellers; null when it is not one of theirs.',
    args: { customerId: t.arg.string({ required: true, description: 'The customer account (domain) id.' }) },
    resolve: (_root, args, ctx) => ctx.loaders.customer.load(args.customerId),
  }),
);

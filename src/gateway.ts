/**
 * createGateway → the yoga instance: the schema, the per-request context, GraphiQL with the contract
 * operations as the default query, and masked errors (no stack traces or upstream internals leak).
 */
import { createYoga, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { contractTabs, renderOfflineGraphiQL, useGraphiQLAssets } from './graphiql.js';
import { createContext, type GatewayServices, type GraphQLContext } from './context.js';
import { maskError } from './errors.js';
import { createLogger } from './logger.js';
import { schema } from './schema/index.js';

export type Gateway = YogaServerInstance<Record<string, never>, GraphQLContext>;

const DEFAULT_QUERY = `# Partner Graph: one query across the partner's Huawei Cloud business.
query Partner {
  partner {
    id
    domainId
    balances { accountType amount currency }
  }
  serviceTypes { code name }
}
`;

export interface GatewayOptions {
  /** Variables filled into the GraphiQL example tabs (e.g. a real customer id of the simulator). */
  readonly exampleVariables?: Record<string, unknown>;
  /** Where log lines go (default: stderr, warnings and errors). */
  readonly logger?: YogaLogger;
}

export function createGateway(services: GatewayServices, options: GatewayOptions = {}): Gateway {
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => createContext(services, request),
    graphiql: {
      title: 'Partner Graph',
      defaultQuery: DEFAULT_QUERY,
      defaultTabs: [{ query: DEFAULT_QUERY }, ...contractTabs(options.exampleVariables)],
    },
    renderGraphiQL: renderOfflineGraphiQL,
    plugins: [useGraphiQLAssets()],
    landingPage: false,
    // Upstream errors keep their code, status and request id; anything unexpected becomes "Unexpected error.".
    maskedErrors: { maskError },
    logging: options.logger ?? createLogger('warn'),
  });
}

/**
 * `GET /export/consumption?cycle=YYYY-MM&format=csv|ndjson`: a whole month (or up to 18) of consumption
 * records across customers, streamed as FOCUS 1.2 rows while the upstream pages arrive (docs/export.md).
 *
 * A yoga plugin answering in `onRequest`, after the API-key plugin has authenticated the request: the
 * caller's reseller scope and PII permission apply exactly as on the GraphQL endpoint. Upstream: the
 * consumption pull (src/resolvers/consumption-pull.ts: ListIndirectPartners, ListSubCustomers,
 * ListSubCustomerBillDetail) plus the cached measurement units (ListMeasureUnits, once per TTL).
 */
import { setMaxListeners } from 'node:events';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { scopeGate, scopedBss } from '../auth/scoped-bss.js';
import { callerOf } from '../auth/auth-plugin.js';
import type { Caller } from '../auth/caller.js';
import { maskAccountName, maskName, scrubPersonal } from '../auth/pii.js';
import { scopeFor, wholeScopeFor } from '../auth/scope.js';
import { BssError } from '../bss/errors.js';
import { languageFrom, openCycleOf, type GatewayServices } from '../context.js';
import { AGENCY_NOT_GRANTED } from '../errors.js';
import { pullConsumption, type PullRequest } from '../sources/consumption-pull.js';
import type { ConsumptionSelection } from '../store/index.js';
import type { CustomerShape } from '../sources/customers.js';
import { measureUnits, resourceTypes, serviceTypes } from '../sources/reference.js';
import { csvEncoder } from './csv.js';
import type { ExportEncoder, ExportFailure } from './encoder.js';
import { encodePages, exportStream, type EncodedRows } from './export-stream.js';
import { ExportInputError, parseExportRequest, type ExportRequest } from './export-request.js';
import { FOCUS_VERSION, focusRow } from './focus-columns.js';
import { focusTextChunks } from './focus-sql.js';
import { ndjsonEncoder } from './ndjson.js';
import { exportSegments, listedCustomers, storedCustomerKeys, type ExportSegment } from './store-pages.js';

export const EXPORT_PATH = '/export/consumption';

const ENCODERS: Record<ExportRequest['format'], ExportEncoder> = { csv: csvEncoder, ndjson: ndjsonEncoder };

function jsonError(status: number, message: string, extensions: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Upstream messages are Huawei's own text; still, keep URLs and overlong text out of a file a BI tool stores. */
function safeMessage(text: string): string {
  // Nor personal data: an e-mail or a phone number Huawei echoes is masked as in GraphQL errors.
  const clean = scrubPersonal(text.replace(/https?:\/\/\S+/g, '[url]').replace(/[\r\n]+/g, ' ')).trim();
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

export function describeFailure(error: unknown): ExportFailure {
  if (error instanceof BssError) {
    if (error.kind === 'no-agency') {
      return { code: AGENCY_NOT_GRANTED, message: 'The customer has not granted this partner an agency.', operation: error.operation, requestId: error.requestId ?? null };
    }
    return { code: error.code, message: safeMessage(`Huawei Cloud ${error.operation} failed: ${error.upstreamMessage}`), operation: error.operation, requestId: error.requestId ?? null };
  }
  return { code: 'INTERNAL', message: 'Unexpected error.', operation: null, requestId: null };
}

/** The real-name (or, without one, the login name) as this caller may see it. */
function subAccountName(customer: CustomerShape, caller: Caller): string | null {
  if (customer.name) return caller.pii ? customer.name : maskName(customer.name);
  if (customer.accountName) return caller.pii ? customer.accountName : maskAccountName(customer.accountName);
  return null;
}

async function handleExport(services: GatewayServices, request: Request, url: URL): Promise<Response> {
  if (request.method !== 'GET') {
    return jsonError(405, `${EXPORT_PATH} answers GET only`, { code: 'METHOD_NOT_ALLOWED' }, { allow: 'GET' });
  }
  let req: ExportRequest;
  try {
    // The same clock as the GraphQL endpoint's: a future cycle is refused here, not exported empty.
    req = parseExportRequest(url.searchParams, openCycleOf(services));
  } catch (error) {
    if (error instanceof ExportInputError) return jsonError(400, error.message, { code: 'BAD_USER_INPUT', parameter: error.parameter });
    throw error;
  }
  const caller = callerOf(request);
  let scope: PullRequest['scope'];
  try {
    // Absent: all the caller may see; `own` or a reseller id: that scope, refused to a reseller key outside its own.
    scope = req.indirectPartnerId === undefined ? wholeScopeFor(caller) : (scopeFor(caller, req.indirectPartnerId) as string | null);
  } catch (error) {
    if (error instanceof GraphQLError) return jsonError(403, error.message, { code: error.extensions.code, parameter: 'indirectPartnerId' });
    throw error;
  }

  const language = languageFrom(request.headers.get('accept-language'), services.defaultLanguage);
  // The bill cache too: closed cycles already pulled (by the graph or an earlier export) cost no call.
  // A reseller key's calls go through the same guard as its GraphQL requests (src/auth/scoped-bss.ts).
  // Its bill cache reads too (a hit makes no call for the guard to see): through the same scope's gate.
  const bss = scopedBss(services.bss, caller);
  const ctx = { bss, reference: services.reference, language, billCache: services.billCache?.gated(scopeGate(bss)), partnerDomainId: services.partnerDomainId };
  let units: Map<number, string>;
  let serviceTypeNames: Map<string, string>;
  let resourceTypeNames: Map<string, string>;
  try {
    // Before the first byte, so a failure here is still an HTTP error rather than an error marker. Cached
    // catalogues per language: the names every row takes, whatever language its record was read in.
    const [unitList, services_, resources] = await Promise.all([measureUnits(ctx), serviceTypes(ctx), resourceTypes(ctx)]);
    units = new Map(unitList.map((u) => [u.id, u.name]));
    serviceTypeNames = new Map(services_.map((t) => [t.code, t.name]));
    resourceTypeNames = new Map(resources.map((t) => [t.code, t.name]));
  } catch (error) {
    const failure = describeFailure(error);
    return jsonError(502, failure.message, { code: failure.code, operation: failure.operation, requestId: failure.requestId });
  }

  const abort = new AbortController();
  // Every queued listing call of the export listens on it: 2,000 customers queue dozens at once. Not a leak.
  setMaxListeners(0, abort.signal);
  const onClientGone = (): void => abort.abort();
  request.signal?.addEventListener('abort', onClientGone, { once: true });
  // Synced cycles come from the state store (no call per record), the others from the live pull, run by run in
  // cycle order. A store that cannot be read is the live pull throughout: the export still answers, at the
  // upstream's pace.
  const wholeLive: ExportSegment[] = [{ source: 'LIVE', cycles: req.cycles }];
  const segments = services.store
    ? ((await exportSegments(services.store, { cycles: req.cycles, scope, customerIds: req.customerIds }).catch(() => null)) ?? wholeLive)
    : wholeLive;
  const source = segments.every((s) => s.source === 'STORE') ? 'STORE' : segments.every((s) => s.source === 'LIVE') ? 'LIVE' : 'MIXED';
  const revealed = new Set<string>();
  const names = new Map<string, string | null>();
  /** The name this caller may see; the first time a customer's real name is shown to a PII caller, the log says so. */
  const nameFor = (customer: CustomerShape): string | null => {
    const id = customer.customerId;
    let name = names.get(id);
    if (name === undefined) {
      name = subAccountName(customer, caller);
      names.set(id, name);
    }
    if (caller.pii && !revealed.has(id) && (customer.name || customer.accountName)) {
      revealed.add(id);
      services.log?.info({ event: 'pii.reveal', caller: caller.name, customerId: id, field: 'SubAccountName', via: 'export' });
    }
    return name;
  };
  const english = language === 'en_US';
  const encoder = ENCODERS[req.format];
  const rowContext = {
    partnerDomainId: services.partnerDomainId,
    unitName: (id: number) => units.get(id) ?? null,
    serviceTypeName: (code: string) => serviceTypeNames.get(code) ?? null,
    resourceTypeName: (code: string) => resourceTypeNames.get(code) ?? null,
    english,
  };
  // Inside the body, as the live pull lists them: a listing that fails ends the file with the error marker. Once
  // per export however many stored runs it has.
  let listing: Promise<Map<string, CustomerShape>> | null = null;
  const store = services.store;
  /**
   * A run of synced cycles: the store hands its records over a chunk of thousands per statement and they are
   * written as rows here (focus-sql.ts, focus-text.ts). Customers' names still come from the upstream listing;
   * a PII caller's reveals are logged for the customers the run holds (from the rollups) before its first row.
   */
  async function* storedChunks(selection: ConsumptionSelection): AsyncGenerator<EncodedRows> {
    const listed = await (listing ??= listedCustomers(ctx, selection.scope, abort.signal));
    const inExport = caller.pii ? await storedCustomerKeys(store!, selection) : new Set<string>();
    const customers = [...listed.values()].map((c) => ({
      indirectPartnerId: c.indirectPartnerId,
      customerId: c.customerId,
      subAccountName: inExport.has(JSON.stringify([c.indirectPartnerId, c.customerId])) ? nameFor(c) : subAccountName(c, caller),
      associationType: c.associationType,
    }));
    yield* focusTextChunks(store!, selection, req.format, {
      partnerDomainId: services.partnerDomainId, english, units, serviceTypeNames, resourceTypeNames, customers,
    }, { signal: abort.signal });
  }
  const liveChunks = (cycles: readonly string[]): AsyncGenerator<EncodedRows> =>
    encodePages(pullConsumption(ctx, { cycles, scope, customerIds: req.customerIds, signal: abort.signal }), encoder, (page, record) =>
      focusRow({ record, customer: page.customer, subAccountName: nameFor(page.customer) }, rowContext));
  const chunks: AsyncGenerator<EncodedRows> = segments.length === 1 && segments[0]!.source === 'LIVE'
    ? liveChunks(req.cycles)
    : (async function* segmentChunks(): AsyncGenerator<EncodedRows> {
      // `yield*` hands a cancel on to the segment being read: its pull (or its statements) stop too.
      for (const segment of segments) yield* segment.source === 'STORE' ? storedChunks(segment.selection) : liveChunks(segment.cycles);
    })();
  const cycleLabel = req.cycles.length === 1 ? req.cycles[0] : `${req.cycles[0]}_${req.cycles[req.cycles.length - 1]}`;
  const started = Date.now();

  const body = exportStream({
    chunks,
    encoder,
    describeFailure,
    onEnd: (rows, failure) => {
      request.signal?.removeEventListener('abort', onClientGone);
      const fields = {
        event: 'export.end', caller: caller.name, cycles: req.cycles.length, format: req.format, source: source.toLowerCase(), rows, ms: Date.now() - started,
      };
      if (failure) services.log?.warn({ ...fields, code: failure.code, operation: failure.operation, requestId: failure.requestId });
      else services.log?.info(fields);
    },
    onCancel: () => {
      abort.abort();
      services.log?.info({ event: 'export.cancelled', caller: caller.name, format: req.format });
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      'content-type': encoder.contentType,
      'content-disposition': `attachment; filename="consumption-${cycleLabel}.${encoder.fileExtension}"`,
      'cache-control': 'no-store',
      'x-focus-version': FOCUS_VERSION,
      'x-consumption-source': source,
      // A body is complete only when its last line is the end marker; this says how the markers read.
      'x-export-markers': encoder.markers,
    },
  });
}

export function useConsumptionExport(services: GatewayServices): Plugin {
  return {
    // Not async: every request passes here, and a promise from a hook makes yoga's hook chain wait a turn.
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== EXPORT_PATH) return undefined;
      return handleExport(services, request, url).then(endResponse);
    },
  };
}

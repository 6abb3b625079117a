/**
 * Request parameters that are not well-formed, refused before any parsing of the document or upstream call:
 *
 * - `variables` or `extensions` that are not JSON, in a GET query string or a form body: 400 `BAD_REQUEST`
 *   naming the parameter (yoga's parser lets the SyntaxError escape, which would be a masked 500);
 * - a body that stops arriving (the client closed the connection, or the server's request timeout closed
 *   it for a client too slow to send it): 400 `BAD_REQUEST` in the log and metrics, not a 500 (no one
 *   is left to read the answer);
 * - a string in the variables that is not well-formed UTF-16 (a lone surrogate such as `"\ud800"`, which
 *   JSON allows as an escape): 400 `BAD_USER_INPUT` naming the variable and the place in it. Such a string
 *   cannot be sent upstream (percent-encoding a query parameter throws) and is no one's real input.
 *
 * String literals in the document need no check here: graphql-js refuses a lone surrogate anywhere in a
 * document, escaped or not, as a syntax error (GRAPHQL_PARSE_FAILED) before anything runs.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BAD_REQUEST, BAD_USER_INPUT } from '../error-codes.js';

/** Refused with 400 whatever the media type: nothing ran (the status variables that do not coerce get too). */
const REFUSED = { status: 400 } as const;

// Node ≥ 20 has String.prototype.isWellFormed and toWellFormed; the ES2023 lib types do not declare them yet.
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();
const toWellFormed = (text: string): string => (text as unknown as { toWellFormed(): string }).toWellFormed();

/**
 * JSON.stringify writes a lone surrogate as an escape (`\ud800`) and a paired one as the character itself,
 * so variables whose JSON has no such escape hold only well-formed text: one native pass for nearly every
 * request. (A string holding a backslash and "ud800" also matches; the walk then finds nothing.)
 */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;

function mayHoldLoneSurrogate(variables: Record<string, unknown>): boolean {
  try {
    return LONE_SURROGATE_ESCAPE.test(JSON.stringify(variables));
  } catch {
    return true; // nested deeper than JSON.stringify goes: walk
  }
}

const MAX_PATH = 200;

interface Frame {
  readonly value: object;
  readonly parent: Frame | null;
  readonly key: string | number;
}

function pathOf(frame: Frame | null, key: string | number): string {
  const parts: (string | number)[] = [key];
  for (let f = frame; f; f = f.parent) parts.push(f.key);
  const [name, ...rest] = parts.reverse();
  const path = `$${String(name)}${rest.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
  // A deeply nested value would make a path as long as the body: keep its start.
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/**
 * Where the first string (value or key) that is not well-formed is, as `$name.field[2]`, or null. Walks
 * without recursion: a 1 MiB body can nest deeper than the call stack.
 */
export function illFormedStringIn(variables: Record<string, unknown>): { readonly variable: string; readonly path: string } | null {
  if (!mayHoldLoneSurrogate(variables)) return null;
  const stack: Frame[] = [];
  const visit = (value: unknown, parent: Frame | null, key: string | number): string | null => {
    if (typeof value === 'string') return isWellFormed(value) ? null : pathOf(parent, key);
    if (value !== null && typeof value === 'object') stack.push({ value, parent, key });
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    if (!isWellFormed(name)) return { variable: toWellFormed(name), path: `$${toWellFormed(name)}` };
    let found = visit(value, null, name);
    while (found === null && stack.length > 0) {
      const frame = stack.pop()!;
      if (Array.isArray(frame.value)) {
        for (let i = 0; i < frame.value.length && found === null; i++) found = visit(frame.value[i], frame, i);
      } else {
        for (const [key, item] of Object.entries(frame.value)) {
          found = isWellFormed(key) ? visit(item, frame, key) : pathOf(frame.parent, frame.key);
          if (found !== null) break;
        }
      }
    }
    if (found !== null) return { variable: name, path: found };
  }
  return null;
}

function illFormedError(variable: string, path: string): GraphQLError {
  const where = path === `$${variable}` ? '' : ` (at ${path})`;
  return new GraphQLError(
    `Variable "$${variable}" holds text that is not well-formed Unicode${where}: a lone UTF-16 surrogate (e.g. "\\ud800"). Send the text as valid UTF-8.`,
    { extensions: { code: BAD_USER_INPUT, variable, path, http: REFUSED } },
  );
}

/** The parameter of a GET (or form POST) whose JSON does not parse, when it can be told from the URL. */
function unparsableParameter(request: Request): string | null {
  if (request.method !== 'GET') return null;
  const params = new URL(request.url, 'http://localhost').searchParams;
  for (const name of ['variables', 'extensions']) {
    const raw = params.get(name);
    if (!raw) continue;
    try {
      JSON.parse(raw);
    } catch {
      return name;
    }
  }
  return null;
}

/** The request's body stopped arriving: node's IncomingMessage fails the read with ECONNRESET "aborted". */
function bodyAborted(request: Request, error: unknown): boolean {
  return request.signal?.aborted === true || (error as { code?: unknown } | null)?.code === 'ECONNRESET';
}

function notJsonError(parameter: string | null): GraphQLError {
  const message = parameter
    ? `The "${parameter}" parameter is not valid JSON; send a URL-encoded JSON object.`
    : 'The "variables" or "extensions" parameter is not valid JSON; send a URL-encoded JSON object.';
  return new GraphQLError(message, { extensions: { code: BAD_REQUEST, ...(parameter ? { parameter } : {}), http: REFUSED } });
}

/** A failed parse as the refusal the client should get: a JSON parameter or a body that stopped arriving. */
function parseFailure(request: Request, error: unknown): unknown {
  // A JSON body that does not parse is yoga's own 400; a JSON *parameter* escapes as a SyntaxError.
  if (error instanceof SyntaxError) return notJsonError(unparsableParameter(request));
  if (!(error instanceof GraphQLError) && bodyAborted(request, error)) {
    return new GraphQLError('The request body did not arrive: the connection closed before it was complete.', {
      extensions: { code: BAD_REQUEST, http: REFUSED },
    });
  }
  return error;
}

type RequestParser = (request: Request) => unknown;

/**
 * yoga's parsers are a few module-level functions (one per media type): each is wrapped once, not per request (a
 * closure and an async frame per request were a measurable share of a cached request).
 */
const wrappedParsers = new WeakMap<RequestParser, RequestParser>();

function wellFormedParser(parse: RequestParser): RequestParser {
  let wrapped = wrappedParsers.get(parse);
  if (!wrapped) {
    wrapped = (request: Request) => {
      let parsed: unknown;
      try {
        parsed = parse(request);
      } catch (error) {
        throw parseFailure(request, error);
      }
      // yoga's parsers may answer with a promise-like of its own (already settled): `then` keeps it one.
      const thenable = parsed as PromiseLike<unknown> | null;
      if (typeof thenable?.then !== 'function') return parsed;
      return thenable.then(undefined, (error: unknown) => {
        throw parseFailure(request, error);
      });
    };
    wrappedParsers.set(parse, wrapped);
  }
  return wrapped;
}

export function useWellFormedParams(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(wellFormedParser(requestParser as RequestParser) as typeof requestParser);
    },
    onParams({ params, setResult }) {
      const variables = params.variables;
      if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return;
      const found = illFormedStringIn(variables);
      if (found) setResult({ errors: [illFormedError(found.variable, found.path)] });
    },
  };
}

/**
 * @module http/request — one JSON call with an injected fetch: timeout + caller abort, transport
 * failures turned into typed errors, body parsed and schema-checked. Provider responses are
 * untrusted: a body that is not valid JSON or not the documented shape becomes a
 * MalformedResponseError naming the provider and (when known) the request id — never a crash.
 */
import type { z } from 'zod';
import {
  AbortedError,
  errorFromStatus,
  MalformedResponseError,
  NetworkError,
  type ProviderError,
  TimeoutError,
} from './errors.ts';
import { retryAfterMsFromHeaders } from './retry-after.ts';
import { type Clock, systemClock } from './timing.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A response as seen by an adapter's classifier: status, headers, parsed body (undefined if not JSON). */
export type RawResponse = {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
  retryAfterMs: number | undefined;
};

export type JsonRequestOptions<S extends z.ZodType> = {
  provider: string;
  fetch: FetchLike;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | undefined;
  headers?: Record<string, string> | undefined;
  /** Serialised as JSON. */
  body?: unknown;
  schema: S;
  /** @default 60000 */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  clock?: Clock | undefined;
  /** Returns an error for responses that are failures (by status or body code); default: non-2xx by status. */
  classify?: ((response: RawResponse) => ProviderError | undefined) | undefined;
  /** Where the provider puts its request id in a parsed body or headers. */
  requestIdOf?: ((response: RawResponse) => string | undefined) | undefined;
};

export type JsonResponse<T> = { data: T; status: number; headers: Headers; requestId: string | undefined };

function defaultClassify(provider: string, requestIdOf: (r: RawResponse) => string | undefined) {
  return (response: RawResponse): ProviderError | undefined => {
    if (response.status >= 200 && response.status < 300) return undefined;
    return errorFromStatus(response.status, {
      provider,
      message: `HTTP ${response.status}: ${response.text.slice(0, 300)}`,
      requestId: requestIdOf(response),
      retryAfterMs: response.retryAfterMs,
    });
  };
}

/** Maps a thrown fetch/body-read error to aborted, timeout or network. */
export function transportError(
  provider: string,
  what: string,
  error: unknown,
  callerSignal: AbortSignal | undefined,
  timeoutSignal: AbortSignal,
): ProviderError {
  if (callerSignal?.aborted)
    return new AbortedError({ provider, message: `${what}: aborted by the caller`, cause: error });
  if (timeoutSignal.aborted)
    return new TimeoutError({ provider, message: `${what}: timed out`, cause: error });
  const detail =
    error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
  return new NetworkError({ provider, message: `${what}: connection failed (${detail})`, cause: error });
}

/** Sends one request and returns the schema-checked body. No retries here: wrap in withRetry. */
export async function requestJson<S extends z.ZodType>(
  options: JsonRequestOptions<S>,
): Promise<JsonResponse<z.output<S>>> {
  const { provider } = options;
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const what = `${method} ${new URL(options.url).pathname}`;
  const timeoutSignal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const signal =
    options.signal === undefined ? timeoutSignal : AbortSignal.any([options.signal, timeoutSignal]);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let status: number;
  let responseHeaders: Headers;
  let text: string;
  try {
    const init: RequestInit = { method, headers, signal };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const response = await options.fetch(options.url, init);
    status = response.status;
    responseHeaders = response.headers;
    text = await response.text();
  } catch (error) {
    throw transportError(provider, what, error, options.signal, timeoutSignal);
  }
  let body: unknown;
  let parsed = true;
  try {
    body = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const raw: RawResponse = {
    status,
    headers: responseHeaders,
    body,
    text,
    retryAfterMs: retryAfterMsFromHeaders(responseHeaders, (options.clock ?? systemClock)()),
  };
  const requestIdOf = options.requestIdOf ?? ((r: RawResponse) => r.headers.get('x-request-id') ?? undefined);
  const failure = (options.classify ?? defaultClassify(provider, requestIdOf))(raw);
  if (failure !== undefined) throw failure;
  if (!parsed)
    throw new MalformedResponseError({
      provider,
      requestId: requestIdOf(raw),
      httpStatus: status,
      message: `${what}: response is not JSON (${text.length} bytes: ${JSON.stringify(text.slice(0, 80))})`,
    });
  const checked = options.schema.safeParse(body);
  if (!checked.success)
    throw new MalformedResponseError({
      provider,
      requestId: requestIdOf(raw),
      httpStatus: status,
      message: `${what}: response does not match the documented shape: ${checked.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
    });
  return { data: checked.data, status, headers: responseHeaders, requestId: requestIdOf(raw) };
}

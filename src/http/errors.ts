/**
 * @module http/errors — the provider error tree. Every failure of a provider call is one of these
 * classes, with a stable `code`, the `provider` id, the provider's `requestId`, whether it is
 * `retryable`, and a server-suggested `retryAfterMs`. Retries are decided from these typed
 * fields (see retry.ts), never from message text. Messages are redacted at construction so a key
 * can never leak through an error, however it is later printed or stored.
 */
import { ClipbenchError, type ErrorKind } from '../errors/clipbench-error.ts';
import { redact } from '../errors/redact.ts';

export const PROVIDER_ERROR_CODES = [
  'auth',
  'rate_limited',
  'quota_exhausted',
  'content_policy',
  'invalid_request',
  'not_found',
  'result_expired',
  'server_error',
  'timeout',
  'network',
  'aborted',
  'malformed_response',
] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

export type ProviderErrorOptions = {
  message: string;
  provider: string;
  requestId?: string | undefined;
  /** HTTP status, when the error came from a response. */
  httpStatus?: number | undefined;
  /** The provider's own error code (e.g. Kling `1302`), for the run log. */
  providerCode?: string | number | undefined;
  /** Server hint (retry-after-ms / Retry-After), already converted to milliseconds. */
  retryAfterMs?: number | undefined;
  /** Overrides the class default (e.g. a Kling 1004 expired token is retryable after a re-mint). */
  retryable?: boolean | undefined;
  hint?: string | undefined;
  cause?: unknown;
};

/** Root of the provider error tree. Exit code 3 (kind `provider`). */
export class ProviderError extends ClipbenchError {
  override readonly name: string = 'ProviderError';
  declare readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly providerCode: string | number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: ProviderErrorCode, defaultRetryable: boolean, options: ProviderErrorOptions) {
    const kind: ErrorKind = 'provider';
    super({
      code,
      kind,
      message: redact(`${options.provider}: ${options.message}`),
      hint: options.hint === undefined ? undefined : redact(options.hint),
      cause: options.cause,
    });
    this.provider = options.provider;
    this.requestId = options.requestId;
    this.httpStatus = options.httpStatus;
    this.providerCode = options.providerCode;
    this.retryable = options.retryable ?? defaultRetryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      provider: this.provider,
      retryable: this.retryable,
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
      ...(this.httpStatus === undefined ? {} : { httpStatus: this.httpStatus }),
      ...(this.providerCode === undefined ? {} : { providerCode: this.providerCode }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

/** Credentials missing, wrong or expired. Not retryable (except a re-mintable token, by override). */
export class AuthError extends ProviderError {
  override readonly name = 'AuthError';
  constructor(options: ProviderErrorOptions) {
    super('auth', false, { hint: 'check the provider keys (clipbench providers check <id>)', ...options });
  }
}

/** Request frequency or concurrency limit: retry after a delay. */
export class RateLimitedError extends ProviderError {
  override readonly name = 'RateLimitedError';
  constructor(options: ProviderErrorOptions) {
    super('rate_limited', true, options);
  }
}

/** Balance, arrears, depleted resource pack: stop the sweep, never retry. */
export class QuotaExhaustedError extends ProviderError {
  override readonly name = 'QuotaExhaustedError';
  constructor(options: ProviderErrorOptions) {
    super('quota_exhausted', false, { hint: 'top up the provider account or lower the budget', ...options });
  }
}

/** Moderation refusal: terminal for this request; resubmitting unchanged would fail again. */
export class ContentPolicyError extends ProviderError {
  override readonly name = 'ContentPolicyError';
  constructor(options: ProviderErrorOptions) {
    super('content_policy', false, options);
  }
}

/** The provider rejected the parameters. */
export class InvalidRequestError extends ProviderError {
  override readonly name = 'InvalidRequestError';
  constructor(options: ProviderErrorOptions) {
    super('invalid_request', false, options);
  }
}

/** Unknown task, model or route. */
export class NotFoundError extends ProviderError {
  override readonly name = 'NotFoundError';
  constructor(options: ProviderErrorOptions) {
    super('not_found', false, options);
  }
}

/** A result URL that no longer serves the file (providers delete outputs after a while). */
export class ResultExpiredError extends ProviderError {
  override readonly name = 'ResultExpiredError';
  constructor(options: ProviderErrorOptions) {
    super('result_expired', false, {
      hint: 'results must be downloaded as soon as a job succeeds; the paid output is gone',
      ...options,
    });
  }
}

/** 5xx: transient on the provider side. */
export class ServerError extends ProviderError {
  override readonly name = 'ServerError';
  constructor(options: ProviderErrorOptions) {
    super('server_error', true, options);
  }
}

/** The request took longer than its timeout. */
export class TimeoutError extends ProviderError {
  override readonly name = 'TimeoutError';
  constructor(options: ProviderErrorOptions) {
    super('timeout', true, options);
  }
}

/** Connection refused, reset or dropped before a full response. */
export class NetworkError extends ProviderError {
  override readonly name = 'NetworkError';
  constructor(options: ProviderErrorOptions) {
    super('network', true, options);
  }
}

/** The caller aborted (signal). Never retried. */
export class AbortedError extends ProviderError {
  override readonly name = 'AbortedError';
  constructor(options: ProviderErrorOptions) {
    super('aborted', false, options);
  }
}

/** The provider answered with a body that is not what its API documents (bad JSON or schema). */
export class MalformedResponseError extends ProviderError {
  override readonly name = 'MalformedResponseError';
  constructor(options: ProviderErrorOptions) {
    super('malformed_response', false, options);
  }
}

const BY_CODE: Record<ProviderErrorCode, new (options: ProviderErrorOptions) => ProviderError> = {
  auth: AuthError,
  rate_limited: RateLimitedError,
  quota_exhausted: QuotaExhaustedError,
  content_policy: ContentPolicyError,
  invalid_request: InvalidRequestError,
  not_found: NotFoundError,
  result_expired: ResultExpiredError,
  server_error: ServerError,
  timeout: TimeoutError,
  network: NetworkError,
  aborted: AbortedError,
  malformed_response: MalformedResponseError,
};

/** Makes the error class for a code (used by adapters that classify by body code). */
export function providerError(code: ProviderErrorCode, options: ProviderErrorOptions): ProviderError {
  return new BY_CODE[code](options);
}

/** The generic classification of an HTTP status, for providers whose body carries no finer code. */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'quota_exhausted';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** Factory from an HTTP status (the default classification; adapters may refine by body code). */
export function errorFromStatus(status: number, options: ProviderErrorOptions): ProviderError {
  return providerError(codeForStatus(status), { httpStatus: status, ...options });
}

/** True for any error of the provider tree. */
export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}

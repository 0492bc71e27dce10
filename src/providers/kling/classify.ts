/**
 * Kling error classification by the body `code`, not the HTTP status: HTTP 429 carries both
 * retryable throttling (1302/1303) and final billing stops (1100–1102); 1003/1004 mean the JWT
 * must be re-minted (retryable once a fresh token exists). Table: providers.md §1.8.
 */
import {
  errorFromStatus,
  type ProviderError,
  type ProviderErrorCode,
  providerError,
} from '../../http/errors.ts';
import type { RawResponse } from '../../http/request.ts';

type Rule = { code: ProviderErrorCode; retryable?: boolean; hint?: string };

const RULES: Record<number, Rule> = {
  1000: { code: 'auth', hint: 'check KLING_ACCESS_KEY / KLING_SECRET_KEY' },
  1001: { code: 'auth', hint: 'the Authorization header was empty' },
  1002: { code: 'auth', hint: 'check KLING_ACCESS_KEY / KLING_SECRET_KEY' },
  1003: { code: 'auth', retryable: true, hint: 'token not yet valid: check the system clock' },
  1004: { code: 'auth', retryable: true, hint: 'token expired: it is re-minted automatically' },
  1100: { code: 'quota_exhausted', hint: 'Kling reports an account exception' },
  1101: { code: 'quota_exhausted', hint: 'the Kling account is in arrears' },
  1102: { code: 'quota_exhausted', hint: 'the Kling resource pack is depleted' },
  1103: { code: 'auth', hint: 'this account may not use the requested resource or model' },
  1200: { code: 'invalid_request' },
  1201: { code: 'invalid_request' },
  1202: { code: 'not_found' },
  1203: { code: 'not_found' },
  1300: { code: 'content_policy' },
  1301: { code: 'content_policy' },
  1302: { code: 'rate_limited' },
  1303: { code: 'rate_limited', hint: 'account-wide concurrency limit: lower the run concurrency' },
  1304: { code: 'auth', hint: 'IP whitelist policy rejected this machine' },
  5000: { code: 'server_error' },
  5001: { code: 'server_error' },
  5002: { code: 'server_error' },
};

export const KLING_REMINT_CODES: ReadonlySet<number> = new Set([1003, 1004]);

function envelopeOf(body: unknown): { code: number; message?: string; request_id?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message, request_id } = body as Record<string, unknown>;
  if (typeof code !== 'number') return undefined;
  return {
    code,
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof request_id === 'string' ? { request_id } : {}),
  };
}

/** The request id of a Kling response (body first), when there is one. */
export function klingRequestId(response: RawResponse): string | undefined {
  return envelopeOf(response.body)?.request_id ?? response.headers.get('x-request-id') ?? undefined;
}

/** Returns the typed error for a failed Kling response, or undefined for a success. */
export function classifyKlingResponse(response: RawResponse): ProviderError | undefined {
  const envelope = envelopeOf(response.body);
  const ok = response.status >= 200 && response.status < 300;
  if (envelope === undefined) {
    if (ok) return undefined; // shape problems are the schema check's job
    return errorFromStatus(response.status, {
      provider: 'kling',
      message: `HTTP ${response.status} without a Kling envelope`,
      retryAfterMs: response.retryAfterMs,
    });
  }
  if (envelope.code === 0 && ok) return undefined;
  const rule = RULES[envelope.code];
  const options = {
    provider: 'kling',
    message: `HTTP ${response.status} code ${envelope.code}: ${envelope.message ?? '(no message)'}`,
    requestId: envelope.request_id,
    httpStatus: response.status,
    providerCode: envelope.code,
    retryAfterMs: response.retryAfterMs,
    hint: rule?.hint,
  };
  if (rule === undefined) return errorFromStatus(ok ? 500 : response.status, options);
  return providerError(rule.code, { ...options, retryable: rule.retryable });
}

/**
 * Server retry hints → milliseconds. `retry-after-ms` (OpenAI/fal style) wins, then `Retry-After`
 * as delta-seconds or an HTTP date (RFC 9110 §10.2.3). Unparseable or negative hints are ignored.
 */
export function retryAfterMsFromHeaders(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  const trimmed = after.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

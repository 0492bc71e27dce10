/**
 * @module fakes — the controller API every local fake provider server exposes (kling, fal,
 * replicate). Faults are provider-neutral; each fake renders them in its own real wire format
 * (e.g. `rate_limited` is Kling HTTP 429 + body code 1302, Replicate 429 + Retry-After).
 */

/** Which kind of call a fault applies to. */
export type FakeRoute = 'submit' | 'status' | 'download' | 'any';

/** Error classes a fake can answer with (mirrors http/errors.ts codes the provider documents). */
export type FakeErrorKind =
  | 'auth'
  | 'rate_limited'
  | 'concurrency_limited'
  | 'quota_exhausted'
  | 'content_policy'
  | 'invalid_request'
  | 'not_found'
  | 'server_error';

export type FakeFault =
  /** Answer with the provider's documented error for `error`; `retryAfterS` adds a Retry-After header. */
  | { kind: 'error'; error: FakeErrorKind; on?: FakeRoute; times?: number; retryAfterS?: number }
  /** Destroy the socket: `before` = nothing happened; `after` = the request took effect, the answer is lost. */
  | { kind: 'drop'; when: 'before' | 'after'; on?: FakeRoute; times?: number }
  /** 200 with a body that is not JSON, or JSON of the wrong shape. */
  | { kind: 'malformed'; shape: 'not_json' | 'wrong_shape'; on?: FakeRoute; times?: number }
  /** Delay the answer by `delayMs` (for client timeouts). */
  | { kind: 'slow'; delayMs: number; on?: FakeRoute; times?: number }
  /** The next created task ends `failed` for this reason (post-submit moderation etc.). */
  | { kind: 'task_fails'; reason: 'content_policy' | 'server_error'; times?: number };

export type FakeCounters = {
  /** Every submit request that reached the handler (including refused ones). */
  submits: number;
  /** Paid tasks actually created: the number "zero duplicate submits" checks look at. */
  tasksCreated: number;
  duplicatesRefused: number;
  statusQueries: number;
  downloads: number;
  /** Requests answered with a rate-limit or concurrency error. */
  rateLimited: number;
  faultsFired: number;
};

export type FakeServerOptions = {
  /** @default 0 (any free port) */
  port?: number | undefined;
  /** @default '127.0.0.1' */
  host?: string | undefined;
  /** How long a task stays in each non-final state. @default 50 */
  stageMs?: number | undefined;
  /** How long result URLs serve the file after the task succeeds. @default 600000 */
  resultTtlMs?: number | undefined;
  /** Requests per second before a rate-limit error; 0 = unlimited. @default 0 */
  rateLimitPerS?: number | undefined;
  /** Concurrent unfinished tasks before a concurrency error; 0 = unlimited. @default 0 */
  maxConcurrentTasks?: number | undefined;
  /** A clip to serve as every result (default: deterministic placeholder bytes, not playable). */
  resultFile?: string | undefined;
  /** Credentials the fake accepts (provider-specific names); random ones when absent. */
  credentials?: Record<string, string> | undefined;
};

export type FakeController = {
  provider: string;
  baseUrl: string;
  /** Settings that point the adapter at this fake with valid credentials (env-style names). */
  config: Record<string, string>;
  setFault(fault: FakeFault): void;
  clearFaults(): void;
  counters(): FakeCounters;
  /** Makes every result URL answer as expired from now on. */
  expireResults(): void;
  stop(): Promise<void>;
};

export type FakeServerFactory = (options?: FakeServerOptions) => Promise<FakeController>;

export function emptyCounters(): FakeCounters {
  return {
    submits: 0,
    tasksCreated: 0,
    duplicatesRefused: 0,
    statusQueries: 0,
    downloads: 0,
    rateLimited: 0,
    faultsFired: 0,
  };
}

/**
 * @module providers — the small, capability-split provider contract. Every adapter (kling, fal,
 * replicate, simulator) exports a `ProviderFactory` whose `create` returns a `VideoProvider`, and
 * passes the shared conformance suite (conformance.ts) against its fake server (src/fakes/).
 * Adapters never loop on retries themselves: each HTTP call goes through `withRetry` once.
 */
import type { VideoRequest } from '../contract/request.ts';
import type { FetchLike } from '../http/request.ts';
import type { AttemptEvent, RetryOptions } from '../http/retry.ts';
import type { Clock, Sleep } from '../http/timing.ts';

export const REQUEST_LAYERS = ['identity', 'motion_source', 'motion', 'camera', 'negative'] as const;
export type RequestLayer = (typeof REQUEST_LAYERS)[number];

/** How a provider honours a request layer or field: a wire field, phrasing in the prompt, or not at all. */
export type LayerSupport = 'native' | 'prompt' | 'ignored';

/** Request fields whose handling a provider declares (dotted paths into VideoRequest). */
export const CAPABILITY_FIELDS = [
  'identity.prompt',
  'identity.reference_image',
  'motion_source.reference_video',
  'motion.motion_score',
  'motion.strength',
  'camera.intent',
  'camera.stability',
  'camera.zoom',
  'camera.move',
  'negative.prompt',
  'negative.constraints',
] as const;
export type CapabilityField = (typeof CAPABILITY_FIELDS)[number];

export type FieldSupport = { support: LayerSupport; note: string };

export type ProviderCapabilities = {
  /** The headline per layer (what `providers list` shows). */
  layers: Record<RequestLayer, LayerSupport>;
  /** Per field, how it is honoured and what it becomes on the wire; falls back to its layer. */
  fields: Partial<Record<CapabilityField, FieldSupport>>;
  /** Whether the provider accepts our job key as an idempotency / external id. */
  idempotency: 'native' | 'none';
  models: readonly string[];
  defaultModel: string;
  /** Durations the provider can produce; others are rounded to the nearest (with a warning). */
  durationsS?: readonly number[] | undefined;
  /** Aspect ratios honoured natively; others fall back to the provider default (with a warning). */
  aspects?: readonly string[] | undefined;
  /** True only for the simulator: every output is labelled simulated. */
  simulated: boolean;
};

export type Money = { amountUsd: number; basis: 'price_table' | 'reported' | 'simulated'; note?: string };

/** One row of a provider price table, for `providers list` and estimates. */
export type PriceEntry = {
  model: string;
  mode?: string | undefined;
  unit: 'per_clip' | 'per_second';
  usd: number;
  /** For per_clip entries: the clip length the price is for. */
  durationS?: number | undefined;
  note?: string | undefined;
};

/** Per-call context: never module state. */
export type ProviderCallContext = {
  /** Deterministic job key: sent as idempotency / external id where the provider has one. */
  jobKey: string;
  signal?: AbortSignal | undefined;
  /** Where downloads land (content-addressed directory). */
  mediaDir: string;
  /** Each failed attempt of a retried call, for the run log. */
  onRetry?: ((event: AttemptEvent & { operation: string }) => void) | undefined;
};

export type SubmittedJob = {
  providerId: string;
  taskId: string;
  model: string;
  jobKey: string;
  /** Adapter-private routing data (e.g. Kling task family, fal status URL). JSON-serialisable. */
  meta: Record<string, unknown>;
  submittedAtMs: number;
  /** True when submit found an already-created task for this job key instead of creating one. */
  recovered: boolean;
};

export type JobStatus =
  | { state: 'queued' }
  | { state: 'running'; progress?: number | undefined }
  | { state: 'succeeded'; cost?: Money | undefined }
  | { state: 'failed'; code: string; message: string };

export type MediaFile = {
  path: string;
  contentHash: string;
  bytes: number;
  contentType: string;
  simulated: boolean;
  /** Where it came from (provider URL), provenance only: such URLs expire. */
  sourceUrl?: string | undefined;
};

export type CredentialCheck = { ok: true; detail: string; latencyMs: number };

export type VideoProvider = {
  id: string;
  capabilities: ProviderCapabilities;
  /** Creates the paid task, or returns the existing one for `ctx.jobKey` (never a second task). */
  submit(req: VideoRequest, ctx: ProviderCallContext): Promise<SubmittedJob>;
  status(job: SubmittedJob, ctx: ProviderCallContext): Promise<JobStatus>;
  download(job: SubmittedJob, ctx: ProviderCallContext): Promise<MediaFile>;
  /** Looks a job up by our job key, for crash-safe resume; null when the provider has no such job. */
  findByJobKey(ctx: ProviderCallContext): Promise<SubmittedJob | null>;
  estimateCost(req: VideoRequest): Money;
  /** Validates credentials with the cheapest call the provider has; throws a ProviderError if not. */
  checkCredentials(ctx: { signal?: AbortSignal | undefined }): Promise<CredentialCheck>;
};

/** Edge dependencies an adapter receives: injected so tests use fakes for the clock and sleep. */
export type ProviderDeps = {
  fetch: FetchLike;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  retry?: Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'maxServerDelayMs'> | undefined;
  /** Per HTTP request (not per job). @default 60000 */
  requestTimeoutMs?: number | undefined;
  /** @default 512 MiB */
  maxDownloadBytes?: number | undefined;
};

/** Provider settings as flat names (`KLING_ACCESS_KEY` …), from env or a user-pointed config file. */
export type ProviderConfig = Readonly<Record<string, string | undefined>>;

/** What the registry knows about a provider without credentials. */
export type ProviderFactory = {
  id: string;
  description: string;
  capabilities: ProviderCapabilities;
  priceTable: readonly PriceEntry[];
  /** Config names it reads; names ending KEY/SECRET/TOKEN are secrets and are never printed. */
  configKeys: readonly { name: string; required: boolean; secret: boolean }[];
  /** Price estimate without credentials (plan works offline). */
  estimateCost(req: VideoRequest): Money;
  /** Throws an InputError naming the missing setting when not configured. */
  create(config: ProviderConfig, deps: ProviderDeps): VideoProvider;
};

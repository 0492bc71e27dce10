/**
 * @module providers — the small, capability-split provider contract. Every adapter (kling, fal,
 * replicate, simulator) exports a factory returning this type and passes the shared conformance suite.
 * (Sketch from the skeleton commit; the providers work owns and may refine it.)
 */
import type { VideoRequest } from '../contract/request.ts';

/** How a provider honours one request layer. */
export type LayerSupport = 'native' | 'prompt' | 'ignored';

export type ProviderCapabilities = {
  layers: {
    identity: LayerSupport;
    motion_source: LayerSupport;
    motion: LayerSupport;
    camera: LayerSupport;
    negative: LayerSupport;
  };
  /** Per layer, how a non-native layer is mapped (e.g. "motion_score is ignored: Kling has no strength field"). */
  notes: Partial<Record<keyof ProviderCapabilities['layers'], string>>;
  /** Whether the provider accepts our job key as an idempotency / external id. */
  idempotency: 'native' | 'none';
  models: readonly string[];
  defaultModel: string;
};

export type Money = { amountUsd: number; basis: 'price_table' | 'reported' | 'simulated' };

/** Per-call dependencies: never module state. */
export type ProviderCallContext = {
  /** Deterministic job key: sent as idempotency / external id where the provider has one. */
  jobKey: string;
  signal?: AbortSignal | undefined;
  /** Where downloads land (content-addressed store directory). */
  mediaDir: string;
};

export type SubmittedJob = {
  providerId: string;
  taskId: string;
  model: string;
  /** Adapter-private routing data (e.g. Kling task family, fal status URL). JSON-serialisable. */
  meta: Record<string, unknown>;
  submittedAtMs: number;
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
};

export type VideoProvider = {
  id: string;
  capabilities: ProviderCapabilities;
  submit(req: VideoRequest, ctx: ProviderCallContext): Promise<SubmittedJob>;
  status(job: SubmittedJob, ctx: ProviderCallContext): Promise<JobStatus>;
  download(job: SubmittedJob, ctx: ProviderCallContext): Promise<MediaFile>;
  /** Looks a job up by our job key, for crash-safe resume; null when the provider has no such job. */
  findByJobKey(ctx: ProviderCallContext): Promise<SubmittedJob | null>;
  estimateCost(req: VideoRequest): Money;
};

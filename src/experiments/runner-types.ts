/**
 * Types shared by the runner and its steps: injected dependencies (providers, analyser, judge),
 * options, events for progress, and the outcome. Plain data and function types only.
 */
import type { AnalysisResult } from '../contract/analysis.ts';
import type { Preset } from '../contract/preset.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { JobRecord, JobState } from '../contract/run.ts';
import type { Rubric, RubricThresholds } from '../contract/verdict.ts';
import type { PollOptions } from '../http/poll.ts';
import type { VideoProvider } from '../providers/provider.ts';
import type { RunSummary } from '../reports/summary.ts';

/** What the analyser returns: the analysis, and optionally a contact sheet PNG it wrote. */
export type AnalysisOutput = { result: AnalysisResult; contactSheet?: string | undefined };

/** Measures a downloaded clip (real: src/analysis; benches inject a stub). */
export type Analyser = (
  clipFile: string,
  ctx: { job: JobRecord; workDir: string; signal?: AbortSignal | undefined },
) => Promise<AnalysisOutput>;

/** Judges an analysis against the request's intent (real: src/judge judgeClip). */
export type Judge = (input: {
  analysis: AnalysisResult;
  request: VideoRequest;
  thresholds: RubricThresholds | undefined;
}) => Rubric;

/** Returns the configured adapter for a provider id; throws InputError when unknown or unconfigured. */
export type ProviderResolver = (id: string) => VideoProvider;

/** Per-provider concurrency and rate limit (p-queue). */
export type ProviderLimits = {
  /** Jobs in flight at the provider (submit → download). */
  concurrency?: number | undefined;
  /** Provider operations started per second, 0 = unlimited. */
  perSecond?: number | undefined;
};

/** Run-level settings stored in the run plan, so `--resume <run>` needs no experiment file. */
export type RunPlanSettings = {
  usable_rate_min: number;
  three_pass: boolean;
  rubric: RubricThresholds | null;
  failover: Preset['failover'] | null;
  /** The preset's simulator sweet spot, applied to simulator requests (incl. failover ones). */
  simulator_sweet_spot: number | null;
  /** Set by `--fresh`: suffix that makes the provider idempotency key new for this run. */
  fresh_suffix: string | null;
  preset: string | null;
  file: string | null;
  jobs: number;
};

export type RunnerEvent =
  | { type: 'job'; job: JobRecord; from: JobState | null }
  | { type: 'note'; level: 'info' | 'warn'; message: string }
  | { type: 'spend'; actualUsd: number; committedUsd: number };

export type StopReason = 'interrupted' | 'budget' | 'fatal' | null;

/** One pass of a three-pass sweep (or the whole run, labelled `all`). */
export type PassOutcome = {
  pass: string;
  motion_scores: number[];
  jobs: number;
  judged: number;
  usable: number;
  usable_rate: number | null;
  healthy: boolean | null;
  skipped: boolean;
  reason: string | null;
};

export type RunOutcome = {
  runId: string;
  /** True when this invocation resumed an existing run (same config hash or `--resume`). */
  resumed: boolean;
  status: 'completed' | 'stopped' | 'failed';
  stopReason: StopReason;
  /** Why the run stopped early, for a person. */
  stopMessage: string | null;
  /** Paid submits this invocation made (first submits and re-submits after an empty lookup). */
  newSubmits: number;
  /** Jobs this invocation completed from a stored clip with the same job key. */
  reused: number;
  /** Jobs recovered at the provider by job key instead of being submitted again. */
  recovered: number;
  failovers: number;
  passes: PassOutcome[];
  summary: RunSummary;
  spend: { actualUsd: number; committedUsd: number };
  elapsedMs: number;
};

export type RunnerDeps = {
  providers: ProviderResolver;
  analyse: Analyser;
  judge: Judge;
};

export type RunnerTuning = {
  /** Jobs in flight per provider. @default 4 */
  concurrency?: number | undefined;
  /** Per-provider overrides of concurrency / rate. */
  limits?: Readonly<Record<string, ProviderLimits>> | undefined;
  /** Clips analysed at once (CPU bound). @default 2 */
  analysisConcurrency?: number | undefined;
  /** Status polling; defaults suit real providers (2 s, backing off). */
  poll?: Omit<PollOptions, 'signal' | 'provider'> | undefined;
  /** Per-provider polling (e.g. the simulator finishes in well under a second). */
  pollByProvider?: Readonly<Record<string, Omit<PollOptions, 'signal' | 'provider'>>> | undefined;
  /** How long in-flight jobs may keep going after the stop signal before they are parked. @default 0 */
  drainMs?: number | undefined;
  /** Stops new submits; in-flight jobs finish within `drainMs` or are parked. */
  signal?: AbortSignal | undefined;
  onEvent?: ((event: RunnerEvent) => void) | undefined;
  /** Apply the preset's failover to failed jobs. @default true */
  failover?: boolean | undefined;
};

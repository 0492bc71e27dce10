/**
 * @module clipbench — the public library API (named exports only).
 */

export * from './analysis/analyze.ts';
export {
  type AnalysisThresholds,
  DEFAULT_THRESHOLDS,
  resolveThresholds as resolveAnalysisThresholds,
} from './analysis/config.ts';
export * from './analysis/contact-sheet.ts';
export * from './analysis/gate.ts';
export * from './analysis/intent.ts';
export * from './camera/parse.ts';
export * from './camera/phrases.ts';
export * from './camera/render.ts';
export * from './camera/request-move.ts';
export { reportAnnotations } from './check/annotations.ts';
export { runEvidence } from './check/evidence.ts';
export { renderCheckJunit } from './check/junit.ts';
export { compareEvidence, type RegressionComparison, type RegressionMetric } from './check/regression.ts';
export {
  CHECK_NAMES,
  type CheckName,
  type CheckReport,
  type CheckStatus,
  reportExitCode,
} from './check/result.ts';
export { type RunCheckOptions, runCheck } from './check/run-check.ts';
export { renderCheckSummary } from './check/summary.ts';
export * from './contract/analysis.ts';
export * from './contract/camera-move.ts';
export * from './contract/canonical.ts';
export * from './contract/check-config.ts';
export * from './contract/diff.ts';
export * from './contract/experiment.ts';
export * from './contract/json-schema.ts';
export * from './contract/load.ts';
export * from './contract/media-hash.ts';
export * from './contract/normalise.ts';
export * from './contract/preset.ts';
export * from './contract/prompt-skeleton.ts';
export * from './contract/request.ts';
export * from './contract/run.ts';
export * from './contract/schema-walk.ts';
export * from './contract/suggest.ts';
export * from './contract/verdict.ts';
export * from './contract/zod-issues.ts';
export { ClipbenchError, type ErrorKind, EXIT_CODES } from './errors/clipbench-error.ts';
export { InputError } from './errors/input-error.ts';
export { NotImplementedError } from './errors/not-implemented-error.ts';
export { redact } from './errors/redact.ts';
export * from './experiments/budget.ts';
export * from './experiments/continuation.ts';
export * from './experiments/cost.ts';
export * from './experiments/default-assessors.ts';
export * from './experiments/demo.ts';
export * from './experiments/expand.ts';
export * from './experiments/failover.ts';
export * from './experiments/generate.ts';
export * from './experiments/job-key.ts';
export * from './experiments/plan.ts';
export * from './experiments/progress.ts';
export * from './experiments/runner.ts';
export * from './experiments/runner-types.ts';
export * from './experiments/three-pass.ts';
export * from './experiments/variables.ts';
export * from './http/errors.ts';
export { type PollOptions, type PollResult, type PollStep, pollUntil } from './http/poll.ts';
export {
  type AttemptEvent,
  type RetryMetrics,
  type RetryOptions,
  retryMetricsOf,
  withRetry,
} from './http/retry.ts';
export * from './judge/rubric.ts';
export * from './judge/thresholds.ts';
export { type DecodeOptions, decodeArgs, decodeFrames, type PixelFormat } from './media/decode.ts';
export { type EncodeOptions, type EncodeResult, encodeArgs, encodeFrames } from './media/encode.ts';
export { type FfmpegRunOptions, renderLavfiClip, runFfmpeg, timeNullDecode } from './media/ffmpeg-run.ts';
export type { Frame, ProbeInfo } from './media/frame.ts';
export { type FrameSizeRequest, targetFrameSize } from './media/frame-size.ts';
export { MediaError, type MediaErrorCode } from './media/media-error.ts';
export { encodePng } from './media/png.ts';
export { MAX_VIDEO_SIDE_PX, type ProbeOptions, parseProbeJson, probeVideo } from './media/probe.ts';
export type { SpawnFn } from './media/spawn.ts';
export {
  assertMediaCapabilities,
  checkMediaCapabilities,
  findTool,
  type MediaCapabilities,
  type MediaDeps,
  type MediaTools,
  resolveMediaTools,
} from './media/tools.ts';
export { transcodeToWebm } from './media/transcode.ts';
export * from './presets/catalog.ts';
export * from './presets/lifecycle.ts';
export * from './presets/lifecycle-diff.ts';
export * from './presets/lifecycle-evidence.ts';
export * from './presets/lifecycle-retire.ts';
export * from './presets/resolve.ts';
export * from './providers/capabilities.ts';
export * from './providers/provider.ts';
export * from './providers/registry.ts';
export * from './providers/run-job.ts';
export * from './providers/simulator/client.ts';
export * from './providers/simulator/control.ts';
export * from './providers/simulator/factory.ts';
export * from './providers/simulator/prices.ts';
export * from './providers/simulator/render-plan.ts';
export * from './providers/simulator/settings.ts';
export * from './providers/simulator/sidecar.ts';
export * from './reports/html.ts';
export * from './reports/json-report.ts';
export * from './reports/junit.ts';
export * from './reports/markdown.ts';
export * from './reports/stats.ts';
export * from './reports/summary.ts';
export { createDashboardApp, type DashboardDeps } from './server/app.ts';
export {
  type DashboardOptions,
  DEFAULT_HOST,
  DEFAULT_PORT,
  isLoopbackHost,
  type RunningDashboard,
  startDashboard,
} from './server/listen.ts';
export { ServeError } from './server/serve-error.ts';
export { openStoreHandle, type StoreHandle } from './server/store-handle.ts';
export { isoWeek } from './store/iso-week.ts';
export * from './store/store.ts';
export { StoreError, type StoreErrorCode } from './store/store-error.ts';
export * from './store/workspace.ts';
export {
  prepareSynth,
  type RenderClipOptions,
  renderSynthClip,
  renderSynthFrames,
  type SynthPlan,
} from './synth/render.ts';
export type { SynthArtifact, SynthArtifactKind, SynthSpec, SynthSubject, SynthTruth } from './synth/spec.ts';
export { TEXTURE_KINDS, type TextureKind } from './synth/texture.ts';

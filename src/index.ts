/**
 * @module clipbench — the public library API (named exports only).
 */

export {
  type AnalyzeFileOptions,
  type AnalyzeOptions,
  analysisSize,
  analyzeFile,
  analyzeFileDetailed,
  analyzeFrames,
  analyzeFramesDetailed,
  type DetailedAnalysis,
  type StreamInfo,
} from './analysis/analyze.ts';
export {
  type AnalysisThresholds,
  DEFAULT_THRESHOLDS,
  resolveThresholds as resolveAnalysisThresholds,
} from './analysis/config.ts';
export {
  createThumbnailSampler,
  renderContactSheet,
  type Thumbnail,
  type ThumbnailSampler,
  writeContactSheet,
} from './analysis/contact-sheet.ts';
export { DEFAULT_GATE, type GateConfig, gateFile, gateFromAnalysis } from './analysis/gate.ts';
export { type IntentMatch, intentMatch } from './analysis/intent.ts';
export { normaliseCameraText, parseCameraIntent } from './camera/parse.ts';
export { closestCameraPhrases, KNOWN_CAMERA_PHRASES } from './camera/phrases.ts';
export {
  KLING_MAGNITUDE,
  type KlingCameraConfig,
  type KlingCameraControl,
  toBracketText,
  toKlingCameraControl,
} from './camera/render.ts';
export { requestCameraMove } from './camera/request-move.ts';
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
export {
  type AnalysisResult,
  AnalysisResultSchema,
  DEFECT_CODES,
  type Defect,
  type DefectCode,
  DefectCodeSchema,
  DefectSchema,
  GateReasonSchema,
  type GateResult,
  GateResultSchema,
  type MeasuredCamera,
  MeasuredCameraSchema,
  type VideoInfo,
  VideoInfoSchema,
} from './contract/analysis.ts';
export {
  CAMERA_MOVES,
  CAMERA_SPEEDS,
  type CameraMove,
  CameraMoveSchema,
  type CameraSpeed,
  CameraSpeedSchema,
  SPEED_BANDS,
  STABILITIES,
  type Stability,
  StabilitySchema,
  type StructuredMove,
  StructuredMoveSchema,
  speedFamily,
  speedForRate,
  typicalRate,
} from './contract/camera-move.ts';
export { canonicalHash, canonicalJson, sha256Hex } from './contract/canonical.ts';
export { type CheckConfig, type CheckConfigInput, CheckConfigSchema } from './contract/check-config.ts';
export {
  deepMerge,
  diffLeaves,
  formatChanges,
  getAtPath,
  type LeafChange,
  setAtPath,
  showValue,
} from './contract/diff.ts';
export {
  DESIGNS,
  type Experiment,
  type ExperimentInput,
  ExperimentSchema,
  type ProviderChoice,
  ProviderChoiceSchema,
  type Vary,
  VarySchema,
} from './contract/experiment.ts';
export { jsonSchemaFiles, jsonSchemas } from './contract/json-schema.ts';
export { type LoadedDocument, loadDocument, parseDocumentText } from './contract/load.ts';
export {
  contentHashOfFile,
  fileMediaHasher,
  isContentId,
  isUrl,
  type MediaHasher,
  tableMediaHasher,
} from './contract/media-hash.ts';
export { canonicalRequest, type DocumentOrigin, parseRequest, requestHash } from './contract/normalise.ts';
export {
  PRESET_LIFECYCLE_FIELDS,
  PRESET_STATUSES,
  type Preset,
  PresetBodyShape,
  type PresetFile,
  PresetFileSchema,
  PresetRefSchema,
  PresetSchema,
  parsePresetRef,
  presetRef,
} from './contract/preset.ts';
export {
  constraintsText,
  type RenderResult,
  renderSkeleton,
  SKELETON_SLOTS,
  type SkeletonSlot,
  SLOT_FIELDS,
  templateSlots,
} from './contract/prompt-skeleton.ts';
export {
  ASPECTS,
  CameraSchema,
  IdentitySchema,
  IdentityShape,
  MotionSchema,
  MotionSourceSchema,
  NEGATIVE_CONSTRAINTS,
  NegativeSchema,
  OutputSchema,
  type PromptSkeleton,
  PromptSkeletonSchema,
  ProviderBlockSchema,
  RESOLUTIONS,
  type VideoRequest,
  type VideoRequestInput,
  VideoRequestSchema,
  ZOOMS,
} from './contract/request.ts';
export {
  ASSET_KINDS,
  type AssetRecord,
  AssetRecordSchema,
  ATTEMPT_PHASES,
  type AttemptRecord,
  AttemptRecordSchema,
  canTransition,
  EXPERIMENT_STATUSES,
  type ExperimentRecord,
  ExperimentRecordSchema,
  type ExperimentStatus,
  ExperimentStatusSchema,
  JOB_STATES,
  JOB_TRANSITIONS,
  type JobError,
  JobErrorSchema,
  type JobRecord,
  JobRecordSchema,
  type JobState,
  JobStateSchema,
  type JobView,
  JobViewSchema,
  type PresetApprovalRecord,
  PresetApprovalRecordSchema,
  type RunView,
  RunViewSchema,
  type StatRow,
  StatRowSchema,
} from './contract/run.ts';
export {
  formatPath,
  keysAtPath,
  leafPaths,
  schemaAtPath,
  splitPath,
  unwrapSchema,
} from './contract/schema-walk.ts';
export { closest, didYouMean, editDistance } from './contract/suggest.ts';
export {
  type CheckResult,
  CheckResultSchema,
  EDIT_ACTIONS,
  EditActionSchema,
  isUsable,
  type ReasonEffect,
  ReasonEffectSchema,
  RUBRIC_CHECKS,
  type Rubric,
  type RubricCheckName,
  RubricCheckNameSchema,
  type RubricEdit,
  RubricEditSchema,
  type RubricReason,
  RubricReasonSchema,
  RubricSchema,
  type RubricThresholds,
  RubricThresholdsSchema,
  VERDICTS,
  type Verdict,
  type VerdictRecord,
  VerdictRecordSchema,
  VerdictSchema,
  type VerdictSource,
  VerdictSourceSchema,
} from './contract/verdict.ts';
export {
  type FieldProblem,
  fieldProblems,
  formatProblems,
  InvalidDocumentError,
  invalidDocumentError,
  problemsError,
} from './contract/zod-issues.ts';
export { ClipbenchError, type ErrorKind, EXIT_CODES } from './errors/clipbench-error.ts';
export { InputError } from './errors/input-error.ts';
export { NotImplementedError } from './errors/not-implemented-error.ts';
export { redact } from './errors/redact.ts';
export { type Budget, type BudgetDecision, createBudget, parseBudgetUsd } from './experiments/budget.ts';
export {
  checkContinuation,
  continuationChanges,
  looseNormalise,
  type Previous,
} from './experiments/continuation.ts';
export {
  COST_PER_SECOND_USD,
  type CostEstimate,
  estimateJobCostUsd,
  UNKNOWN_PROVIDER_COST_PER_SECOND_USD,
} from './experiments/cost.ts';
export { fileAnalyser, rubricJudge } from './experiments/default-assessors.ts';
export {
  DEMO_DIR_NAME,
  DEMO_EXPERIMENT,
  type DemoOptions,
  type DemoResult,
  runDemo,
} from './experiments/demo.ts';
export {
  DEFAULT_MODEL,
  type ExpandContext,
  expandExperiment,
  experimentBase,
  experimentPreset,
  type PlannedJob,
  type VariedValue,
} from './experiments/expand.ts';
export { type FailoverSettings, type FailoverStep, failoverStep } from './experiments/failover.ts';
export {
  type GenerateOptions,
  type GenerateResult,
  generateOne,
  requestForProvider,
} from './experiments/generate.ts';
export { type JobKeyInput, jobKey } from './experiments/job-key.ts';
export {
  type CapabilityWarnings,
  type ExperimentPlan,
  type LoadedExperiment,
  loadExperimentFile,
  type PlannedJobWithCost,
  planExperiment,
} from './experiments/plan.ts';
export { createProgress, type ProgressOptions, type ProgressReporter } from './experiments/progress.ts';
export { type RunExperimentOptions, type RunSource, runExperiment } from './experiments/runner.ts';
export type {
  Analyser,
  AnalysisOutput,
  Judge,
  PassOutcome,
  ProviderLimits,
  ProviderResolver,
  RunnerDeps,
  RunnerEvent,
  RunnerTuning,
  RunOutcome,
  RunPlanSettings,
  StopReason,
} from './experiments/runner-types.ts';
export { passGroups, passHealth, stressGate } from './experiments/three-pass.ts';
export {
  checkPathExists,
  DEFAULT_MAX_MOTION_INCREMENT,
  experimentVariables,
  type PassLabel,
  THREE_PASS_LABELS,
  type Variable,
} from './experiments/variables.ts';
export {
  AbortedError,
  AuthError,
  ContentPolicyError,
  codeForStatus,
  errorFromStatus,
  InvalidRequestError,
  isProviderError,
  MalformedResponseError,
  NetworkError,
  NotFoundError,
  PROVIDER_ERROR_CODES,
  ProviderError,
  type ProviderErrorCode,
  type ProviderErrorOptions,
  providerError,
  QuotaExhaustedError,
  RateLimitedError,
  ResultExpiredError,
  ServerError,
  TimeoutError,
} from './http/errors.ts';
export { type PollOptions, type PollResult, type PollStep, pollUntil } from './http/poll.ts';
export {
  type AttemptEvent,
  type RetryMetrics,
  type RetryOptions,
  retryMetricsOf,
  withRetry,
} from './http/retry.ts';
export { type JudgeInput, judgeClip, RUBRIC_VERSION } from './judge/rubric.ts';
export {
  DEFAULT_JUDGE_THRESHOLDS,
  type JudgeThresholds,
  POST_FIX_IMPACT,
  resolveThresholds,
  SPEED_TWO_BANDS_SCORE,
  TRIM_IMPACT,
  UNFIXABLE_IMPACT,
} from './judge/thresholds.ts';
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
export {
  builtinPresetsDir,
  loadPresetCatalog,
  type PresetCatalog,
  type PresetRecord,
  presetContentHash,
  userPresetDirs,
} from './presets/catalog.ts';
export { type ApprovalPlan, applyStoreLifecycle, planApproval, replacementFor } from './presets/lifecycle.ts';
export { diffPresets, type PresetDiff } from './presets/lifecycle-diff.ts';
export {
  EVIDENCE_KIND,
  parseRunEvidence,
  type RatePoint,
  type RunEvidence,
  RunEvidenceSchema,
} from './presets/lifecycle-evidence.ts';
export {
  DEFAULT_RETIREMENT_RULE,
  type RetirementCandidate,
  type RetirementRule,
  retirementCandidates,
  type WeeklyRow,
  type WeekRate,
} from './presets/lifecycle-retire.ts';
export {
  listPresets,
  loadPreset,
  type ResolveOptions,
  resolvePreset,
  resolvePresetRecord,
} from './presets/resolve.ts';
export {
  type CapabilityWarning,
  capabilityWarnings,
  type HostedKlingNotes,
  hostedKlingFields,
} from './providers/capabilities.ts';
export {
  CAPABILITY_FIELDS,
  type CapabilityField,
  type CredentialCheck,
  type FieldSupport,
  type JobStatus,
  type LayerSupport,
  type MediaFile,
  type Money,
  type PriceEntry,
  type ProviderCallContext,
  type ProviderCapabilities,
  type ProviderConfig,
  type ProviderDeps,
  type ProviderFactory,
  REQUEST_LAYERS,
  type RequestLayer,
  type SubmittedJob,
  type VideoProvider,
} from './providers/provider.ts';
export {
  createProvider,
  defaultProviderDeps,
  describeProvider,
  describeProviders,
  estimateCost,
  getProviderFactory,
  loadProviderConfig,
  PROVIDER_FACTORIES,
  type ProviderSummary,
  providerIds,
  requestCapabilityWarnings,
} from './providers/registry.ts';
export { failedStatusError, type JobOutcome, runJob } from './providers/run-job.ts';
export { createSimulatorProvider, type SimulatorProviderInput } from './providers/simulator/client.ts';
export {
  createSimulatorControl,
  type SimulatorControl,
  type SimulatorController,
  startSimulatorController,
} from './providers/simulator/control.ts';
export { simulatorProviderFactory } from './providers/simulator/factory.ts';
export {
  SIMULATOR_MODEL,
  SIMULATOR_PRICE_TABLE,
  SIMULATOR_USD_PER_S,
  simulatorCost,
} from './providers/simulator/prices.ts';
export {
  FULL_SEVERITY_EXCESS,
  type MotionExcess,
  motionArtifacts,
  motionExcess,
  planSimRender,
  type RenderSize,
  renderSize,
  SIM_CRF,
  type SimRenderInput,
  type SimRenderPlan,
} from './providers/simulator/render-plan.ts';
export {
  DEFAULT_RENDER_SHORT_SIDE_PX,
  DEFAULT_SIMULATOR_SETTINGS,
  DEFAULT_SWEET_SPOT,
  effectiveSettings,
  parseSimulatorOptions,
  SIM_FAILURE_KINDS,
  SIMULATOR_CONFIG_KEYS,
  type SimFailureKind,
  type SimulatorOptions,
  SimulatorOptionsSchema,
  type SimulatorSettings,
  settingsFromConfig,
} from './providers/simulator/settings.ts';
export {
  buildSidecar,
  type SimulatedSidecar,
  sidecarPath,
  writeSidecar,
} from './providers/simulator/sidecar.ts';
export { type HtmlReportOptions, isSafeMediaHref, renderHtml } from './reports/html.ts';
export { renderJson } from './reports/json-report.ts';
export { renderJunit, xmlEscape } from './reports/junit.ts';
export { renderMarkdown, summaryLines } from './reports/markdown.ts';
export { computeStats, type StatGroup, type StatsReport } from './reports/stats.ts';
export {
  type CostSummary,
  costPerUsable,
  DEFAULT_USABLE_RATE_MIN,
  formatRate,
  formatUsd,
  type RangeRecommendation,
  type RunSummary,
  recommendRange,
  reusedCostNote,
  type SummaryJob,
  summarizeRun,
  usableRateByMotionScore,
  type ValuePoint,
} from './reports/summary.ts';
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
export { type OpenStoreOptions, openStore, openWorkspaceStore, type Store } from './store/store.ts';
export { StoreError, type StoreErrorCode } from './store/store-error.ts';
export {
  DATABASE_FILE_NAME,
  ensureWorkspace,
  MEDIA_DIR_NAME,
  resolveWorkspace,
  WORKSPACE_DIR_NAME,
  type Workspace,
  type WorkspaceOptions,
} from './store/workspace.ts';
export {
  prepareSynth,
  type RenderClipOptions,
  renderSynthClip,
  renderSynthFrames,
  type SynthPlan,
} from './synth/render.ts';
export type { SynthArtifact, SynthArtifactKind, SynthSpec, SynthSubject, SynthTruth } from './synth/spec.ts';
export { TEXTURE_KINDS, type TextureKind } from './synth/texture.ts';

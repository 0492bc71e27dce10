/**
 * Simulator settings from two places: provider-wide settings (env-style names, from the environment
 * or the user's config file) and per-request `provider.options` (which win, being more specific).
 * Everything here is plain data; nothing reads the environment itself.
 */
import { z } from 'zod';
import { InputError } from '../../errors/input-error.ts';
import type { ProviderConfig } from '../provider.ts';

/** Failures the simulator can inject at random (seeded): the classes a runner must survive. */
export const SIM_FAILURE_KINDS = ['rate_limited', 'server_error', 'timeout', 'content_policy'] as const;
export type SimFailureKind = (typeof SIM_FAILURE_KINDS)[number];

/**
 * Default sweet spot when the request carries none: the middle of the 0–10 scale, which is also the
 * request default `motion_score`, so a bare request renders clean. The runner passes the preset's
 * `simulator.sweet_spot_motion_score` as `provider.options.sweet_spot`.
 */
export const DEFAULT_SWEET_SPOT = 5;

/** Renders are capped to this short side (640×360 for 16:9) so a 5 s clip renders in about a second. */
export const DEFAULT_RENDER_SHORT_SIDE_PX = 360;

export type SimulatorSettings = {
  /** Typical queued + running time of a task, split and jittered per task (seeded). @default 150 */
  latencyMs: number;
  /** Probability that a call (or a task, for content_policy) fails, per attempt. @default 0 */
  failureRate: number;
  /** @default all of SIM_FAILURE_KINDS */
  failureKinds: readonly SimFailureKind[];
  /** Task creations per minute before 429 + Retry-After; 0 = unlimited. @default 0 */
  rateLimitPerMin: number;
  /** Unfinished tasks at once before a concurrency 429; 0 = unlimited. @default 0 */
  maxConcurrentTasks: number;
  /** Retry-After sent with injected 429s. @default 1 */
  retryAfterS: number;
  /** How long an injected timeout waits before failing (kept short so demos stay fast). @default 200 */
  timeoutWaitMs: number;
  /** Mixed into every failure draw: change it to re-roll which calls fail. @default 0 */
  failureSeed: number;
  /** Task index + finished renders; default `<ctx.mediaDir>/.simulator`. */
  stateDir?: string | undefined;
  /** @default 360 */
  renderShortSidePx: number;
};

export const DEFAULT_SIMULATOR_SETTINGS: SimulatorSettings = {
  latencyMs: 150,
  failureRate: 0,
  failureKinds: SIM_FAILURE_KINDS,
  rateLimitPerMin: 0,
  maxConcurrentTasks: 0,
  retryAfterS: 1,
  timeoutWaitMs: 200,
  failureSeed: 0,
  renderShortSidePx: DEFAULT_RENDER_SHORT_SIDE_PX,
};

/** Settings names the simulator reads (none is a secret). */
export const SIMULATOR_CONFIG_KEYS = [
  'CLIPBENCH_SIM_LATENCY_MS',
  'CLIPBENCH_SIM_FAILURE_RATE',
  'CLIPBENCH_SIM_FAILURE_KINDS',
  'CLIPBENCH_SIM_RATE_LIMIT_PER_MIN',
  'CLIPBENCH_SIM_MAX_CONCURRENT',
  'CLIPBENCH_SIM_RETRY_AFTER_S',
  'CLIPBENCH_SIM_TIMEOUT_WAIT_MS',
  'CLIPBENCH_SIM_SEED',
  'CLIPBENCH_SIM_STATE_DIR',
  'CLIPBENCH_SIM_RENDER_SHORT_SIDE',
] as const;

function numberSetting(config: ProviderConfig, name: string, min: number, max: number, fallback: number) {
  const raw = config[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new InputError({
      code: 'simulator_bad_setting',
      field: name,
      message: `Expected \`${name}\` to be a number from ${min} to ${max}, got \`${raw}\``,
    });
  return value;
}

function kindsSetting(raw: string | undefined, field: string): readonly SimFailureKind[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const kinds = raw.split(',').map((k) => k.trim());
  const bad = kinds.filter((k) => !(SIM_FAILURE_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || kinds.length === 0)
    throw new InputError({
      code: 'simulator_bad_setting',
      field,
      message: `unknown failure kind \`${bad.join(', ')}\``,
      hint: `known kinds: ${SIM_FAILURE_KINDS.join(', ')}`,
    });
  return kinds as SimFailureKind[];
}

/** Provider-wide settings from env-style config; InputError naming a bad value. */
export function settingsFromConfig(config: ProviderConfig): SimulatorSettings {
  const d = DEFAULT_SIMULATOR_SETTINGS;
  const stateDir = config['CLIPBENCH_SIM_STATE_DIR'];
  return {
    latencyMs: numberSetting(config, 'CLIPBENCH_SIM_LATENCY_MS', 0, 600_000, d.latencyMs),
    failureRate: numberSetting(config, 'CLIPBENCH_SIM_FAILURE_RATE', 0, 1, d.failureRate),
    failureKinds:
      kindsSetting(config['CLIPBENCH_SIM_FAILURE_KINDS'], 'CLIPBENCH_SIM_FAILURE_KINDS') ?? d.failureKinds,
    rateLimitPerMin: numberSetting(config, 'CLIPBENCH_SIM_RATE_LIMIT_PER_MIN', 0, 1e6, d.rateLimitPerMin),
    maxConcurrentTasks: numberSetting(config, 'CLIPBENCH_SIM_MAX_CONCURRENT', 0, 1e6, d.maxConcurrentTasks),
    retryAfterS: numberSetting(config, 'CLIPBENCH_SIM_RETRY_AFTER_S', 0, 3600, d.retryAfterS),
    timeoutWaitMs: numberSetting(config, 'CLIPBENCH_SIM_TIMEOUT_WAIT_MS', 0, 600_000, d.timeoutWaitMs),
    failureSeed: numberSetting(config, 'CLIPBENCH_SIM_SEED', 0, 2 ** 32 - 1, d.failureSeed),
    ...(stateDir !== undefined && stateDir !== '' ? { stateDir } : {}),
    renderShortSidePx: numberSetting(
      config,
      'CLIPBENCH_SIM_RENDER_SHORT_SIDE',
      64,
      1080,
      d.renderShortSidePx,
    ),
  };
}

/** Per-request `provider.options` the simulator understands (unknown keys are typos: rejected). */
export const SimulatorOptionsSchema = z.strictObject({
  sweet_spot: z.number().min(0).max(10).optional().describe('motion_score past which artifacts grow'),
  seed: z.number().int().min(0).optional().describe('take seed; default derived from the job key'),
  render_short_side_px: z.number().int().min(64).max(1080).optional(),
  latency_ms: z.number().min(0).max(600_000).optional(),
  failure_rate: z.number().min(0).max(1).optional(),
  failure_kinds: z.array(z.enum(SIM_FAILURE_KINDS)).min(1).optional(),
});
export type SimulatorOptions = z.infer<typeof SimulatorOptionsSchema>;

/** Parses `provider.options`; an InputError on `provider.options.<key>` when invalid. */
export function parseSimulatorOptions(options: Record<string, unknown>): SimulatorOptions {
  const parsed = SimulatorOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path.length ? issue.path.join('.') : (issue as { keys?: string[] })?.keys?.join(', ');
  throw new InputError({
    code: 'simulator_bad_option',
    field: `provider.options${key ? `.${key}` : ''}`,
    message: `invalid simulator option: ${issue?.message ?? 'unknown problem'}`,
    hint: `simulator options: ${Object.keys(SimulatorOptionsSchema.shape).join(', ')}`,
  });
}

/** Per-task effective settings: request options over provider-wide settings. */
export function effectiveSettings(settings: SimulatorSettings, options: SimulatorOptions): SimulatorSettings {
  return {
    ...settings,
    ...(options.latency_ms !== undefined ? { latencyMs: options.latency_ms } : {}),
    ...(options.failure_rate !== undefined ? { failureRate: options.failure_rate } : {}),
    ...(options.failure_kinds !== undefined ? { failureKinds: options.failure_kinds } : {}),
    ...(options.render_short_side_px !== undefined
      ? { renderShortSidePx: options.render_short_side_px }
      : {}),
  };
}

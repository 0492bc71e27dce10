/**
 * The simulator provider: async-job semantics like a real API (submit → task id; status queued →
 * running → succeeded | failed; download writes the clip content-addressed), idempotent on the job
 * key through the on-disk task index, with seeded latency, failure injection and rate limits.
 * Each call runs through `withRetry` once, exactly like the HTTP adapters, so injected 429s with
 * Retry-After, 5xx and timeouts exercise the real retry path. Every clip is labelled simulated.
 */
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { requestCameraMove } from '../../camera/request-move.ts';
import type { VideoRequest } from '../../contract/request.ts';
import { InputError } from '../../errors/input-error.ts';
import {
  InvalidRequestError,
  NotFoundError,
  type ProviderError,
  RateLimitedError,
  ResultExpiredError,
} from '../../http/errors.ts';
import { abortedError } from '../../http/timing.ts';
import type { MediaDeps } from '../../media/tools.ts';
import { resolveMediaTools } from '../../media/tools.ts';
import type {
  MediaFile,
  ProviderCallContext,
  ProviderDeps,
  SubmittedJob,
  VideoProvider,
} from '../provider.ts';
import { retriedCall } from '../provider-calls.ts';
import { SIMULATOR_CAPABILITIES } from './capabilities.ts';
import { createSimulatorControl, type SimulatorControl } from './control.ts';
import {
  applyFault,
  drawCallFailure,
  drawTaskFate,
  droppedError,
  injectedError,
  type SimRoute,
  seededUniform,
  timeoutError,
} from './failures.ts';
import { SIMULATOR_MODEL, simulatorCost } from './prices.ts';
import { isRemoteReference, renderTaskClip, taskRenderPlan } from './render-clip.ts';
import { effectiveSettings, parseSimulatorOptions, type SimulatorSettings } from './settings.ts';
import { buildSidecar, writeSidecar } from './sidecar.ts';
import { openTaskIndex, type TaskIndex, type TaskRecord, taskIdFor } from './task-index.ts';
import { newTaskRecord, taskPhase, taskStatus } from './task-state.ts';

const PROVIDER = 'simulator';
/** Errors after which a submit may or may not have created the task: look it up before resending. */
const AMBIGUOUS = new Set(['network', 'timeout', 'server_error']);

export type SimulatorProviderInput = {
  settings: SimulatorSettings;
  deps: ProviderDeps;
  /** Faults, counters, limits; a fresh one when absent. */
  control?: SimulatorControl | undefined;
  media?: MediaDeps | undefined;
};

/** Fails fast on what the simulator cannot run: unknown camera words, a missing local image. */
async function checkRequest(request: VideoRequest): Promise<void> {
  requestCameraMove(request);
  const image = request.identity.reference_image;
  if (image === undefined || isRemoteReference(image)) return;
  const info = await stat(image).catch(() => null);
  if (info === null || !info.isFile())
    throw new InputError({
      code: 'file_not_found',
      field: 'identity.reference_image',
      file: image,
      message: 'reference image not found',
    });
}

export function createSimulatorProvider(input: SimulatorProviderInput): VideoProvider {
  const { settings, deps } = input;
  const control = input.control ?? createSimulatorControl();
  const rendering = new Map<string, Promise<TaskRecord>>();
  const statusCalls = new Map<string, number>();
  const timeoutMs = Math.min(settings.timeoutWaitMs, deps.requestTimeoutMs ?? 60_000);

  // Derived per call, never stored in the job: a moved workspace must still find its tasks.
  const stateDirOf = (ctx: ProviderCallContext): string =>
    settings.stateDir ?? join(ctx.mediaDir, '.simulator');

  async function call<T>(
    operation: string,
    ctx: ProviderCallContext,
    fn: (attempt: number) => Promise<T>,
    recover?: (error: ProviderError) => Promise<T | undefined>,
  ): Promise<T> {
    return retriedCall(deps, ctx, { provider: PROVIDER, operation, attempt: fn, recover });
  }

  /** Programmable fault, then a seeded random failure; returns an error to throw after acting, if any. */
  async function gate(
    route: SimRoute | 'download',
    ctx: ProviderCallContext,
    record: Pick<TaskRecord, 'taskId' | 'jobKey'>,
    effective: SimulatorSettings,
    ordinal: number,
    attempt: number,
  ): Promise<ProviderError | undefined> {
    const fault = control.faults.take(route);
    if (fault !== undefined) {
      control.counters.faultsFired += 1;
      if (fault.kind === 'error' && /limited$/.test(fault.error)) control.counters.rateLimited += 1;
    }
    const effect = await applyFault(fault, {
      requestId: record.taskId,
      timeoutMs,
      sleep: deps.sleep,
      signal: ctx.signal,
    });
    if (effect.lostAnswer) return droppedError(record.taskId);
    if (route === 'download') return undefined;
    const kind = drawCallFailure(effective, route, record.jobKey, ordinal, attempt);
    if (kind === null) return undefined;
    control.counters.faultsFired += 1;
    if (kind === 'rate_limited') {
      control.counters.rateLimited += 1;
      throw injectedError('rate_limited', record.taskId, effective.retryAfterS);
    }
    if (kind !== 'timeout') throw injectedError('server_error', record.taskId);
    await deps.sleep(timeoutMs, ctx.signal);
    const lost = timeoutError(record.taskId, timeoutMs);
    // Half of injected submit timeouts happen after the task was created (the answer is lost).
    if (route === 'submit' && seededUniform(effective.failureSeed, record.jobKey, 'lost', attempt) < 0.5)
      return lost;
    throw lost;
  }

  function checkLimits(effective: SimulatorSettings, taskId: string): void {
    const nowMs = deps.clock();
    const recent = control.recentCreationsMs;
    while (recent.length > 0 && (recent[0] as number) <= nowMs - 60_000) recent.shift();
    if (effective.rateLimitPerMin > 0 && recent.length >= effective.rateLimitPerMin) {
      control.counters.rateLimited += 1;
      throw new RateLimitedError({
        provider: PROVIDER,
        requestId: taskId,
        httpStatus: 429,
        retryAfterMs: Math.max(1, (recent[0] as number) + 60_000 - nowMs),
        message: `simulated 429: more than ${effective.rateLimitPerMin} tasks per minute`,
      });
    }
    for (const [id, endMs] of control.openTasks) if (endMs <= nowMs) control.openTasks.delete(id);
    if (effective.maxConcurrentTasks > 0 && control.openTasks.size >= effective.maxConcurrentTasks) {
      control.counters.rateLimited += 1;
      throw injectedError('concurrency_limited', taskId, effective.retryAfterS);
    }
  }

  /**
   * Renders the task's clip once its simulated time is up (one render per task at a time in this
   * process) and records the outcome in the index. Rendering inside the status call, not in the
   * background, means no work outlives the calls that asked for it.
   */
  function ensureRender(index: TaskIndex, record: TaskRecord): Promise<TaskRecord> {
    if (record.render !== undefined || record.renderError !== undefined || record.fate.kind === 'fail')
      return Promise.resolve(record);
    const key = index.renderPath(record.taskId);
    const pending = rendering.get(key);
    if (pending !== undefined) return pending;
    const job = renderTaskClip(record, key, input.media)
      .then(
        async (r) => {
          const latest = (await index.get(record.taskId)) ?? record;
          const next = { ...latest, render: { contentHash: r.contentHash, bytes: r.bytes, truth: r.truth } };
          await index.put(next);
          return next;
        },
        async (error: unknown) => {
          const next = { ...record, renderError: error instanceof Error ? error.message : String(error) };
          await index.put(next).catch(() => undefined);
          return next;
        },
      )
      .finally(() => rendering.delete(key));
    rendering.set(key, job);
    return job;
  }

  function toJob(record: TaskRecord, recovered: boolean): SubmittedJob {
    return {
      providerId: PROVIDER,
      taskId: record.taskId,
      model: record.model,
      jobKey: record.jobKey,
      meta: { simulated: true },
      submittedAtMs: record.submittedAtMs,
      recovered,
    };
  }

  async function readTask(index: TaskIndex, taskId: string): Promise<TaskRecord> {
    const record = await index.get(taskId);
    if (record === null)
      throw new NotFoundError({
        provider: PROVIDER,
        requestId: taskId,
        message: `no simulated task ${taskId}`,
      });
    return record;
  }

  /** Puts the rendered clip under its sha256 name in `mediaDir` (moving the render, or re-rendering). */
  async function placeClip(index: TaskIndex, record: TaskRecord, mediaDir: string): Promise<MediaFile> {
    const render = record.render as NonNullable<TaskRecord['render']>;
    let contentHash = render.contentHash;
    let bytes = render.bytes;
    let path = join(mediaDir, `${contentHash}.mp4`);
    const placed = await stat(path).catch(() => null);
    if (placed === null || placed.size !== bytes) {
      await mkdir(mediaDir, { recursive: true });
      const from = index.renderPath(record.taskId);
      if ((await stat(from).catch(() => null)) === null) {
        // Downloaded before and since removed: the render is deterministic, so make it again.
        const again = await renderTaskClip(record, from, input.media);
        contentHash = again.contentHash;
        bytes = again.bytes;
        path = join(mediaDir, `${contentHash}.mp4`);
      }
      await moveInto(from, path, mediaDir);
    }
    await writeSidecar(
      mediaDir,
      buildSidecar(record, taskRenderPlan(record), { contentHash, truth: render.truth }),
    );
    return {
      path,
      contentHash,
      bytes,
      contentType: 'video/mp4',
      simulated: true,
      sourceUrl: `simulator://tasks/${record.taskId}`,
    };
  }

  return {
    id: PROVIDER,
    capabilities: SIMULATOR_CAPABILITIES,

    async submit(request, ctx) {
      if (ctx.signal?.aborted) throw abortedError(PROVIDER, ctx.signal);
      const options = parseSimulatorOptions(request.provider.options);
      const effective = effectiveSettings(settings, options);
      await checkRequest(request);
      const stateDir = stateDirOf(ctx);
      const index = openTaskIndex(stateDir);
      const taskId = taskIdFor(ctx.jobKey);
      const ids = { taskId, jobKey: ctx.jobKey };
      let recovered = false;
      const record = await call(
        'submit',
        ctx,
        async (attempt) => {
          control.counters.submits += 1;
          const lost = await gate('submit', ctx, ids, effective, 0, attempt);
          const existing = await index.get(taskId);
          let result: TaskRecord;
          if (existing !== null) {
            control.counters.duplicatesRefused += 1;
            recovered = true;
            result = existing;
          } else {
            checkLimits(effective, taskId);
            const failure = control.faults.takeTaskFailure();
            const fate = failure
              ? ({
                  kind: 'fail',
                  code: failure.reason,
                  message: `simulated task failure (${failure.reason})`,
                } as const)
              : drawTaskFate(effective, ctx.jobKey);
            const fresh = newTaskRecord({
              request,
              jobKey: ctx.jobKey,
              options,
              settings: effective,
              fate,
              nowMs: deps.clock(),
              model: request.provider.model ?? SIMULATOR_MODEL,
            });
            const outcome = await index.create(fresh);
            result = outcome.record;
            if (outcome.created) {
              control.counters.tasksCreated += 1;
              control.recentCreationsMs.push(fresh.submittedAtMs);
              control.openTasks.set(taskId, fresh.submittedAtMs + fresh.queueMs + fresh.runMs);
            } else recovered = true;
          }
          if (lost !== undefined) throw lost;
          return result;
        },
        async (error) => {
          if (!AMBIGUOUS.has(error.code)) return undefined;
          const existing = await index.get(taskId).catch(() => null);
          if (existing === null || existing.jobKey !== ctx.jobKey) return undefined;
          recovered = true;
          return existing;
        },
      );
      return toJob(record, recovered);
    },

    async status(job, ctx) {
      const index = openTaskIndex(stateDirOf(ctx));
      const ordinal = (statusCalls.get(job.taskId) ?? 0) + 1;
      statusCalls.set(job.taskId, ordinal);
      return call('status', ctx, async (attempt) => {
        control.counters.statusQueries += 1;
        let record = await readTask(index, job.taskId);
        const effective = effectiveSettings(settings, parseSimulatorOptions(record.request.provider.options));
        const lost = await gate('status', ctx, record, effective, ordinal, attempt);
        if (lost !== undefined) throw lost;
        if (taskPhase(record, deps.clock()).phase === 'done') record = await ensureRender(index, record);
        const status = taskStatus(record, deps.clock());
        if (status.state === 'succeeded' || status.state === 'failed')
          control.openTasks.delete(record.taskId);
        return status;
      });
    },

    async download(job, ctx) {
      const index = openTaskIndex(stateDirOf(ctx));
      return call('download', ctx, async (attempt) => {
        control.counters.downloads += 1;
        let record = await readTask(index, job.taskId);
        const lost = await gate('download', ctx, record, settings, 0, attempt);
        if (lost !== undefined) throw lost;
        if (taskPhase(record, deps.clock()).phase === 'done') record = await ensureRender(index, record);
        const status = taskStatus(record, deps.clock());
        if (status.state !== 'succeeded')
          throw new InvalidRequestError({
            provider: PROVIDER,
            requestId: record.taskId,
            message: `task ${record.taskId} has no result to download (status ${status.state})`,
          });
        if (control.expired)
          throw new ResultExpiredError({
            provider: PROVIDER,
            requestId: record.taskId,
            message: 'simulated result expiry: the result is gone',
          });
        return placeClip(index, record, ctx.mediaDir);
      });
    },

    async findByJobKey(ctx) {
      const stateDir = stateDirOf(ctx);
      const record = await openTaskIndex(stateDir).get(taskIdFor(ctx.jobKey));
      return record !== null && record.jobKey === ctx.jobKey ? toJob(record, true) : null;
    },

    estimateCost: simulatorCost,

    async checkCredentials() {
      const startMs = deps.clock();
      const tools = resolveMediaTools(input.media ?? {});
      return {
        ok: true,
        detail: `offline simulator: no credentials needed; renders with ${tools.ffmpeg} (${tools.ffmpegSource})`,
        latencyMs: deps.clock() - startMs,
      };
    },
  };
}

/** rename(2) into place (atomic); across file systems, copy to a temp name first, then rename. */
async function moveInto(from: string, to: string, dir: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const tmp = join(dir, `.tmp-${process.pid}-${Date.now()}.mp4`);
    await copyFile(from, tmp);
    await rename(tmp, to);
    await rm(from, { force: true });
  }
}

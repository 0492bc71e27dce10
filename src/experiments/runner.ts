/**
 * @module experiments/runner — runs an experiment end to end without ever paying twice. Each job
 * walks the journaled state machine planned → submitting → submitted → generated → downloaded →
 * analyzed → judged (src/contract/run.ts). Provider work runs in a p-queue per provider
 * (concurrency, rate), analysis in its own CPU-sized queue. The budget is checked in the same tick
 * as the planned → submitting journal step. The stop signal ends new submits at once; in-flight
 * jobs get `drainMs` to finish, then are parked where they are. A re-run of the same experiment (or
 * `--resume <run>`) picks every job up from its journaled state: `submitting` is looked up at the
 * provider by key first, `submitted` is polled, stored clips with the same key are reused.
 */
import { setMaxListeners } from 'node:events';
import { tmpdir } from 'node:os';
import PQueue from 'p-queue';
import { fileMediaHasher, type MediaHasher } from '../contract/media-hash.ts';
import type { VideoRequest } from '../contract/request.ts';
import type { JobRecord, JobState } from '../contract/run.ts';
import { summarizeRun } from '../reports/summary.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../store/workspace.ts';
import { createBudget } from './budget.ts';
import { estimateJobCostUsd } from './cost.ts';
import { failoverStep } from './failover.ts';
import { assessJob } from './job-assess.ts';
import { classifyJobError, jobErrorOf } from './job-errors.ts';
import { providerPhaseOf, type WalkCounters, walkProviderPhase } from './job-walk.ts';
import { jobForRequest, settingsOf, withSweetSpot } from './run-setup.ts';
import { type RunSource, startRun } from './run-start.ts';
import type {
  PassOutcome,
  RunnerDeps,
  RunnerEvent,
  RunnerTuning,
  RunOutcome,
  RunPlanSettings,
  StopReason,
} from './runner-types.ts';
import { passGroups, passHealth, stressGate } from './three-pass.ts';

export type { RunSource } from './run-start.ts';

export type RunExperimentOptions = RunnerDeps &
  RunnerTuning & {
    store: Store;
    workspace: Workspace;
    source: RunSource;
    /** Overrides the experiment's `budget_usd` (and a resumed run's stored budget). */
    budgetUsd?: number | null | undefined;
    /** Never reuse stored clips; send a new idempotency key so the provider generates anew. */
    fresh?: boolean | undefined;
    /** Hashes media of failover requests (paths are absolute in stored requests). */
    hashMedia?: MediaHasher | undefined;
  };

const LIVE_PROVIDER_STATES = new Set<JobState>(['planned', 'submitting', 'submitted', 'generated']);

/** Runs (or resumes) an experiment; see the module note. Throws only for input or fatal errors. */
export async function runExperiment(options: RunExperimentOptions): Promise<RunOutcome> {
  const startedMs = Date.now();
  const { store } = options;
  const fresh = options.fresh === true;
  const { run, resumed, budgetUsd } = await startRun(store, options.source, {
    providers: options.providers,
    fresh,
    budgetUsd: options.budgetUsd,
  });
  const settings = settingsOf(run);
  const noReuse = fresh || settings.fresh_suffix !== null;
  const budget = createBudget(store, run.id, budgetUsd);
  const hashMedia = options.hashMedia ?? fileMediaHasher(tmpdir());
  const emit = (event: RunnerEvent) => options.onEvent?.(event);
  const state = {
    stopReason: null as StopReason,
    stopMessage: null as string | null,
    fatal: undefined as unknown,
    budgetParked: 0,
    laterParked: 0,
    reused: 0,
    failovers: 0,
  };
  const counters: WalkCounters = { newSubmits: 0, recovered: 0 };
  const hard = new AbortController();
  // Every in-flight call (sleep, poll, fetch) listens on this signal: one per job in flight, so
  // Node's default warning at 10 listeners would fire on any concurrency above ~8. Bound it instead.
  setMaxListeners(32 + 8 * (options.concurrency ?? 4), hard.signal);
  const onStop = () => {
    if (state.stopReason === null) {
      state.stopReason = 'interrupted';
      state.stopMessage =
        'interrupted: no new submits; in-flight jobs were finished or parked — resume to continue';
      emit({ type: 'note', level: 'warn', message: state.stopMessage });
    }
    setTimeout(() => hard.abort(new Error('interrupted')), options.drainMs ?? 0);
  };
  if (options.signal?.aborted) onStop();
  else options.signal?.addEventListener('abort', onStop, { once: true });
  const setFatal = (error: unknown) => {
    if (state.fatal === undefined) state.fatal = error;
    state.stopReason = 'fatal';
    state.stopMessage = error instanceof Error ? error.message : String(error);
    hard.abort(error);
  };

  const transitioned = (job: JobRecord, from: JobState | null) => {
    emit({ type: 'job', job, from });
    if (job.state === 'submitting' || job.state === 'generated' || job.reused_from !== null) {
      const spend = store.jobs.spend(run.id);
      emit({ type: 'spend', ...spend });
    }
  };

  store.experiments.setStatus(run.id, 'running');
  for (const job of store.jobs.list({ experimentId: run.id, states: ['parked'] })) store.jobs.unpark(job.id);
  const initial = store.jobs.list({ experimentId: run.id });
  for (const job of initial) emit({ type: 'job', job, from: null });
  const failoverParents = new Set(
    initial.map((j) => j.failover_of).filter((id): id is number => id !== null),
  );

  const queues = new Map<string, PQueue>();
  const queueFor = (provider: string): PQueue => {
    let queue = queues.get(provider);
    if (queue === undefined) {
      const limits = options.limits?.[provider];
      const perSecond = limits?.perSecond ?? 0;
      queue = new PQueue({
        concurrency: limits?.concurrency ?? options.concurrency ?? 4,
        ...(perSecond > 0 ? { intervalCap: perSecond, interval: 1000 } : {}),
      });
      queues.set(provider, queue);
    }
    return queue;
  };
  const analysisQueue = new PQueue({ concurrency: options.analysisConcurrency ?? 2 });

  /** Synchronous start: reuse a stored clip, or check the budget and journal `submitting`. */
  const start = (job: JobRecord): JobRecord | null => {
    if (state.stopReason !== null) return null;
    if (!noReuse) {
      const source = store.jobs.findReusable(job.job_key, run.id);
      if (source !== null) {
        const reused = store.jobs.reuse(job.id, source.id);
        state.reused += 1;
        transitioned(reused, 'planned');
        return reused;
      }
    }
    const decision = budget.check(job.estimated_cost_usd ?? 0);
    if (!decision.ok) {
      if (state.budgetParked === 0) emit({ type: 'note', level: 'warn', message: decision.reason });
      state.budgetParked += 1;
      transitioned(store.jobs.park(job.id, decision.reason), 'planned');
      return null;
    }
    const key = settings.fresh_suffix === null ? job.job_key : `${job.job_key}_${settings.fresh_suffix}`;
    const next = store.jobs.transition(job.id, 'planned', 'submitting', {
      taskMeta: { ...(job.task_meta ?? {}), idempotency_key: key },
    });
    transitioned(next, 'planned');
    return next;
  };

  const handleError = (jobId: number, error: unknown): JobRecord | null => {
    try {
      const latest = store.jobs.require(jobId);
      const phase =
        latest.state === 'downloaded' || latest.state === 'analyzed'
          ? 'analyse'
          : providerPhaseOf(latest.state);
      const disposition = classifyJobError(
        error,
        phase,
        hard.signal.aborted && state.stopReason === 'interrupted',
      );
      if (disposition === 'fail_job' || disposition === 'fail_fatal') {
        const failed = store.jobs.fail(jobId, jobErrorOf(error, phase));
        transitioned(failed, latest.state);
        if (disposition === 'fail_fatal') setFatal(error);
        return failed;
      }
      const why =
        disposition === 'interrupt'
          ? 'interrupted'
          : `${jobErrorOf(error, phase).code}: ${error instanceof Error ? error.message : String(error)}`;
      const parked = latest.state === 'parked' ? latest : store.jobs.park(jobId, why);
      transitioned(parked, latest.state);
      if (disposition === 'park_fatal') setFatal(error);
      if (disposition === 'park_later') state.laterParked += 1;
      return parked;
    } catch {
      // The journal itself failed (disk full, lock): the job keeps its last committed state, and
      // the error that got us here is the one to report.
      setFatal(error);
      return null;
    }
  };

  const walking = new Set<number>();
  const walkJob = async (job: JobRecord): Promise<void> => {
    if (walking.has(job.id)) return;
    walking.add(job.id);
    let current: JobRecord | null = job;
    try {
      if (LIVE_PROVIDER_STATES.has(job.state)) {
        current = await queueFor(job.provider).add(async () => {
          let c: JobRecord = store.jobs.require(job.id);
          const resumed = c.state === 'submitting';
          if (c.state === 'planned') {
            const started = start(c);
            if (started === null || started.state === 'judged') return started ?? c;
            c = started;
          }
          return walkProviderPhase(
            c,
            {
              store,
              provider: options.providers(c.provider),
              workspaceRoot: options.workspace.root,
              mediaDir: options.workspace.mediaDir,
              poll: options.pollByProvider?.[c.provider] ?? options.poll ?? {},
              signal: hard.signal,
              counters,
              onTransition: transitioned,
            },
            resumed,
          );
        });
      }
      if (current !== null && (current.state === 'downloaded' || current.state === 'analyzed')) {
        const ready: JobRecord = current;
        current = await analysisQueue.add(() =>
          assessJob(ready, {
            store,
            workspaceRoot: options.workspace.root,
            workDir: options.workspace.mediaDir,
            analyse: options.analyse,
            judge: options.judge,
            thresholds: settings.rubric ?? undefined,
            signal: hard.signal,
            onTransition: transitioned,
          }),
        );
      }
    } catch (error) {
      current = handleError(job.id, error);
    }
    if (current !== null) await maybeFailover(current);
  };

  const depthOf = (job: JobRecord): number => {
    let depth = 0;
    let cursor: JobRecord | null = job;
    while (cursor !== null && cursor.failover_of !== null) {
      depth += 1;
      cursor = store.jobs.get(cursor.failover_of);
    }
    return depth;
  };

  const maybeFailover = async (job: JobRecord): Promise<void> => {
    if (options.failover === false || settings.failover === null || state.stopReason !== null) return;
    const verdictFail = job.state === 'judged' && job.verdict === 'fail';
    if (!(job.state === 'failed' || verdictFail) || failoverParents.has(job.id)) return;
    const why = verdictFail
      ? `verdict fail (job ${job.id})`
      : `${job.error?.code ?? 'failure'} (job ${job.id})`;
    const step = failoverStep(job.request as VideoRequest, settings.failover, depthOf(job) + 1, why);
    if (step === null) return;
    failoverParents.add(job.id);
    let child: JobRecord;
    try {
      options.providers(step.request.provider.id);
      const request = withSweetSpot(step.request, settings.simulator_sweet_spot);
      const model = request.provider.model ?? 'default';
      const planned = jobForRequest(request, hashMedia, {
        seed: job.seed ?? 0,
        repeat: job.repeat_index,
        estimatedCostUsd: estimateJobCostUsd(request.provider.id, model, request).amountUsd,
        preset: job.preset,
      });
      child = store.jobs.planFailover(
        job.id,
        { ...planned, experimentId: run.id, passName: job.pass_name, sweepValue: job.sweep_value },
        step.reason,
      );
    } catch (error) {
      emit({
        type: 'note',
        level: 'warn',
        message: `job ${job.id}: failover not applied (${error instanceof Error ? error.message : String(error)})`,
      });
      return;
    }
    if (child.failover_of !== job.id) return; // the same request already runs in this experiment
    state.failovers += 1;
    emit({ type: 'note', level: 'info', message: `job ${job.id} → job ${child.id}: ${step.reason}` });
    emit({ type: 'job', job: child, from: null });
    await walkJob(child);
  };

  const passes = await walkGroups(store, run.id, settings, initial, walkJob, state, emit);

  if (state.stopReason === null && state.budgetParked > 0) {
    state.stopReason = 'budget';
    state.stopMessage = `stopped at the budget: ${state.budgetParked} job${state.budgetParked === 1 ? '' : 's'} not started (parked); resume with a larger --budget to continue`;
  } else if (state.stopReason === null && state.laterParked > 0) {
    state.stopReason = 'interrupted';
    state.stopMessage = `${state.laterParked} job(s) still running at the provider past the poll deadline (parked); resume later — they are looked up, not resubmitted`;
  }
  const status = state.fatal !== undefined ? 'failed' : state.stopReason === null ? 'completed' : 'stopped';
  try {
    const summary = summarizeRun(store.views.runView(run.id), { usableRateMin: settings.usable_rate_min });
    const spend = store.jobs.spend(run.id);
    const invocation = {
      new_submits: counters.newSubmits,
      reused: state.reused,
      recovered: counters.recovered,
      failovers: state.failovers,
    };
    store.experiments.setSummary(run.id, {
      ...summary,
      passes,
      stop_reason: state.stopReason,
      stop_message: state.stopMessage,
      invocation,
    });
    store.experiments.setStatus(run.id, status);
    if (state.fatal !== undefined) throw state.fatal;
    return {
      runId: run.id,
      resumed,
      status,
      stopReason: state.stopReason,
      stopMessage: state.stopMessage,
      newSubmits: counters.newSubmits,
      reused: state.reused,
      recovered: counters.recovered,
      failovers: state.failovers,
      passes,
      summary: { ...summary, status },
      spend,
      elapsedMs: Date.now() - startedMs,
    };
  } catch (error) {
    throw state.fatal ?? error;
  } finally {
    options.signal?.removeEventListener('abort', onStop);
  }
}

/** Walks the pass groups in order, gating the stress pass on the health of baseline and mid. */
async function walkGroups(
  store: Store,
  runId: string,
  settings: RunPlanSettings,
  initial: readonly JobRecord[],
  walkJob: (job: JobRecord) => Promise<void>,
  state: { stopReason: StopReason; budgetParked: number },
  emit: (event: RunnerEvent) => void,
): Promise<PassOutcome[]> {
  const passes: PassOutcome[] = [];
  const inPass = (pass: string) => (j: JobRecord) => pass === 'all' || j.pass_name === pass;
  for (const group of passGroups(initial, settings.three_pass)) {
    if (state.stopReason !== null || state.budgetParked > 0) break;
    if (group.pass === 'stress') {
      const gate = stressGate(passes, settings.usable_rate_min);
      emit({ type: 'note', level: gate.run ? 'info' : 'warn', message: gate.reason });
      if (!gate.run) {
        for (const job of group.jobs)
          if (store.jobs.require(job.id).state === 'planned') store.jobs.park(job.id, gate.reason);
        const jobs = store.jobs.list({ experimentId: runId }).filter(inPass('stress'));
        passes.push({
          ...passHealth('stress', jobs, settings.usable_rate_min),
          healthy: null,
          skipped: true,
          reason: gate.reason,
        });
        continue;
      }
    }
    await Promise.all(group.jobs.map((job) => walkJob(job)));
    const jobs = store.jobs.list({ experimentId: runId }).filter(inPass(group.pass));
    passes.push(passHealth(group.pass, jobs, settings.usable_rate_min));
  }
  return passes;
}

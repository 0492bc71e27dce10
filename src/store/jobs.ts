/**
 * Jobs repository: the journal. Every state change is a compare-and-set (`transition`) committed
 * before the caller talks to a provider, so a crash at any point leaves a state the runner can
 * resume from without paying twice.
 */
import { canTransition, type JobError, type JobRecord, type JobState } from '../contract/run.ts';
import type { Verdict } from '../contract/verdict.ts';
import type { StoreDb } from './db.ts';
import { isoWeek } from './iso-week.ts';
import { bool, jsonOrNull, num, numOrNull, type Row, str, strOrNull, toJson } from './rows.ts';
import { StoreError } from './store-error.ts';

export type NewJob = {
  experimentId: string;
  jobKey: string;
  provider: string;
  model?: string | null | undefined;
  /** "preset@version". */
  preset?: string | null | undefined;
  promptHash?: string | null | undefined;
  requestHash?: string | null | undefined;
  skeletonId?: string | null | undefined;
  referenceId?: string | null | undefined;
  motionScore?: number | null | undefined;
  cameraIntent?: string | null | undefined;
  seed?: number | null | undefined;
  repeatIndex?: number | undefined;
  /** Three-pass label: baseline | mid | stress. */
  passName?: string | null | undefined;
  /** Value of the swept variable at this point (any JSON). */
  sweepValue?: unknown;
  estimatedCostUsd?: number | null | undefined;
  simulated?: boolean | undefined;
  /** The normalised request (JSON). */
  request: Record<string, unknown>;
  /** Failover link: the failed job this one replaces, and why. */
  failoverOf?: number | null | undefined;
  failoverReason?: string | null | undefined;
};

/** Columns a caller may set alongside a transition or on its own. */
export type JobPatch = {
  providerTaskId?: string | null;
  taskMeta?: Record<string, unknown> | null;
  clipHash?: string | null;
  thumbHash?: string | null;
  estimatedCostUsd?: number | null;
  costUsd?: number | null;
  costBasis?: string | null;
  simulated?: boolean;
  error?: JobError | null;
};

const PATCH_COLUMNS: Record<keyof JobPatch, string> = {
  providerTaskId: 'provider_task_id',
  taskMeta: 'task_meta',
  clipHash: 'clip_hash',
  thumbHash: 'thumb_hash',
  estimatedCostUsd: 'estimated_cost_usd',
  costUsd: 'cost_usd',
  costBasis: 'cost_basis',
  simulated: 'simulated',
  error: 'error',
};

export type JobFilter = {
  experimentId?: string | undefined;
  states?: readonly JobState[] | undefined;
  verdict?: Verdict | undefined;
  provider?: string | undefined;
  preset?: string | undefined;
  jobKey?: string | undefined;
};

/** Spend of a run: what providers charged, and that plus estimates of jobs still in flight. */
export type Spend = { actualUsd: number; committedUsd: number };

export function jobFromRow(row: Row): JobRecord {
  return {
    id: num(row['id']),
    experiment_id: str(row['experiment_id']),
    job_key: str(row['job_key']),
    state: str(row['state']) as JobState,
    parked_from: strOrNull(row['parked_from']) as JobState | null,
    preset: strOrNull(row['preset']),
    provider: str(row['provider']),
    model: strOrNull(row['model']),
    prompt_hash: strOrNull(row['prompt_hash']),
    request_hash: strOrNull(row['request_hash']),
    skeleton_id: strOrNull(row['skeleton_id']),
    reference_id: strOrNull(row['reference_id']),
    motion_score: numOrNull(row['motion_score']),
    camera_intent: strOrNull(row['camera_intent']),
    seed: numOrNull(row['seed']),
    repeat_index: num(row['repeat_index']),
    pass_name: strOrNull(row['pass_name']),
    sweep_value: jsonOrNull<unknown>(row['sweep_value']),
    failover_of: numOrNull(row['failover_of']),
    failover_reason: strOrNull(row['failover_reason']),
    reused_from: numOrNull(row['reused_from']),
    provider_task_id: strOrNull(row['provider_task_id']),
    clip_hash: strOrNull(row['clip_hash']),
    thumb_hash: strOrNull(row['thumb_hash']),
    estimated_cost_usd: numOrNull(row['estimated_cost_usd']),
    cost_usd: numOrNull(row['cost_usd']),
    cost_basis: strOrNull(row['cost_basis']),
    verdict: strOrNull(row['verdict']) as Verdict | null,
    simulated: bool(row['simulated']),
    request: jsonOrNull<Record<string, unknown>>(row['request']) ?? {},
    task_meta: jsonOrNull<Record<string, unknown>>(row['task_meta']),
    error: jsonOrNull<JobError>(row['error']),
    created_at: str(row['created_at']),
    updated_at: str(row['updated_at']),
    submitted_at: strOrNull(row['submitted_at']),
    finished_at: strOrNull(row['finished_at']),
    iso_week: str(row['iso_week']),
  };
}

function patchAssignments(patch: JobPatch): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof JobPatch, string][]) {
    if (!(key in patch)) continue;
    const value = patch[key];
    sets.push(`${column} = ?`);
    if (key === 'taskMeta' || key === 'error') values.push(toJson(value));
    else if (key === 'simulated') values.push(value === true ? 1 : 0);
    else values.push(value ?? null);
  }
  return { sets, values };
}

export function createJobsRepo(db: StoreDb) {
  const get = (id: number): JobRecord | null => {
    const row = db.sql.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? null : jobFromRow(row);
  };
  const require = (id: number): JobRecord => {
    const job = get(id);
    if (job === null)
      throw new StoreError({
        code: 'store_not_found',
        message: `no job with id ${id}`,
        hint: 'see job ids with `clipbench runs show <run>`',
      });
    return job;
  };
  const getByKey = (experimentId: string, jobKey: string): JobRecord | null => {
    const row = db.sql
      .prepare('SELECT * FROM jobs WHERE experiment_id = ? AND job_key = ?')
      .get(experimentId, jobKey) as Row | undefined;
    return row === undefined ? null : jobFromRow(row);
  };
  const update = (id: number, sets: string[], values: unknown[]): JobRecord => {
    db.sql
      .prepare(`UPDATE jobs SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`)
      .run(...values, db.now().toISOString(), id);
    return require(id);
  };
  const insert = (input: NewJob): JobRecord => {
    const existing = getByKey(input.experimentId, input.jobKey);
    if (existing !== null) return existing;
    const now = db.now();
    const info = db.sql
      .prepare(
        `INSERT INTO jobs (experiment_id, job_key, state, preset, provider, model, prompt_hash, request_hash,
           skeleton_id, reference_id, motion_score, camera_intent, seed, repeat_index, pass_name, sweep_value,
           failover_of, failover_reason, estimated_cost_usd, simulated, request, created_at, updated_at, iso_week)
         VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.experimentId,
        input.jobKey,
        input.preset ?? null,
        input.provider,
        input.model ?? null,
        input.promptHash ?? null,
        input.requestHash ?? null,
        input.skeletonId ?? null,
        input.referenceId ?? null,
        input.motionScore ?? null,
        input.cameraIntent ?? null,
        input.seed ?? null,
        input.repeatIndex ?? 0,
        input.passName ?? null,
        toJson(input.sweepValue),
        input.failoverOf ?? null,
        input.failoverReason ?? null,
        input.estimatedCostUsd ?? null,
        input.simulated === true ? 1 : 0,
        JSON.stringify(input.request),
        now.toISOString(),
        now.toISOString(),
        isoWeek(now),
      );
    return require(Number(info.lastInsertRowid));
  };

  return {
    get,
    require,
    /** The job with this key in this run, or null. */
    getByKey,
    /**
     * Journals a planned job. Idempotent: planning the same (run, job key) twice returns the existing
     * row unchanged, so re-planning after a crash never duplicates work.
     */
    plan(input: NewJob): JobRecord {
      return db.tx(() => insert(input));
    },
    /** Plans many jobs in one transaction; returns them in input order. */
    planMany(inputs: readonly NewJob[]): JobRecord[] {
      return db.tx(() => inputs.map(insert));
    },
    /** Plans a failover job linked to the failed job it replaces. */
    planFailover(failedJobId: number, input: Omit<NewJob, 'failoverOf'>, reason: string): JobRecord {
      return db.tx(() => {
        require(failedJobId);
        return insert({ ...input, failoverOf: failedJobId, failoverReason: reason });
      });
    },
    /**
     * Compare-and-set state change: succeeds only when the job is in one of `from` and the edge
     * `state → to` is allowed (JOB_TRANSITIONS); otherwise `store_conflict`. Applies `patch` in the
     * same statement. Stamps submitted_at on → submitted and finished_at on → judged/failed.
     */
    transition(
      id: number,
      from: JobState | readonly JobState[],
      to: JobState,
      patch: JobPatch = {},
    ): JobRecord {
      return db.tx(() => {
        const job = require(id);
        const allowedFrom = typeof from === 'string' ? [from] : from;
        if (!allowedFrom.includes(job.state) || !canTransition(job.state, to, job.parked_from)) {
          throw new StoreError({
            code: 'store_conflict',
            message: `job ${id} is ${job.state}; cannot move it to ${to} (expected ${allowedFrom.join(' | ')})`,
            hint: 'another runner may be working on this run; re-read the job before acting',
          });
        }
        const { sets, values } = patchAssignments(patch);
        sets.push('state = ?');
        values.push(to);
        if (job.state === 'parked') sets.push('parked_from = NULL');
        if (to === 'submitted' && job.submitted_at === null) {
          sets.push('submitted_at = ?');
          values.push(db.now().toISOString());
        }
        if (to === 'judged' || to === 'failed') {
          sets.push('finished_at = ?');
          values.push(db.now().toISOString());
        }
        return update(id, sets, values);
      });
    },
    /** Parks a live job (e.g. on SIGINT or budget) so a later resume continues from its state. */
    park(id: number, reason: string): JobRecord {
      return db.tx(() => {
        const job = require(id);
        if (job.state === 'parked') return job;
        if (!canTransition(job.state, 'parked'))
          throw new StoreError({
            code: 'store_conflict',
            message: `job ${id} is ${job.state}; cannot park it`,
          });
        return update(
          id,
          ['parked_from = ?', 'state = ?', 'error = ?'],
          [job.state, 'parked', JSON.stringify({ code: 'parked', message: reason })],
        );
      });
    },
    /** Returns a parked job to the state it was parked from. */
    unpark(id: number): JobRecord {
      return db.tx(() => {
        const job = require(id);
        if (job.state !== 'parked' || job.parked_from === null) return job;
        return update(id, ['state = ?', 'parked_from = NULL', 'error = NULL'], [job.parked_from]);
      });
    },
    /** Marks a live job failed with a typed error (terminal). */
    fail(id: number, error: JobError): JobRecord {
      return db.tx(() => {
        const job = require(id);
        if (!canTransition(job.state, 'failed'))
          throw new StoreError({
            code: 'store_conflict',
            message: `job ${id} is ${job.state}; cannot fail it`,
          });
        return update(
          id,
          ['state = ?', 'error = ?', 'finished_at = ?'],
          ['failed', JSON.stringify(error), db.now().toISOString()],
        );
      });
    },
    /** Sets columns without changing state (e.g. provider task id, actual cost). */
    patch(id: number, patch: JobPatch): JobRecord {
      return db.tx(() => {
        const { sets, values } = patchAssignments(patch);
        return sets.length === 0 ? require(id) : update(id, sets, values);
      });
    },
    /**
     * Resolves a user's job reference: a numeric id, or a job key / unique key prefix (optionally
     * within one run). Several jobs sharing one key (the same clip reused by later runs) resolve to
     * the newest. `store_not_found` when nothing or several different keys match.
     */
    resolve(ref: string, experimentId?: string): JobRecord {
      if (/^#?\d+$/.test(ref)) return require(Number(ref.replace('#', '')));
      const rows = (
        db.sql
          .prepare(
            `SELECT * FROM jobs WHERE job_key LIKE ? || '%' AND (? IS NULL OR experiment_id = ?) ORDER BY id DESC LIMIT 50`,
          )
          .all(ref, experimentId ?? null, experimentId ?? null) as Row[]
      ).map(jobFromRow);
      const keys = new Set(rows.map((r) => r.job_key));
      if (rows.length > 0 && keys.size === 1) return rows[0] as JobRecord;
      throw new StoreError({
        code: 'store_not_found',
        message:
          rows.length === 0 ? `no job matches "${ref}"` : `"${ref}" matches ${keys.size} different job keys`,
        hint: 'give the numeric job id shown by `clipbench runs show <run>`, or more of the job key',
      });
    },
    /** Every job with this key, across runs, newest first (job keys are deterministic). */
    findByKey(jobKey: string): JobRecord[] {
      return (
        db.sql.prepare('SELECT * FROM jobs WHERE job_key = ? ORDER BY id DESC').all(jobKey) as Row[]
      ).map(jobFromRow);
    },
    /**
     * The newest finished job with this key whose clip can be reused (judged, clip stored), from any
     * run other than `excludeExperimentId`.
     */
    findReusable(jobKey: string, excludeExperimentId?: string): JobRecord | null {
      const row = db.sql
        .prepare(
          `SELECT * FROM jobs WHERE job_key = ? AND state = 'judged' AND clip_hash IS NOT NULL
             AND experiment_id IS NOT ? ORDER BY id DESC LIMIT 1`,
        )
        .get(jobKey, excludeExperimentId ?? null) as Row | undefined;
      return row === undefined ? null : jobFromRow(row);
    },
    /**
     * Completes `id` from a stored job with the same key: copies clip, thumbnail, analyses and
     * verdicts, marks it judged with `reused_from`, and records no cost. One transaction.
     */
    reuse(id: number, sourceJobId: number): JobRecord {
      return db.tx(() => {
        const job = require(id);
        const source = require(sourceJobId);
        if (job.state !== 'planned')
          throw new StoreError({
            code: 'store_conflict',
            message: `job ${id} is ${job.state}; only planned jobs reuse clips`,
          });
        db.sql
          .prepare(
            `INSERT INTO analyses (job_id, clip_hash, camera_move, camera_speed, result, created_at)
             SELECT ?, clip_hash, camera_move, camera_speed, result, created_at FROM analyses WHERE job_id = ? ORDER BY id`,
          )
          .run(id, sourceJobId);
        db.sql
          .prepare(
            `INSERT INTO verdicts (job_id, source, verdict, temporal_score, subject_score, camera_score, rubric, note, reviewer, created_at)
             SELECT ?, source, verdict, temporal_score, subject_score, camera_score, rubric, note, reviewer, created_at
             FROM verdicts WHERE job_id = ? ORDER BY id`,
          )
          .run(id, sourceJobId);
        return update(
          id,
          [
            'state = ?',
            'reused_from = ?',
            'clip_hash = ?',
            'thumb_hash = ?',
            'provider_task_id = ?',
            'task_meta = ?',
            'verdict = ?',
            'simulated = ?',
            'cost_usd = 0',
            "cost_basis = 'reused'",
            'finished_at = ?',
          ],
          [
            'judged',
            sourceJobId,
            source.clip_hash,
            source.thumb_hash,
            source.provider_task_id,
            toJson(source.task_meta),
            source.verdict,
            source.simulated ? 1 : 0,
            db.now().toISOString(),
          ],
        );
      });
    },
    /** Jobs matching a filter, in id order. */
    list(filter: JobFilter = {}): JobRecord[] {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        where.push(clause);
        values.push(value);
      };
      if (filter.experimentId !== undefined) add('experiment_id = ?', filter.experimentId);
      if (filter.verdict !== undefined) add('verdict = ?', filter.verdict);
      if (filter.provider !== undefined) add('provider = ?', filter.provider);
      if (filter.preset !== undefined) add('preset = ?', filter.preset);
      if (filter.jobKey !== undefined) add('job_key = ?', filter.jobKey);
      if (filter.states !== undefined && filter.states.length > 0) {
        where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
        values.push(...filter.states);
      }
      const sql = `SELECT * FROM jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
      return (db.sql.prepare(sql).all(...values) as Row[]).map(jobFromRow);
    },
    /** Count of jobs per state in a run (every state present, zero when none). */
    countByState(experimentId: string): Record<JobState, number> {
      const counts: Record<JobState, number> = {
        planned: 0,
        submitting: 0,
        submitted: 0,
        generated: 0,
        downloaded: 0,
        analyzed: 0,
        judged: 0,
        failed: 0,
        parked: 0,
      };
      const rows = db.sql
        .prepare('SELECT state, count(*) AS n FROM jobs WHERE experiment_id = ? GROUP BY state')
        .all(experimentId) as Row[];
      for (const row of rows) counts[str(row['state']) as JobState] = num(row['n']);
      return counts;
    },
    /**
     * Spend of a run: actual = reported costs; committed = actual + estimates of jobs that reached
     * the provider (submitting and later) but have no actual cost yet. The budget check uses committed.
     */
    spend(experimentId: string): Spend {
      const row = db.sql
        .prepare(
          `SELECT coalesce(sum(cost_usd), 0) AS actual,
             coalesce(sum(CASE WHEN cost_usd IS NOT NULL THEN cost_usd
               WHEN state NOT IN ('planned') AND NOT (state = 'parked' AND parked_from = 'planned')
               THEN coalesce(estimated_cost_usd, 0) ELSE 0 END), 0) AS committed
           FROM jobs WHERE experiment_id = ?`,
        )
        .get(experimentId) as Row;
      return { actualUsd: num(row['actual']), committedUsd: num(row['committed']) };
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;

/** Attempts repository: one row per provider operation with the retry layer's metrics. */
import type { AttemptRecord } from '../contract/run.ts';
import type { StoreDb } from './db.ts';
import { jsonOrNull, num, numOrNull, type Row, str, strOrNull, toJson } from './rows.ts';

export type NewAttempt = {
  jobId: number;
  phase: AttemptRecord['phase'];
  /** Tries made (1 = succeeded or failed first time). */
  attempts: number;
  totalDelayMs?: number | undefined;
  latencyMs?: number | null | undefined;
  outcome: 'ok' | 'error';
  errorCode?: string | null | undefined;
  httpStatus?: number | null | undefined;
  /** Anything else worth keeping: per-try delays, retry-after values, provider request ids. */
  detail?: Record<string, unknown> | null | undefined;
};

/** Retry totals of a run, per phase. */
export type AttemptTotals = Record<
  string,
  { operations: number; attempts: number; retries: number; errors: number }
>;

function toRecord(row: Row): AttemptRecord {
  return {
    id: num(row['id']),
    job_id: num(row['job_id']),
    phase: str(row['phase']) as AttemptRecord['phase'],
    attempts: num(row['attempts']),
    total_delay_ms: num(row['total_delay_ms']),
    latency_ms: numOrNull(row['latency_ms']),
    outcome: str(row['outcome']) as AttemptRecord['outcome'],
    error_code: strOrNull(row['error_code']),
    http_status: numOrNull(row['http_status']),
    detail: jsonOrNull<Record<string, unknown>>(row['detail']),
    created_at: str(row['created_at']),
  };
}

export function createAttemptsRepo(db: StoreDb) {
  return {
    /** Appends an attempt row (its own small transaction). */
    record(input: NewAttempt): AttemptRecord {
      const info = db.sql
        .prepare(
          `INSERT INTO attempts (job_id, phase, attempts, total_delay_ms, latency_ms, outcome, error_code, http_status, detail, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.jobId,
          input.phase,
          input.attempts,
          Math.round(input.totalDelayMs ?? 0),
          input.latencyMs === undefined || input.latencyMs === null ? null : Math.round(input.latencyMs),
          input.outcome,
          input.errorCode ?? null,
          input.httpStatus ?? null,
          toJson(input.detail),
          db.now().toISOString(),
        );
      return toRecord(db.sql.prepare('SELECT * FROM attempts WHERE id = ?').get(info.lastInsertRowid) as Row);
    },
    /** A job's attempts in order. */
    list(jobId: number): AttemptRecord[] {
      return (db.sql.prepare('SELECT * FROM attempts WHERE job_id = ? ORDER BY id').all(jobId) as Row[]).map(
        toRecord,
      );
    },
    /** Per-phase totals for a run: operations, tries, retries (tries beyond the first), errors. */
    totals(experimentId: string): AttemptTotals {
      const rows = db.sql
        .prepare(
          `SELECT a.phase, count(*) AS operations, sum(a.attempts) AS attempts,
             sum(a.attempts - 1) AS retries, sum(a.outcome = 'error') AS errors
           FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE j.experiment_id = ? GROUP BY a.phase`,
        )
        .all(experimentId) as Row[];
      const out: AttemptTotals = {};
      for (const row of rows)
        out[str(row['phase'])] = {
          operations: num(row['operations']),
          attempts: num(row['attempts']),
          retries: num(row['retries']),
          errors: num(row['errors']),
        };
      return out;
    },
  };
}

export type AttemptsRepo = ReturnType<typeof createAttemptsRepo>;

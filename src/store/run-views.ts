/** Read models for reports, the dashboard and stats: joins over the repositories' tables. */
import type { AnalysisResult } from '../contract/analysis.ts';
import type { AssetRecord, JobView, RunView, StatRow } from '../contract/run.ts';
import type { Rubric, Verdict, VerdictRecord } from '../contract/verdict.ts';
import { assetFromRow } from './assets.ts';
import type { StoreDb } from './db.ts';
import { experimentFromRow } from './experiments.ts';
import { jobFromRow } from './jobs.ts';
import { bool, jsonOrNull, num, numOrNull, type Row, str, strOrNull } from './rows.ts';
import { StoreError } from './store-error.ts';

/** Job totals of one run. */
export type RunTotals = { jobs: number; judged: number; usable: number; failed: number; spendUsd: number };

export type StatFilter = {
  preset?: string | undefined;
  provider?: string | undefined;
  /** Include jobs completed by reusing a stored clip (they are not new generations). @default false */
  includeReused?: boolean | undefined;
};

export function createRunViews(db: StoreDb) {
  const asset = (hash: string | null): AssetRecord | null => {
    if (hash === null) return null;
    const row = db.sql.prepare('SELECT * FROM assets WHERE content_hash = ?').get(hash) as Row | undefined;
    return row === undefined ? null : assetFromRow(row);
  };
  const latestVerdict = (jobId: number, source: 'auto' | 'human'): VerdictRecord | null => {
    const row = db.sql
      .prepare('SELECT * FROM verdicts WHERE job_id = ? AND source = ? ORDER BY id DESC LIMIT 1')
      .get(jobId, source) as Row | undefined;
    if (row === undefined) return null;
    const rubric = jsonOrNull<Rubric>(row['rubric']);
    return {
      id: num(row['id']),
      job_id: num(row['job_id']),
      source,
      verdict: str(row['verdict']) as Verdict,
      scores: rubric === null ? null : rubric.scores,
      rubric,
      note: strOrNull(row['note']),
      reviewer: strOrNull(row['reviewer']),
      created_at: str(row['created_at']),
    };
  };

  /** A job with analysis, verdicts, media and retry counts. */
  const jobView = (jobId: number): JobView => {
    const row = db.sql.prepare('SELECT * FROM jobs WHERE id = ?').get(jobId) as Row | undefined;
    if (row === undefined)
      throw new StoreError({ code: 'store_not_found', message: `no job with id ${jobId}` });
    const job = jobFromRow(row);
    const analysisRow = db.sql
      .prepare('SELECT result FROM analyses WHERE job_id = ? ORDER BY id DESC LIMIT 1')
      .get(jobId) as Row | undefined;
    const tries = db.sql
      .prepare(
        'SELECT coalesce(sum(attempts), 0) AS a, coalesce(sum(attempts - 1), 0) AS r FROM attempts WHERE job_id = ?',
      )
      .get(jobId) as Row;
    return {
      ...job,
      analysis: analysisRow === undefined ? null : jsonOrNull<AnalysisResult>(analysisRow['result']),
      auto_verdict: latestVerdict(jobId, 'auto'),
      human_verdict: latestVerdict(jobId, 'human'),
      clip: asset(job.clip_hash),
      thumb: asset(job.thumb_hash),
      attempt_count: num(tries['a']),
      retry_count: num(tries['r']),
    };
  };

  return {
    jobView,
    /** A run and all its jobs (id order): the input of every report renderer. */
    runView(experimentId: string): RunView {
      const experimentRow = db.sql.prepare('SELECT id FROM experiments WHERE id = ?').get(experimentId);
      if (experimentRow === undefined)
        throw new StoreError({ code: 'store_not_found', message: `no run with id "${experimentId}"` });
      const ids = (
        db.sql.prepare('SELECT id FROM jobs WHERE experiment_id = ? ORDER BY id').all(experimentId) as Row[]
      ).map((r) => num(r['id']));
      const experiment = experimentFromRow(
        db.sql.prepare('SELECT * FROM experiments WHERE id = ?').get(experimentId) as Row,
      );
      return {
        experiment,
        jobs: ids.map((id) => jobView(id)),
      };
    },
    /** Per-run job totals for `runs list` and the dashboard, keyed by run id. */
    runTotals(): Map<string, RunTotals> {
      const rows = db.sql
        .prepare(
          `SELECT experiment_id, count(*) AS jobs, sum(verdict IS NOT NULL) AS judged,
             sum(verdict IN ('pass', 'pass_with_edits')) AS usable, sum(state = 'failed') AS failed,
             coalesce(sum(cost_usd), 0) AS spend FROM jobs GROUP BY experiment_id`,
        )
        .all() as Row[];
      return new Map(
        rows.map((r) => [
          str(r['experiment_id']),
          {
            jobs: num(r['jobs']),
            judged: num(r['judged']),
            usable: num(r['usable']),
            failed: num(r['failed']),
            spendUsd: num(r['spend']),
          },
        ]),
      );
    },
    /** Finished jobs (judged or failed) reduced for `stats`; reused jobs excluded by default. */
    statRows(filter: StatFilter = {}): StatRow[] {
      const rows = db.sql
        .prepare(
          `SELECT id, experiment_id, iso_week, preset, provider, model, state, verdict, cost_usd, motion_score, simulated
           FROM jobs WHERE state IN ('judged', 'failed')
             AND (? IS NULL OR preset = ?) AND (? IS NULL OR provider = ?)
             AND (? = 1 OR reused_from IS NULL)
           ORDER BY iso_week, id`,
        )
        .all(
          filter.preset ?? null,
          filter.preset ?? null,
          filter.provider ?? null,
          filter.provider ?? null,
          filter.includeReused === true ? 1 : 0,
        ) as Row[];
      return rows.map((row) => ({
        job_id: num(row['id']),
        experiment_id: str(row['experiment_id']),
        iso_week: str(row['iso_week']),
        preset: strOrNull(row['preset']),
        provider: str(row['provider']),
        model: strOrNull(row['model']),
        state: str(row['state']) as StatRow['state'],
        verdict: strOrNull(row['verdict']) as Verdict | null,
        cost_usd: numOrNull(row['cost_usd']),
        motion_score: numOrNull(row['motion_score']),
        simulated: bool(row['simulated']),
      }));
    },
  };
}

export type RunViews = ReturnType<typeof createRunViews>;

/**
 * Verdicts repository. Automatic verdicts come from the rubric; human verdicts from review. The
 * effective verdict is the latest human one when present, else the latest automatic one (the
 * `effective_verdicts` view); `jobs.verdict` mirrors it, updated in the same transaction.
 */
import type { Rubric, Verdict, VerdictRecord, VerdictSource } from '../contract/verdict.ts';
import type { StoreDb } from './db.ts';
import { jsonOrNull, num, numOrNull, type Row, str, strOrNull } from './rows.ts';
import { StoreError } from './store-error.ts';

export type HumanVerdictInput = {
  verdict: Verdict;
  note?: string | null | undefined;
  reviewer?: string | null | undefined;
};

/** Agreement between human and automatic verdicts over jobs that have both. */
export type Agreement = { compared: number; agreed: number; rate: number | null };

function toRecord(row: Row): VerdictRecord {
  const temporal = numOrNull(row['temporal_score']);
  const subject = numOrNull(row['subject_score']);
  const camera = numOrNull(row['camera_score']);
  return {
    id: num(row['id']),
    job_id: num(row['job_id']),
    source: str(row['source']) as VerdictSource,
    verdict: str(row['verdict']) as Verdict,
    scores:
      temporal === null && subject === null && camera === null
        ? null
        : { temporal_continuity: temporal, subject_integrity: subject, camera_intent_match: camera },
    rubric: jsonOrNull<Rubric>(row['rubric']),
    note: strOrNull(row['note']),
    reviewer: strOrNull(row['reviewer']),
    created_at: str(row['created_at']),
  };
}

export function createVerdictsRepo(db: StoreDb) {
  const effective = (jobId: number): VerdictRecord | null => {
    const row = db.sql.prepare('SELECT * FROM effective_verdicts WHERE job_id = ?').get(jobId) as
      | Row
      | undefined;
    return row === undefined ? null : toRecord(row);
  };
  const insert = (
    jobId: number,
    source: VerdictSource,
    verdict: Verdict,
    rubric: Rubric | null,
    human?: HumanVerdictInput,
  ) =>
    db.tx(() => {
      const exists = db.sql.prepare('SELECT 1 FROM jobs WHERE id = ?').get(jobId);
      if (exists === undefined)
        throw new StoreError({
          code: 'store_not_found',
          message: `no job with id ${jobId}`,
          hint: 'see job ids with `clipbench runs show <run>`',
        });
      const info = db.sql
        .prepare(
          `INSERT INTO verdicts (job_id, source, verdict, temporal_score, subject_score, camera_score, rubric, note, reviewer, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          jobId,
          source,
          verdict,
          rubric?.scores.temporal_continuity ?? null,
          rubric?.scores.subject_integrity ?? null,
          rubric?.scores.camera_intent_match ?? null,
          rubric === null ? null : JSON.stringify(rubric),
          human?.note ?? null,
          human?.reviewer ?? null,
          db.now().toISOString(),
        );
      const winner = effective(jobId);
      db.sql
        .prepare('UPDATE jobs SET verdict = ?, updated_at = ? WHERE id = ?')
        .run(winner?.verdict ?? null, db.now().toISOString(), jobId);
      return toRecord(db.sql.prepare('SELECT * FROM verdicts WHERE id = ?').get(info.lastInsertRowid) as Row);
    });

  return {
    /** Stores the rubric's automatic verdict (does not change job state; the runner transitions to judged). */
    recordAuto(jobId: number, rubric: Rubric): VerdictRecord {
      return insert(jobId, 'auto', rubric.verdict, rubric);
    },
    /** Stores a human verdict; it becomes the effective verdict. */
    recordHuman(jobId: number, input: HumanVerdictInput): VerdictRecord {
      return insert(jobId, 'human', input.verdict, null, input);
    },
    /** Effective verdict: latest human, else latest automatic, else null. */
    effective,
    /** The latest automatic verdict (with its rubric), or null. */
    latestAuto(jobId: number): VerdictRecord | null {
      const row = db.sql
        .prepare("SELECT * FROM verdicts WHERE job_id = ? AND source = 'auto' ORDER BY id DESC LIMIT 1")
        .get(jobId) as Row | undefined;
      return row === undefined ? null : toRecord(row);
    },
    /** Every verdict of a job, oldest first. */
    list(jobId: number): VerdictRecord[] {
      return (db.sql.prepare('SELECT * FROM verdicts WHERE job_id = ? ORDER BY id').all(jobId) as Row[]).map(
        toRecord,
      );
    },
    /** Human vs automatic agreement (latest of each per job), optionally within one run. */
    agreement(experimentId?: string): Agreement {
      const row = db.sql
        .prepare(
          `WITH latest AS (
             SELECT job_id, source, verdict FROM verdicts v
             WHERE v.id = (SELECT max(id) FROM verdicts v2 WHERE v2.job_id = v.job_id AND v2.source = v.source)
           )
           SELECT count(*) AS compared, coalesce(sum(h.verdict = a.verdict), 0) AS agreed
           FROM latest h JOIN latest a ON a.job_id = h.job_id AND a.source = 'auto'
           JOIN jobs j ON j.id = h.job_id
           WHERE h.source = 'human' AND (? IS NULL OR j.experiment_id = ?)`,
        )
        .get(experimentId ?? null, experimentId ?? null) as Row;
      const compared = num(row['compared']);
      const agreed = num(row['agreed']);
      return { compared, agreed, rate: compared === 0 ? null : agreed / compared };
    },
  };
}

export type VerdictsRepo = ReturnType<typeof createVerdictsRepo>;

/** Analyses repository: the AnalysisResult of each job's clip (latest wins). */
import type { AnalysisResult } from '../contract/analysis.ts';
import type { StoreDb } from './db.ts';
import { jsonOrNull, type Row } from './rows.ts';

export function createAnalysesRepo(db: StoreDb) {
  return {
    /** Stores an analysis for a job (and its clip, so another job with the same clip can reuse it). */
    save(jobId: number, result: AnalysisResult, clipHash?: string | null): void {
      db.sql
        .prepare(
          'INSERT INTO analyses (job_id, clip_hash, camera_move, camera_speed, result, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          jobId,
          clipHash ?? null,
          result.camera.move,
          result.camera.speed,
          JSON.stringify(result),
          db.now().toISOString(),
        );
    },
    /** The newest analysis of a job, or null. */
    latest(jobId: number): AnalysisResult | null {
      const row = db.sql
        .prepare('SELECT result FROM analyses WHERE job_id = ? ORDER BY id DESC LIMIT 1')
        .get(jobId) as Row | undefined;
      return row === undefined ? null : jsonOrNull<AnalysisResult>(row['result']);
    },
    /** The newest analysis of a clip by content hash, from any job. */
    findByClip(clipHash: string): AnalysisResult | null {
      const row = db.sql
        .prepare('SELECT result FROM analyses WHERE clip_hash = ? ORDER BY id DESC LIMIT 1')
        .get(clipHash) as Row | undefined;
      return row === undefined ? null : jsonOrNull<AnalysisResult>(row['result']);
    },
  };
}

export type AnalysesRepo = ReturnType<typeof createAnalysesRepo>;

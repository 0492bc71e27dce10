/** What every renderer shows about one job, derived once from a JobView. */
import type { JobView } from '../contract/run.ts';
import type { Rubric, RubricEdit, RubricReason, Verdict } from '../contract/verdict.ts';

export type JobFacts = {
  id: number;
  label: string;
  verdict: Verdict | null;
  verdictSource: 'human' | 'auto' | null;
  humanNote: string | null;
  rubric: Rubric | null;
  /** Reasons that failed a check or call for an edit (notes left out). */
  reasons: RubricReason[];
  edits: RubricEdit[];
  measuredMove: string | null;
  simulated: boolean;
  error: string | null;
};

/** Derives the displayed facts of a job. */
export function jobFacts(job: JobView): JobFacts {
  const rubric = job.auto_verdict?.rubric ?? null;
  const camera = job.analysis?.camera;
  const parts = [`#${job.id}`];
  if (job.motion_score !== null) parts.push(`motion_score ${job.motion_score}`);
  if (job.pass_name !== null) parts.push(job.pass_name);
  if (job.seed !== null) parts.push(`seed ${job.seed}`);
  if (job.failover_of !== null) parts.push(`failover of #${job.failover_of}`);
  if (job.reused_from !== null) parts.push(`reused #${job.reused_from}`);
  return {
    id: job.id,
    label: parts.join(' · '),
    verdict: job.verdict,
    verdictSource: job.human_verdict !== null ? 'human' : job.auto_verdict !== null ? 'auto' : null,
    humanNote: job.human_verdict?.note ?? null,
    rubric,
    reasons: (rubric?.reasons ?? []).filter((r) => r.effect !== 'note'),
    edits: rubric?.edits ?? [],
    measuredMove:
      camera === undefined ? null : `${camera.move}${camera.speed === null ? '' : ` (${camera.speed})`}`,
    simulated: job.simulated || job.clip?.simulated === true,
    error: job.error === null ? null : `${job.error.code}: ${job.error.message}`,
  };
}

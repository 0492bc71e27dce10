/**
 * Run summaries shared by the runner, reports and dashboard: usable rate per motion_score, cost per
 * usable clip, and the recommended approved motion_score range with its evidence. Pure.
 * Usable = pass + pass_with_edits; rates are over judged jobs (jobs with a verdict).
 */
import type { JobState, RunView } from '../contract/run.ts';
import { isUsable, type Verdict } from '../contract/verdict.ts';

/** Usable-rate bar used when neither the caller nor the run's plan gives the preset's `usable_rate_min`. */
export const DEFAULT_USABLE_RATE_MIN = 0.7;

export type SummaryJob = {
  motion_score: number | null;
  state: JobState;
  verdict: Verdict | null;
  cost_usd: number | null;
  /** Set when the clip was reused from an earlier job (no new generation, no new spend). */
  reused_from?: number | null | undefined;
};

export type ValuePoint = {
  motion_score: number;
  jobs: number;
  judged: number;
  pass: number;
  pass_with_edits: number;
  fail: number;
  /** Jobs that never produced a judged clip (provider failure, moderation, …). */
  failed_jobs: number;
  usable: number;
  /** usable / judged, null when nothing was judged. */
  usable_rate: number | null;
  cost_usd: number;
};

/**
 * Spend of this run and spend per usable clip among the clips it generated. Reused clips cost nothing
 * new and are left out of the ratio, so a re-run that reuses everything reads "—", not "$0.00".
 */
export type CostSummary = {
  total_cost_usd: number;
  usable: number;
  cost_per_usable_usd: number | null;
  /** Jobs whose clip was reused from an earlier run. */
  reused: number;
};

export type RangeRecommendation = {
  min: number;
  max: number;
  usable_rate_min: number;
  /** The points inside the range, the evidence for it. */
  evidence: ValuePoint[];
  reason: string;
};

/** Usable rate per motion_score, ascending. Jobs without a motion_score are left out. */
export function usableRateByMotionScore(jobs: readonly SummaryJob[]): ValuePoint[] {
  const points = new Map<number, ValuePoint>();
  for (const job of jobs) {
    if (job.motion_score === null) continue;
    const point = points.get(job.motion_score) ?? {
      motion_score: job.motion_score,
      jobs: 0,
      judged: 0,
      pass: 0,
      pass_with_edits: 0,
      fail: 0,
      failed_jobs: 0,
      usable: 0,
      usable_rate: null,
      cost_usd: 0,
    };
    point.jobs += 1;
    point.cost_usd += job.cost_usd ?? 0;
    if (job.verdict !== null) {
      point.judged += 1;
      point[job.verdict] += 1;
      if (isUsable(job.verdict)) point.usable += 1;
    } else if (job.state === 'failed') point.failed_jobs += 1;
    points.set(job.motion_score, point);
  }
  return [...points.values()]
    .map((p) => ({ ...p, usable_rate: p.judged === 0 ? null : p.usable / p.judged }))
    .sort((a, b) => a.motion_score - b.motion_score);
}

/** A note for printed summaries when reused clips were left out of the cost per usable clip. */
export function reusedCostNote(cost: CostSummary): string {
  if (cost.reused === 0) return '';
  return ` (${cost.reused} reused clip${cost.reused === 1 ? '' : 's'} cost nothing new and are not counted)`;
}

/** Total spend and spend per usable clip (null when no clip was usable). */
export function costPerUsable(jobs: readonly SummaryJob[]): CostSummary {
  const total = jobs.reduce((sum, j) => sum + (j.cost_usd ?? 0), 0);
  const generated = jobs.filter((j) => j.reused_from === undefined || j.reused_from === null);
  const usable = generated.filter((j) => isUsable(j.verdict)).length;
  return {
    total_cost_usd: total,
    usable,
    cost_per_usable_usd: usable === 0 ? null : total / usable,
    reused: jobs.length - generated.length,
  };
}

/**
 * The widest contiguous run of swept motion_score values whose usable rate is ≥ `usableRateMin`
 * (every point judged at least once). Ties prefer more judged clips, then lower scores (safer).
 * Null when no point clears the bar.
 */
export function recommendRange(
  points: readonly ValuePoint[],
  usableRateMin: number,
): RangeRecommendation | null {
  let best: ValuePoint[] | null = null;
  let current: ValuePoint[] = [];
  const better = (a: ValuePoint[], b: ValuePoint[] | null): boolean => {
    if (b === null) return true;
    const width = (r: ValuePoint[]) => (r.at(-1)?.motion_score ?? 0) - (r[0]?.motion_score ?? 0);
    const judged = (r: ValuePoint[]) => r.reduce((s, p) => s + p.judged, 0);
    if (width(a) !== width(b)) return width(a) > width(b);
    return judged(a) > judged(b);
  };
  for (const point of [...points, null]) {
    const healthy = point !== null && point.usable_rate !== null && point.usable_rate >= usableRateMin;
    if (healthy) current.push(point);
    else {
      if (current.length > 0 && better(current, best)) best = current;
      current = [];
    }
  }
  if (best === null) return null;
  const first = best[0] as ValuePoint;
  const last = best.at(-1) as ValuePoint;
  const judged = best.reduce((s, p) => s + p.judged, 0);
  const usable = best.reduce((s, p) => s + p.usable, 0);
  const rates = best.map((p) => `${p.motion_score}: ${p.usable}/${p.judged}`).join(', ');
  return {
    min: first.motion_score,
    max: last.motion_score,
    usable_rate_min: usableRateMin,
    evidence: best,
    reason: `motion_score ${first.motion_score}–${last.motion_score} keeps usable rate ≥ ${Math.round(usableRateMin * 100)}% at every swept value (${rates}; ${usable}/${judged} overall)`,
  };
}

export type RunSummary = {
  run_id: string;
  name: string;
  preset: string | null;
  provider: string;
  model: string | null;
  status: string;
  simulated: boolean;
  jobs: number;
  states: Partial<Record<JobState, number>>;
  verdicts: Record<Verdict, number>;
  judged: number;
  usable: number;
  usable_rate: number | null;
  reused: number;
  retries: number;
  cost: CostSummary;
  by_motion_score: ValuePoint[];
  usable_rate_min: number;
  recommendation: RangeRecommendation | null;
};

/** Summarises a stored run. `usableRateMin` defaults to the run plan's `usable_rate_min`, then DEFAULT_USABLE_RATE_MIN. */
export function summarizeRun(run: RunView, options: { usableRateMin?: number | undefined } = {}): RunSummary {
  const planned = run.experiment.plan['usable_rate_min'];
  const usableRateMin =
    options.usableRateMin ?? (typeof planned === 'number' ? planned : DEFAULT_USABLE_RATE_MIN);
  const states: Partial<Record<JobState, number>> = {};
  const verdicts: Record<Verdict, number> = { pass: 0, pass_with_edits: 0, fail: 0 };
  for (const job of run.jobs) {
    states[job.state] = (states[job.state] ?? 0) + 1;
    if (job.verdict !== null) verdicts[job.verdict] += 1;
  }
  const judged = verdicts.pass + verdicts.pass_with_edits + verdicts.fail;
  const usable = verdicts.pass + verdicts.pass_with_edits;
  const byValue = usableRateByMotionScore(run.jobs);
  return {
    run_id: run.experiment.id,
    name: run.experiment.name,
    preset: run.experiment.preset,
    provider: run.experiment.provider,
    model: run.experiment.model,
    status: run.experiment.status,
    simulated: run.experiment.simulated || run.jobs.some((j) => j.simulated || j.clip?.simulated === true),
    jobs: run.jobs.length,
    states,
    verdicts,
    judged,
    usable,
    usable_rate: judged === 0 ? null : usable / judged,
    reused: run.jobs.filter((j) => j.reused_from !== null).length,
    retries: run.jobs.reduce((s, j) => s + j.retry_count, 0),
    cost: costPerUsable(run.jobs),
    by_motion_score: byValue,
    usable_rate_min: usableRateMin,
    recommendation: recommendRange(byValue, usableRateMin),
  };
}

/** "83%" or "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** "$1.23" or "—". */
export function formatUsd(value: number | null): string {
  return value === null ? '—' : `$${value.toFixed(value !== 0 && Math.abs(value) < 0.1 ? 3 : 2)}`;
}

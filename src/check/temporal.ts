/**
 * Check 4 — temporal consistency of every sweep clip against the fixed rubric (the judge's
 * `temporal_continuity` check: cuts, flicker, freezes, black frames, zoom jumps, shake, length).
 * Every clip at the low and mid points must hold. Mid-high clips are the stress pass — it exists to
 * find where the preset breaks — so their failures are listed as findings but do not fail the gate
 * (the regression check still catches a stress pass that got worse than the approved baseline).
 */
import type { JobView, RunView } from '../contract/run.ts';
import { type CheckResult, checkResult } from './result.ts';

type ClipFinding = {
  job: number;
  pass: string;
  motionScore: number | null;
  holds: boolean;
  score: number;
  reasons: string[];
};

function finding(job: JobView): ClipFinding | null {
  const rubric = job.auto_verdict?.rubric;
  if (!rubric) return null;
  const check = rubric.checks.find((c) => c.name === 'temporal_continuity');
  return {
    job: job.id,
    pass: job.pass_name ?? 'all',
    motionScore: job.motion_score,
    holds: check?.holds ?? false,
    score: rubric.scores.temporal_continuity,
    reasons: rubric.reasons
      .filter((r) => r.check === 'temporal_continuity' && r.effect === 'fail')
      .map((r) => r.message),
  };
}

function lines(f: ClipFinding, clip: string | undefined, prefix = ''): string[] {
  const head = `${prefix}job ${f.job} ${f.pass} motion_score ${f.motionScore ?? '—'}: temporal ${f.score.toFixed(2)} ${f.holds ? 'holds' : 'FAILS'}`;
  return [head, ...(clip ? [`  clip ${clip}`] : []), ...f.reasons.map((r) => `  ${r}`)];
}

/** Judges the temporal consistency of every analysed clip of the sweep run. */
export function temporalCheck(run: RunView): CheckResult {
  const findings = run.jobs.flatMap((j) => {
    const f = finding(j);
    return f === null ? [] : [{ f, clip: j.clip?.path }];
  });
  if (findings.length === 0) {
    return checkResult('temporal_consistency', {
      status: 'failed',
      message: 'no clip of the sweep was analysed, so temporal consistency is unproven',
      evidence: run.jobs.map(
        (j) => `job ${j.id} motion_score ${j.motion_score}: ${j.state}${j.error ? ` (${j.error.code})` : ''}`,
      ),
      hint: 'see the sweep check for why no clip was produced',
    });
  }
  const gating = findings.filter(({ f }) => f.pass !== 'stress');
  const broken = gating.filter(({ f }) => !f.holds);
  const stressBroken = findings.filter(({ f }) => f.pass === 'stress' && !f.holds);
  const evidence = [
    ...broken.flatMap(({ f, clip }) => lines(f, clip)),
    ...stressBroken.flatMap(({ f, clip }) => lines(f, clip, '(stress, not gating) ')),
    `${findings.filter(({ f }) => f.holds).length} of ${findings.length} clips hold temporal continuity`,
  ];
  return checkResult('temporal_consistency', {
    status: broken.length > 0 ? 'failed' : 'passed',
    message:
      broken.length > 0
        ? `${broken.length} of ${gating.length} low/mid clips break temporal continuity`
        : `all ${gating.length} low/mid clips hold${stressBroken.length > 0 ? `; ${stressBroken.length} stress clip(s) break (expected past the sweet spot)` : ''}`,
    evidence,
    ...(broken.length > 0
      ? { hint: 'lower motion_score, or fix the reference (the frames are listed above)' }
      : {}),
    data: { clips: findings.map(({ f, clip }) => ({ ...f, clip: clip ?? null })) },
  });
}

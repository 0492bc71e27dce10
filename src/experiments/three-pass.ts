/**
 * Three-pass gating (the brief's method): baseline, then mid, then stress — and stress only when
 * baseline and mid are both healthy, i.e. their usable rate (pass + pass_with_edits over judged
 * clips, as in the reports) is at least the preset's `usable_rate_min`. Failover jobs test other
 * values, so they never count towards a pass's health. Pure.
 */
import type { JobRecord } from '../contract/run.ts';
import { isUsable } from '../contract/verdict.ts';
import type { PassOutcome } from './runner-types.ts';
import { THREE_PASS_LABELS } from './variables.ts';

/** Job groups in run order: the three passes for a three-pass run, else one group `all`. */
export function passGroups(
  jobs: readonly JobRecord[],
  threePass: boolean,
): { pass: string; jobs: JobRecord[] }[] {
  if (!threePass) return [{ pass: 'all', jobs: [...jobs] }];
  const groups: { pass: string; jobs: JobRecord[] }[] = THREE_PASS_LABELS.map((pass) => ({
    pass,
    jobs: jobs.filter((j) => j.pass_name === pass),
  }));
  const other = jobs.filter((j) => !(THREE_PASS_LABELS as readonly (string | null)[]).includes(j.pass_name));
  if (other.length > 0) groups[0]?.jobs.push(...other);
  return groups;
}

/** Health of one pass over its original (non-failover) jobs. */
export function passHealth(pass: string, jobs: readonly JobRecord[], usableRateMin: number): PassOutcome {
  const own = jobs.filter((j) => j.failover_of === null);
  const judged = own.filter((j) => j.verdict !== null);
  const usable = judged.filter((j) => isUsable(j.verdict)).length;
  const rate = judged.length === 0 ? null : usable / judged.length;
  return {
    pass,
    motion_scores: [...new Set(own.map((j) => j.motion_score).filter((m): m is number => m !== null))].sort(
      (a, b) => a - b,
    ),
    jobs: own.length,
    judged: judged.length,
    usable,
    usable_rate: rate,
    healthy: rate !== null && rate >= usableRateMin,
    skipped: false,
    reason: null,
  };
}

const pct = (rate: number | null) => (rate === null ? 'nothing judged' : `${Math.round(rate * 100)}%`);

/** Whether the stress pass may run; the reason names the unhealthy pass and the bar. */
export function stressGate(
  earlier: readonly PassOutcome[],
  usableRateMin: number,
): { run: boolean; reason: string } {
  const bar = `${Math.round(usableRateMin * 100)}%`;
  const unhealthy = earlier.filter((p) => p.healthy !== true);
  if (unhealthy.length === 0)
    return {
      run: true,
      reason: `baseline and mid are healthy (${earlier.map((p) => `${p.pass} ${pct(p.usable_rate)}`).join(', ')} ≥ ${bar})`,
    };
  return {
    run: false,
    reason: `stress pass skipped: ${unhealthy
      .map((p) => `${p.pass} usable rate ${pct(p.usable_rate)} (${p.usable}/${p.judged})`)
      .join(', ')} below the preset's usable_rate_min ${bar}; nothing was spent on it`,
  };
}

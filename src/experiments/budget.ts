/**
 * The budget cap. A job may start only if the run's committed spend (actual costs where reported,
 * estimates for jobs already at the provider) plus this job's estimate stays within the cap. The
 * check and the planned → submitting journal step run in the same synchronous tick, so concurrent
 * job walkers in one process can never both squeeze under the cap.
 */
import { InputError } from '../errors/input-error.ts';
import type { Store } from '../store/store.ts';

export type BudgetDecision = { ok: true } | { ok: false; reason: string };

export type Budget = {
  readonly capUsd: number | null;
  /** Whether a job with this estimate may start now. Synchronous on purpose (see module note). */
  check(estimateUsd: number): BudgetDecision;
};

/** Validates a user budget: a positive number of dollars (0 could start nothing). */
export function parseBudgetUsd(value: unknown, field = '--budget'): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InputError({
      code: 'invalid_budget',
      field,
      message: `Expected \`${field}\` to be a positive number of US dollars, got \`${String(value)}\``,
      hint: 'e.g. --budget 5 for five dollars',
    });
  if (n === 0)
    throw new InputError({
      code: 'invalid_budget',
      field,
      message: 'a budget of $0 cannot start any job',
      hint: 'give a positive budget (e.g. --budget 5), or leave it out for no cap',
    });
  return n;
}

const cents = (usd: number): string => `$${usd.toFixed(usd < 0.1 && usd > 0 ? 3 : 2)}`;

/** A budget over the run's journaled spend; `capUsd` null means no cap. */
export function createBudget(store: Store, runId: string, capUsd: number | null): Budget {
  return {
    capUsd,
    check(estimateUsd) {
      if (capUsd === null) return { ok: true };
      const { committedUsd } = store.jobs.spend(runId);
      // A hair of tolerance so float sums of cent prices do not refuse an exactly-fitting job.
      if (committedUsd + estimateUsd <= capUsd + 1e-9) return { ok: true };
      return {
        ok: false,
        reason: `budget: ${cents(committedUsd)} committed + ${cents(estimateUsd)} for this job would exceed the ${cents(capUsd)} cap`,
      };
    },
  };
}

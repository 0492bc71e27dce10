/**
 * Estimated cost of a planned job, for `clipbench plan` and budget checks before anything runs.
 * TODO(providers): replace this table with `estimateCost(req)` from the provider registry once it
 * lands; this is a deliberately simple per-second table from providers.md §1.9 and friends.
 */
import type { VideoRequest } from '../contract/request.ts';
import { PROVIDER_FACTORIES } from '../providers/registry.ts';

/** USD per generated second, by provider id. The simulator is free. */
export const COST_PER_SECOND_USD: Readonly<Record<string, number>> = {
  simulator: 0,
  kling: 0.07, // motion control std 0.5 units/s × $0.14 (providers.md §1.9)
  fal: 0.07,
  replicate: 0.1,
};

/** Rate used for providers not in the table: on the high side so budgets fail safe. */
export const UNKNOWN_PROVIDER_COST_PER_SECOND_USD = 0.15;

export type CostEstimate = { amountUsd: number; basis: 'price_table' | 'simulated' | 'unknown_provider' };

/** Estimated cost of one job (rounded to 0.1 cent). */
export function estimateJobCostUsd(provider: string, model: string, request: VideoRequest): CostEstimate {
  // Registered providers price from their own tables (providers/registry.ts); the table below is
  // the fallback for providers without an adapter yet.
  const factory = PROVIDER_FACTORIES[provider];
  if (factory !== undefined) {
    const money = factory.estimateCost({
      ...request,
      provider: { ...request.provider, id: provider, model },
    });
    return {
      amountUsd: Math.round(money.amountUsd * 1000) / 1000,
      basis: money.basis === 'simulated' ? 'simulated' : 'price_table',
    };
  }
  const perSecond = COST_PER_SECOND_USD[provider];
  const rate = perSecond ?? UNKNOWN_PROVIDER_COST_PER_SECOND_USD;
  const amountUsd = Math.round(rate * request.output.duration_s * 1000) / 1000;
  const basis =
    provider === 'simulator' ? 'simulated' : perSecond === undefined ? 'unknown_provider' : 'price_table';
  return { amountUsd, basis };
}

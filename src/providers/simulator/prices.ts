/**
 * The simulator's price: made up, so that budgets and cost-per-usable-clip accounting have
 * something to add up offline. Always reported with basis `simulated`: no money is ever spent.
 */
import type { VideoRequest } from '../../contract/request.ts';
import type { Money, PriceEntry } from '../provider.ts';

export const SIMULATOR_MODEL = 'sim-v1';

/** $0.10 per 5 s clip. */
export const SIMULATOR_USD_PER_S = 0.02;

export const SIMULATOR_PRICE_TABLE: readonly PriceEntry[] = [
  {
    model: SIMULATOR_MODEL,
    unit: 'per_second',
    usd: SIMULATOR_USD_PER_S,
    note: 'SIMULATED price ($0.10 per 5 s clip) for cost accounting; nothing is charged',
  },
];

/** Simulated cost of one clip of the request's duration. */
export function simulatorCost(request: VideoRequest): Money {
  return {
    amountUsd: Math.round(SIMULATOR_USD_PER_S * request.output.duration_s * 10_000) / 10_000,
    basis: 'simulated',
    note: 'simulated price: no money is spent',
  };
}

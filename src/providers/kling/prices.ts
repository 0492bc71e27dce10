/**
 * Kling list prices (providers.md §1.9: 1 unit ≈ $0.14 on prepaid packs; failed tasks are not
 * charged). Estimates only: the actual charge is `final_unit_deduction` on the finished task.
 */
import type { Money, PriceEntry } from '../provider.ts';

export const KLING_USD_PER_UNIT = 0.14;

/** Units for a 5 s clip by model and mode; 10 s costs twice as much. */
const UNITS_PER_5S: Record<string, { std: number; pro: number }> = {
  'kling-v1': { std: 1, pro: 3.5 },
  'kling-v1-5': { std: 2, pro: 3.5 },
  'kling-v1-6': { std: 2, pro: 3.5 },
  'kling-v2-master': { std: 10, pro: 10 },
  'kling-v2-1': { std: 2, pro: 3.5 },
  'kling-v2-1-master': { std: 10, pro: 10 },
  'kling-v2-5-turbo': { std: 1.5, pro: 2.5 },
  'kling-v2-6': { std: 1.5, pro: 2.5 },
};
/** Motion control (reference video) is billed per second of output. */
const MOTION_CONTROL_UNITS_PER_S = { std: 0.5, pro: 0.8 };

export const KLING_PRICE_TABLE: readonly PriceEntry[] = [
  ...Object.entries(UNITS_PER_5S).flatMap(([model, units]) =>
    (['std', 'pro'] as const).map((mode) => ({
      model,
      mode,
      unit: 'per_clip' as const,
      usd: round(units[mode] * KLING_USD_PER_UNIT),
      durationS: 5,
      note: model === 'kling-v1' && mode === 'pro' ? 'pro price UNCONFIRMED' : '10 s clips cost twice',
    })),
  ),
  ...(['std', 'pro'] as const).map((mode) => ({
    model: 'motion-control',
    mode,
    unit: 'per_second' as const,
    usd: round(MOTION_CONTROL_UNITS_PER_S[mode] * KLING_USD_PER_UNIT),
    note: 'v2.6 motion control',
  })),
];

function round(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}

/** List-price estimate for one clip. Unknown models fall back to kling-v2-1 prices (noted). */
export function klingEstimate(options: {
  model: string;
  mode: 'std' | 'pro';
  durationS: number;
  motionControl: boolean;
}): Money {
  if (options.motionControl)
    return {
      amountUsd: round(MOTION_CONTROL_UNITS_PER_S[options.mode] * options.durationS * KLING_USD_PER_UNIT),
      basis: 'price_table',
    };
  const known = UNITS_PER_5S[options.model];
  const units = (known ?? UNITS_PER_5S['kling-v2-1']!)[options.mode] * (options.durationS >= 10 ? 2 : 1);
  return {
    amountUsd: round(units * KLING_USD_PER_UNIT),
    basis: 'price_table',
    ...(known === undefined ? { note: `no list price for ${options.model}; kling-v2-1 price used` } : {}),
  };
}

/** Actual cost from a finished task's `final_unit_deduction` (a decimal string of units). */
export function klingReportedCost(finalUnitDeduction: string | undefined): Money | undefined {
  if (finalUnitDeduction === undefined) return undefined;
  const units = Number(finalUnitDeduction);
  if (!Number.isFinite(units) || units < 0) return undefined;
  return { amountUsd: round(units * KLING_USD_PER_UNIT), basis: 'reported', note: `${units} units` };
}

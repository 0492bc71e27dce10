/**
 * `clipbench stats`: usable rate per ISO week and cost per usable clip, by preset and provider. Pure,
 * over finished jobs (StatRow). Usable rate = (pass + pass_with_edits) / judged; jobs that failed
 * before a verdict count in `failed_jobs` and their spend counts toward cost per usable clip.
 */
import type { StatRow } from '../contract/run.ts';
import { isUsable } from '../contract/verdict.ts';

export type StatGroup = {
  iso_week: string;
  preset: string;
  provider: string;
  judged: number;
  usable: number;
  failed_jobs: number;
  usable_rate: number | null;
  cost_usd: number;
  cost_per_usable_usd: number | null;
  simulated: boolean;
};

export type StatsReport = {
  /** One row per (week, preset, provider), ascending week. */
  weekly: StatGroup[];
  /** All weeks together, per (preset, provider); `iso_week` is `all`. */
  overall: StatGroup[];
};

function group(rows: readonly StatRow[], keyOf: (r: StatRow) => [string, string, string]): StatGroup[] {
  const groups = new Map<string, StatGroup>();
  for (const row of rows) {
    const [week, preset, provider] = keyOf(row);
    const key = `${week}\u0000${preset}\u0000${provider}`;
    const g = groups.get(key) ?? {
      iso_week: week,
      preset,
      provider,
      judged: 0,
      usable: 0,
      failed_jobs: 0,
      usable_rate: null,
      cost_usd: 0,
      cost_per_usable_usd: null,
      simulated: false,
    };
    g.cost_usd += row.cost_usd ?? 0;
    g.simulated ||= row.simulated;
    if (row.verdict !== null) {
      g.judged += 1;
      if (isUsable(row.verdict)) g.usable += 1;
    } else g.failed_jobs += 1;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({
      ...g,
      usable_rate: g.judged === 0 ? null : g.usable / g.judged,
      cost_per_usable_usd: g.usable === 0 ? null : g.cost_usd / g.usable,
    }))
    .sort(
      (a, b) =>
        a.iso_week.localeCompare(b.iso_week) ||
        a.preset.localeCompare(b.preset) ||
        a.provider.localeCompare(b.provider),
    );
}

/** Aggregates finished jobs into weekly and overall usable rate and cost per usable clip. */
export function computeStats(rows: readonly StatRow[]): StatsReport {
  const preset = (r: StatRow) => r.preset ?? '(none)';
  return {
    weekly: group(rows, (r) => [r.iso_week, preset(r), r.provider]),
    overall: group(rows, (r) => ['all', preset(r), r.provider]),
  };
}

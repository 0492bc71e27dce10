/**
 * Which preset versions to retire: those whose usable rate stayed under a threshold for the last N
 * ISO weeks in which they were used. Pure over the store's stat rows. "Stayed under" means each of
 * the version's N most recent weeks with judged clips is below the threshold, so a preset that
 * simply was not used for a while is judged on the weeks it was used, and needs N weeks of data.
 */
import { isUsable } from '../contract/verdict.ts';

/** The fields of a stored job the decision needs (a subset of `StatRow`). */
export type WeeklyRow = {
  iso_week: string;
  preset: string | null;
  verdict: 'pass' | 'pass_with_edits' | 'fail' | null;
};

export type WeekRate = { iso_week: string; judged: number; usable: number; usable_rate: number };

export type RetirementCandidate = {
  /** `id@version`. */
  preset: string;
  weeks: WeekRate[];
  reason: string;
};

export type RetirementRule = {
  /** Retire when usable rate < this in every considered week. @default 0.6 */
  below: number;
  /** How many most-recent weeks with data must all be under the threshold. @default 2 */
  weeks: number;
  /** Only this preset id (or exact `id@version`). */
  preset?: string | undefined;
};

export const DEFAULT_RETIREMENT_RULE: RetirementRule = { below: 0.6, weeks: 2 };

function weekly(rows: readonly WeeklyRow[]): Map<string, WeekRate[]> {
  const byPreset = new Map<string, Map<string, WeekRate>>();
  for (const row of rows) {
    if (row.preset === null || row.verdict === null) continue;
    const weeks = byPreset.get(row.preset) ?? new Map<string, WeekRate>();
    const week = weeks.get(row.iso_week) ?? { iso_week: row.iso_week, judged: 0, usable: 0, usable_rate: 0 };
    week.judged += 1;
    if (isUsable(row.verdict)) week.usable += 1;
    week.usable_rate = week.usable / week.judged;
    weeks.set(row.iso_week, week);
    byPreset.set(row.preset, weeks);
  }
  return new Map(
    [...byPreset].map(([preset, weeks]) => [
      preset,
      [...weeks.values()].sort((a, b) => a.iso_week.localeCompare(b.iso_week)),
    ]),
  );
}

function matches(preset: string, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return filter.includes('@') ? preset === filter : preset.split('@')[0] === filter;
}

/** Preset versions whose last `rule.weeks` weeks of use were all under `rule.below`. */
export function retirementCandidates(
  rows: readonly WeeklyRow[],
  rule: RetirementRule,
): RetirementCandidate[] {
  const out: RetirementCandidate[] = [];
  for (const [preset, weeks] of weekly(rows)) {
    if (!matches(preset, rule.preset) || !preset.includes('@')) continue;
    const recent = weeks.slice(-rule.weeks);
    if (recent.length < rule.weeks || !recent.every((w) => w.usable_rate < rule.below)) continue;
    const list = recent.map((w) => `${w.iso_week} ${w.usable}/${w.judged}`).join(', ');
    out.push({
      preset,
      weeks: recent,
      reason: `usable rate under ${Math.round(rule.below * 100)}% for ${rule.weeks} week${rule.weeks === 1 ? '' : 's'} (${list})`,
    });
  }
  return out.sort((a, b) => a.preset.localeCompare(b.preset));
}

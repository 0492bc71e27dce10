/**
 * The shape of one clip-level metric: a pure function of the clip context that returns named
 * scalars (documented in README.md) and any defects it raises.
 */
import type { Defect } from '../contract/analysis.ts';
import type { ClipContext } from './clip-context.ts';

export type MetricOutput = { metrics: Record<string, number>; defects: Defect[] };

export type ClipMetric = {
  /** Stable id; also the prefix of its metric names. */
  id: string;
  run(ctx: ClipContext): MetricOutput;
};

/** Builds a defect over record positions [start, end], reporting the records' frame indices. */
export function defectOver(
  ctx: ClipContext,
  code: Defect['code'],
  start: number,
  end: number,
  severity: number,
  message: string,
): Defect {
  const first = ctx.records[start]?.index ?? start;
  const last = ctx.records[end]?.index ?? end;
  const sev = Number.isFinite(severity) ? Math.max(0, Math.min(1, severity)) : 1;
  return { code, start_frame: first, end_frame: last, severity: Math.round(sev * 1000) / 1000, message };
}

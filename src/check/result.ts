/**
 * What each `clipbench check` step reports: a status, a one-line message, the evidence lines a
 * person reads to see why, and annotations pinned to files for CI. Plain data, rendered by
 * junit.ts, annotations.ts and summary.ts.
 */

/** The five steps of the CI gate, in the order they run (the brief's checklist). */
export const CHECK_NAMES = [
  'schema',
  'reference_gate',
  'sweep',
  'temporal_consistency',
  'regression',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const CHECK_TITLES: Readonly<Record<CheckName, string>> = {
  schema: 'schema validation',
  reference_gate: 'reference quality gate',
  sweep: 'three-score sweep',
  temporal_consistency: 'temporal consistency',
  regression: 'regression vs last approved',
};

/** `error` = the check could not run (provider/runtime failure); `skipped` always carries a reason. */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'error';

export type CheckAnnotation = {
  level: 'error' | 'warning' | 'notice';
  message: string;
  /** Path relative to the working directory, when the finding is about one file. */
  file?: string | undefined;
  line?: number | undefined;
};

export type CheckResult = {
  name: CheckName;
  title: string;
  status: CheckStatus;
  /** One line: what passed or what failed. */
  message: string;
  /** The evidence behind the status, one fact per line (metric, value, threshold, file, frames). */
  evidence: string[];
  annotations: CheckAnnotation[];
  hint?: string | undefined;
  durationMs: number;
  /** Machine-readable detail for `--json` (per-file results, metrics, run id). */
  data?: Record<string, unknown> | undefined;
};

export type CheckReport = {
  ok: boolean;
  /** 0 all passed/skipped · 1 a check failed · 3 a check could not run (provider/runtime). */
  exitCode: 0 | 1 | 3;
  config: string;
  preset: string;
  provider: string;
  runId: string | null;
  simulated: boolean;
  costUsd: number;
  checks: CheckResult[];
};

/** Builds a result with the title filled in. */
export function checkResult(
  name: CheckName,
  fields: Omit<CheckResult, 'name' | 'title' | 'annotations' | 'durationMs'> &
    Partial<Pick<CheckResult, 'annotations' | 'durationMs'>>,
): CheckResult {
  return { name, title: CHECK_TITLES[name], annotations: [], durationMs: 0, ...fields };
}

/**
 * Exit code of a set of results. A failed check wins over an errored one: a definite quality failure
 * is actionable whatever else went wrong, and the errored check is still visible in the report.
 */
export function reportExitCode(checks: readonly CheckResult[]): 0 | 1 | 3 {
  if (checks.some((c) => c.status === 'failed')) return 1;
  if (checks.some((c) => c.status === 'error')) return 3;
  return 0;
}

/** Runs `fn`, filling in its duration. */
export async function timed(fn: () => Promise<CheckResult> | CheckResult): Promise<CheckResult> {
  const started = performance.now();
  const result = await fn();
  return { ...result, durationMs: Math.round(performance.now() - started) };
}

/** The human summary of a check report: one line per check, its evidence indented beneath. */
import type { CheckReport, CheckStatus } from './result.ts';

const MARK: Readonly<Record<CheckStatus, string>> = {
  passed: 'ok  ',
  failed: 'FAIL',
  skipped: 'skip',
  error: 'ERR ',
};

/** Evidence lines shown per check in the terminal; the JUnit and --json carry all of them. */
export const SUMMARY_EVIDENCE_LINES = 12;

/** Renders the summary as lines (no trailing newline). */
export function renderCheckSummary(report: CheckReport): string[] {
  const simulated = report.simulated ? ' — SIMULATED clips (offline simulator, not a real provider)' : '';
  const lines = [`clipbench check: preset ${report.preset} on ${report.provider}${simulated}`];
  for (const check of report.checks) {
    lines.push(`  [${MARK[check.status]}] ${check.title.padEnd(28)} ${check.message}`);
    const shown =
      check.status === 'passed'
        ? check.evidence.slice(0, 3)
        : check.evidence.slice(0, SUMMARY_EVIDENCE_LINES);
    for (const e of shown) lines.push(`           ${e}`);
    if (check.evidence.length > shown.length)
      lines.push(`           … ${check.evidence.length - shown.length} more (see --junit / --json)`);
    if (check.hint && check.status !== 'passed') lines.push(`           hint: ${check.hint}`);
  }
  const failed = report.checks.filter((c) => c.status === 'failed').length;
  const errored = report.checks.filter((c) => c.status === 'error').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const spend = report.costUsd > 0 ? `, spent $${report.costUsd.toFixed(2)}` : '';
  const run = report.runId ? `, sweep run ${report.runId}` : '';
  const verdict =
    report.exitCode === 0
      ? `PASSED${skipped > 0 ? ` (${skipped} skipped)` : ''}`
      : `FAILED (${failed} failed, ${errored} could not run)`;
  lines.push(`result: ${verdict}${run}${spend} — exit ${report.exitCode}`);
  return lines;
}

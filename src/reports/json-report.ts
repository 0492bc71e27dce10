/** JSON report of one run: the summary plus every job view (stable keys, for machines). */
import type { RunView } from '../contract/run.ts';
import { summarizeRun } from './summary.ts';

/** Renders the run as pretty JSON. */
export function renderJson(run: RunView, options: { usableRateMin?: number | undefined } = {}): string {
  const summary = summarizeRun(run, options);
  return `${JSON.stringify({ simulated: summary.simulated, summary, experiment: run.experiment, jobs: run.jobs }, null, 2)}\n`;
}

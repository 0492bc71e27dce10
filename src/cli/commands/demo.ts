import { relative } from 'node:path';
import { Command } from 'commander';
import { runDemo } from '../../experiments/demo.ts';
import { createProgress } from '../../experiments/progress.ts';
import { openWorkspaceStore } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import {
  configuredProviders,
  interruptSignal,
  outcomeJson,
  parseConcurrency,
  SIMULATOR_POLL,
  summaryText,
} from './run-support.ts';

type DemoOptions = { dir?: string; workspace?: string; concurrency?: string; json?: boolean };

/**
 * `clipbench demo` — the offline end-to-end demo on the simulator. Exit 0 when the demo completed
 * (whatever the verdicts: judging clips is the point), 1 if it was interrupted, 3 on a runtime failure.
 */
export function demoCommand(ctx: CliContext): Command {
  return new Command('demo')
    .description(
      'offline end-to-end demo: product preset three-pass sweep on the simulator (3 seeds), judged, logged, HTML report',
    )
    .option('--dir <dir>', 'demo folder for the reference, experiment file and report', 'clipbench-demo')
    .option('--workspace <dir>', 'workspace directory (default: $CLIPBENCH_HOME or ./.clipbench)')
    .option('--concurrency <n>', 'simulator jobs in flight (default 3)')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(async (options: DemoOptions) => {
      const concurrency = parseConcurrency(options.concurrency, 3);
      const providers = await configuredProviders(ctx, undefined);
      const store = openWorkspaceStore({ cwd: ctx.cwd, env: ctx.env, workspace: options.workspace });
      const progress = createProgress({
        write: ctx.stderr,
        isTTY: ctx.isTTY && options.json !== true,
        total: 0,
      });
      const interrupt = interruptSignal(ctx);
      try {
        const demo = await runDemo({
          cwd: ctx.cwd,
          dir: options.dir,
          store,
          workspace: store.workspace,
          providers,
          concurrency,
          pollByProvider: { simulator: SIMULATOR_POLL },
          signal: interrupt.signal,
          drainMs: 5000,
          onEvent: progress.onEvent,
        });
        progress.finish();
        const { outcome } = demo;
        if (outcome.status !== 'completed') ctx.exitCode = 1;
        if (options.json === true)
          return printJson(ctx, {
            ...outcomeJson(outcome),
            report: demo.reportPath,
            reference: demo.referencePath,
            experiment: demo.experimentPath,
            workspace: store.workspace.root,
          });
        for (const line of summaryText(outcome)) printLine(ctx, line);
        const all = outcome.summary.jobs;
        if (outcome.newSubmits === 0 && outcome.reused > 0)
          printLine(
            ctx,
            `re-run: all ${outcome.reused} clips reused from the run log by job key — 0 new submits, nothing paid twice`,
          );
        printLine(ctx, `experiment: ${relative(ctx.cwd, demo.experimentPath)} (${all} jobs)`);
        printLine(ctx, `report: ${demo.reportPath}`);
      } finally {
        progress.finish();
        interrupt.dispose();
        store.close();
      }
    });
}

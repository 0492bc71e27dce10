import { relative } from 'node:path';
import { Command } from 'commander';
import { runDemo } from '../../experiments/demo.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP } from './open-workspace.ts';
import {
  configuredProviders,
  outcomeJson,
  parseConcurrency,
  SIMULATOR_POLL,
  summaryText,
  withRunSession,
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
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--concurrency <n>', 'simulator jobs in flight (default 3)')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(async (options: DemoOptions) => {
      const concurrency = parseConcurrency(options.concurrency, 3);
      const providers = await configuredProviders(ctx, undefined);
      const session = { workspace: options.workspace, json: options.json, total: 0 };
      await withRunSession(ctx, session, async ({ store, progress, signal }) => {
        const demo = await runDemo({
          cwd: ctx.cwd,
          dir: options.dir,
          store,
          workspace: store.workspace,
          providers,
          concurrency,
          pollByProvider: { simulator: SIMULATOR_POLL },
          signal,
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
      });
    });
}

import { Command } from 'commander';
import { fileMediaHasher } from '../../contract/media-hash.ts';
import { InputError } from '../../errors/input-error.ts';
import { parseBudgetUsd } from '../../experiments/budget.ts';
import { fileAnalyser, rubricJudge } from '../../experiments/default-assessors.ts';
import { planExperiment } from '../../experiments/plan.ts';
import type { RunSource } from '../../experiments/run-start.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { resolvePreset } from '../../presets/resolve.ts';
import { requestCapabilityWarnings } from '../../providers/registry.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP } from './open-workspace.ts';
import { catalogWithLifecycle } from './presets-lifecycle.ts';
import {
  configuredProviders,
  outcomeJson,
  parseConcurrency,
  parseMs,
  SIMULATOR_POLL,
  summaryText,
  withRunSession,
} from './run-support.ts';

type RunOptions = {
  resume?: string;
  fresh?: boolean;
  concurrency?: string;
  budget?: string;
  workspace?: string;
  config?: string;
  pollMs?: string;
  failover?: boolean;
  json?: boolean;
};

/**
 * `clipbench run` — run an experiment: generate, analyse, judge and log every job.
 * Exit codes: 0 the run completed (verdicts are results, not errors: read the summary); 1 the run
 * stopped before completing (budget cap or Ctrl-C — resumable); 2 bad input (nothing submitted);
 * 3 provider or runtime failure (the journal keeps every paid result; resume after fixing it).
 */
export function runCommand(ctx: CliContext): Command {
  return new Command('run')
    .description(
      'run an experiment: generate, analyse, judge and log every job (re-run or --resume to continue)',
    )
    .argument('[experiment]', 'experiment file (YAML/JSON); optional with --resume')
    .option('--resume <run>', 'continue a stored run (id, unique prefix or `latest`) without its file')
    .option('--fresh', 'do not reuse stored clips with the same job key: generate again (pays again)')
    .option('--concurrency <n>', 'jobs in flight per provider (default 4)')
    .option(
      '--budget <usd>',
      "hard cap on committed spend in US dollars (default: the experiment's budget_usd)",
    )
    .option('--poll-ms <ms>', 'first status-poll interval for real providers (default 2000)')
    .option('--no-failover', "do not apply the preset's failover to failed jobs")
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--config <file>', 'provider settings file (NAME: value pairs); default $CLIPBENCH_CONFIG')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(async (file: string | undefined, options: RunOptions) => {
      const concurrency = parseConcurrency(options.concurrency, 4);
      const budgetUsd = options.budget === undefined ? undefined : parseBudgetUsd(options.budget);
      const pollMs = parseMs(options.pollMs, '--poll-ms');
      if (file === undefined && options.resume === undefined)
        throw new InputError({
          code: 'missing_experiment',
          field: '<experiment>',
          message: 'give an experiment file, or --resume <run>',
          hint: 'e.g. `clipbench run examples/product-sweep.yaml` or `clipbench run --resume latest`',
        });
      const providers = await configuredProviders(ctx, options.config);
      let source: RunSource;
      if (options.resume !== undefined) source = { kind: 'resume', runRef: options.resume };
      else {
        // Store-recorded approvals and retirements apply too (`clipbench presets retire`).
        const presets = catalogWithLifecycle(ctx, options.workspace);
        const plan = planExperiment(file as string, {
          cwd: ctx.cwd,
          presets,
          capabilityWarnings: (job) => requestCapabilityWarnings(job.request, job.provider),
        });
        const preset =
          plan.preset === undefined ? undefined : resolvePreset(presets, plan.preset, { forNewRun: false });
        source = { kind: 'plan', plan, preset, hashMedia: fileMediaHasher(ctx.cwd) };
      }
      const session = { workspace: options.workspace, json: options.json, total: 0 };
      await withRunSession(ctx, session, async ({ store, progress, signal }) => {
        const outcome = await runExperiment({
          store,
          workspace: store.workspace,
          source,
          providers,
          analyse: fileAnalyser(store.workspace.mediaDir),
          judge: rubricJudge,
          concurrency,
          budgetUsd,
          fresh: options.fresh === true,
          failover: options.failover !== false,
          poll: pollMs === undefined ? {} : { intervalMs: pollMs },
          pollByProvider: { simulator: SIMULATOR_POLL },
          signal,
          drainMs: 10_000,
          onEvent: progress.onEvent,
        });
        progress.finish();
        if (outcome.status !== 'completed') ctx.exitCode = 1;
        if (options.json === true) return printJson(ctx, outcomeJson(outcome));
        for (const line of summaryText(outcome)) printLine(ctx, line);
        printLine(ctx, `report: clipbench report ${outcome.runId} --out report.html`);
      });
    });
}

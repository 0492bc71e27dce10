import { Command } from 'commander';
import { planExperiment } from '../../experiments/plan.ts';
import { requestCapabilityWarnings } from '../../providers/registry.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `clipbench plan` — expand an experiment into jobs with keys and cost, without running */
export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('expand an experiment into jobs with deterministic keys and estimated cost, without running')
    .argument('<experiment>', 'experiment file (YAML or JSON)')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((file: string, options: { json?: boolean }) => {
      const plan = planExperiment(file, {
        cwd: ctx.cwd,
        capabilityWarnings: (job) => requestCapabilityWarnings(job.request, job.provider),
      });
      if (options.json) {
        return printJson(ctx, {
          ...plan,
          jobs: plan.jobs.map((j) => ({
            jobKey: j.jobKey,
            pointIndex: j.pointIndex,
            varied: j.varied,
            ...(j.pass ? { pass: j.pass } : {}),
            provider: j.provider,
            model: j.model,
            seed: j.seed,
            repeat: j.repeat,
            referenceId: j.referenceId,
            requestHash: j.requestHash,
            costUsd: j.costUsd,
            costBasis: j.costBasis,
            warnings: j.warnings,
            request: j.request,
          })),
        });
      }
      printLine(
        ctx,
        `${plan.name ?? file}${plan.preset ? ` (preset ${plan.preset})` : ''}: ${plan.jobs.length} jobs, est. $${plan.totalCostUsd}${plan.budgetUsd === undefined ? '' : ` of $${plan.budgetUsd} budget`}`,
      );
      printLine(
        ctx,
        `${'job key'.padEnd(44)} ${'varied'.padEnd(30)} ${'provider/model'.padEnd(24)} seed rep reference        cost`,
      );
      for (const j of plan.jobs) {
        const varied = `${j.pass ? `${j.pass}: ` : ''}${j.varied.path.split('.').at(-1)}=${show(j.varied.value)}`;
        printLine(
          ctx,
          `${j.jobKey.padEnd(44)} ${varied.slice(0, 30).padEnd(30)} ${`${j.provider}/${j.model}`.slice(0, 24).padEnd(24)} ${String(j.seed).padStart(4)} ${String(j.repeat).padStart(3)} ${j.referenceId.slice(0, 16).padEnd(16)} $${j.costUsd}`,
        );
        for (const warning of j.warnings) printLine(ctx, `  warning: ${warning}`);
      }
      for (const warning of plan.warnings) printLine(ctx, `warning: ${warning}`);
    });
}

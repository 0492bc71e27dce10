import { Command } from 'commander';
import { computeStats, type StatGroup } from '../../reports/stats.ts';
import { formatRate, formatUsd } from '../../reports/summary.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP, withWorkspaceStore } from './open-workspace.ts';

type StatsOptions = {
  preset?: string;
  provider?: string;
  includeReused?: boolean;
  workspace?: string;
  json?: boolean;
};

function line(g: StatGroup): string {
  return `${g.iso_week.padEnd(9)} ${g.preset.padEnd(14)} ${g.provider.padEnd(11)} ${String(g.judged).padStart(6)} ${String(g.usable).padStart(6)} ${formatRate(g.usable_rate).padStart(6)} ${String(g.failed_jobs).padStart(6)} ${formatUsd(g.cost_usd).padStart(9)} ${formatUsd(g.cost_per_usable_usd).padStart(10)}${g.simulated ? '  SIMULATED' : ''}`;
}

/** `clipbench stats` — usable rate per ISO week and cost per usable clip, by preset and provider. */
export function statsCommand(ctx: CliContext): Command {
  return new Command('stats')
    .description('usable rate per ISO week and cost per usable clip, by preset and provider')
    .option('--preset <ref>', 'only this preset (id@version)')
    .option('--provider <id>', 'only this provider')
    .option('--include-reused', 'also count jobs completed by reusing a stored clip')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((options: StatsOptions) => {
      withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const stats = computeStats(
          store.views.statRows({
            preset: options.preset,
            provider: options.provider,
            includeReused: options.includeReused === true,
          }),
        );
        if (options.json) return printJson(ctx, stats);
        if (stats.weekly.length === 0) return printLine(ctx, 'no finished jobs yet');
        printLine(
          ctx,
          'usable rate = (pass + pass_with_edits) / judged; cost per usable = spend / usable clips',
        );
        printLine(
          ctx,
          'week      preset         provider    judged usable   rate failed     spend  $/usable',
        );
        for (const g of stats.weekly) printLine(ctx, line(g));
        printLine(ctx);
        for (const g of stats.overall) printLine(ctx, line(g));
      });
    });
}

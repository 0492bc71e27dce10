import { Command } from 'commander';
import type { JobView } from '../../contract/run.ts';
import { summaryLines } from '../../reports/markdown.ts';
import { formatRate, formatUsd, summarizeRun } from '../../reports/summary.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP, withWorkspaceStore } from './open-workspace.ts';

type CommonOptions = { workspace?: string; json?: boolean };

function compactJob(job: JobView) {
  return {
    id: job.id,
    job_key: job.job_key,
    state: job.state,
    motion_score: job.motion_score,
    pass_name: job.pass_name,
    seed: job.seed,
    verdict: job.verdict,
    verdict_source: job.human_verdict !== null ? 'human' : job.auto_verdict !== null ? 'auto' : null,
    scores: job.auto_verdict?.rubric?.scores ?? null,
    edits: job.auto_verdict?.rubric?.edits.map((e) => e.text) ?? [],
    reasons: job.auto_verdict?.rubric?.reasons.filter((r) => r.effect === 'fail').map((r) => r.message) ?? [],
    cost_usd: job.cost_usd,
    clip: job.clip?.path ?? null,
    reused_from: job.reused_from,
    failover_of: job.failover_of,
    error: job.error,
    simulated: job.simulated,
  };
}

function listCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('runs in this workspace, newest first')
    .option('--limit <n>', 'show at most n runs', '20')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .action((options: CommonOptions & { limit: string }) => {
      withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const limit = Math.max(1, Number.parseInt(options.limit, 10) || 20);
        const totals = store.views.runTotals();
        const runs = store.experiments.list({ limit }).map((run) => {
          const t = totals.get(run.id) ?? { jobs: 0, judged: 0, usable: 0, failed: 0, spendUsd: 0 };
          return {
            id: run.id,
            name: run.name,
            created_at: run.created_at,
            preset: run.preset,
            provider: run.provider,
            status: run.status,
            simulated: run.simulated,
            ...t,
            usable_rate: t.judged === 0 ? null : t.usable / t.judged,
          };
        });
        if (options.json) return printJson(ctx, { runs });
        if (runs.length === 0) return printLine(ctx, 'no runs yet');
        printLine(
          ctx,
          'run                         created           preset       provider    status     jobs  usable  spend',
        );
        for (const r of runs)
          printLine(
            ctx,
            `${r.id.padEnd(27)} ${r.created_at.slice(0, 16).replace('T', ' ').padEnd(17)} ${(r.preset ?? '—').padEnd(12)} ${r.provider.padEnd(11)} ${r.status.padEnd(10)} ${String(r.jobs).padStart(4)}  ${formatRate(r.usable_rate).padStart(6)}  ${formatUsd(r.spendUsd)}${r.simulated ? '  SIMULATED' : ''}`,
          );
      });
    });
}

function showCommand(ctx: CliContext): Command {
  return new Command('show')
    .description('one run: summary, usable rate per motion_score, recommended range, jobs')
    .argument('<run>', 'run id, unique prefix, or `latest`')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .action((runRef: string, options: CommonOptions) => {
      withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const run = store.views.runView(store.experiments.resolve(runRef).id);
        const summary = summarizeRun(run);
        const attempts = store.attempts.totals(run.experiment.id);
        if (options.json)
          return printJson(ctx, {
            summary,
            experiment: run.experiment,
            attempts,
            jobs: run.jobs.map(compactJob),
          });
        if (summary.simulated) printLine(ctx, 'SIMULATED — clips come from the offline simulator');
        for (const line of summaryLines(summary)) printLine(ctx, line.replace(/^- /, '').replace(/`/g, ''));
        printLine(ctx);
        printLine(ctx, 'motion_score  judged  usable  rate');
        for (const p of summary.by_motion_score)
          printLine(
            ctx,
            `${String(p.motion_score).padStart(12)}  ${String(p.judged).padStart(6)}  ${String(p.usable).padStart(6)}  ${formatRate(p.usable_rate).padStart(4)}`,
          );
        printLine(ctx);
        for (const job of run.jobs) {
          const c = compactJob(job);
          const detail = [
            ...c.reasons,
            ...c.edits.map((e) => `edit: ${e}`),
            ...(c.error === null ? [] : [`${c.error.code}: ${c.error.message}`]),
          ];
          printLine(
            ctx,
            `#${c.id} ${job.job_key.slice(0, 10)} ms=${c.motion_score ?? '—'} seed=${c.seed ?? '—'} ${c.state} ${c.verdict ?? '—'}${c.verdict_source === 'human' ? ' (human)' : ''} ${formatUsd(c.cost_usd)}${c.reused_from === null ? '' : ` reused #${c.reused_from}`}${detail.length > 0 ? ` — ${detail.join('; ')}` : ''}`,
          );
        }
      });
    });
}

/** `clipbench runs list|show` — the run log. */
export function runsCommand(ctx: CliContext): Command {
  return new Command('runs')
    .description('list stored runs, or show one')
    .option('--verbose', 'show stack traces')
    .addCommand(listCommand(ctx))
    .addCommand(showCommand(ctx));
}

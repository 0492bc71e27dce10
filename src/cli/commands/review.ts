import { Command } from 'commander';
import { VERDICTS, type Verdict } from '../../contract/verdict.ts';
import { InputError } from '../../errors/input-error.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP, withWorkspaceStore } from './open-workspace.ts';

type ReviewOptions = {
  verdict?: string;
  note?: string;
  reviewer?: string;
  run?: string;
  workspace?: string;
  json?: boolean;
};

function parseVerdict(value: string | undefined): Verdict {
  if (value !== undefined && (VERDICTS as readonly string[]).includes(value)) return value as Verdict;
  throw new InputError({
    code: 'invalid_verdict',
    field: '--verdict',
    message:
      value === undefined
        ? 'missing --verdict'
        : `Expected \`--verdict\` to be one of ${VERDICTS.join(' | ')}, got \`${value}\``,
    hint: 'e.g. clipbench review 12 --verdict pass_with_edits --note "trim the first second"',
  });
}

/** `clipbench review` — record a human verdict for a job (it wins over the automatic one). */
export function reviewCommand(ctx: CliContext): Command {
  return new Command('review')
    .description('record a human verdict for a job; the human verdict wins over the automatic one')
    .argument('<job>', 'job id (from `clipbench runs show`) or job key / key prefix')
    .option('--verdict <verdict>', `${VERDICTS.join(' | ')}`)
    .option('--note <text>', 'why (stored with the verdict)')
    .option('--reviewer <name>', 'who reviewed (stored with the verdict)')
    .option('--run <run>', 'restrict a job-key lookup to one run')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((jobRef: string, options: ReviewOptions) => {
      const verdict = parseVerdict(options.verdict);
      withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const runId = options.run === undefined ? undefined : store.experiments.resolve(options.run).id;
        const job = store.jobs.resolve(jobRef, runId);
        const previous = store.verdicts.effective(job.id);
        const recorded = store.verdicts.recordHuman(job.id, {
          verdict,
          note: options.note ?? null,
          reviewer: options.reviewer ?? ctx.env['USER'] ?? null,
        });
        const effective = store.verdicts.effective(job.id);
        const auto = store.verdicts.latestAuto(job.id);
        if (options.json)
          return printJson(ctx, {
            job_id: job.id,
            job_key: job.job_key,
            run_id: job.experiment_id,
            recorded,
            previous: previous === null ? null : { source: previous.source, verdict: previous.verdict },
            automatic: auto?.verdict ?? null,
            effective: effective?.verdict ?? null,
          });
        const was = previous === null ? 'no verdict' : `${previous.verdict} (${previous.source})`;
        printLine(
          ctx,
          `job #${job.id} (${job.job_key.slice(0, 12)}…, run ${job.experiment_id}): ${verdict} (human), was ${was}`,
        );
        if (auto !== null && auto.verdict !== verdict)
          printLine(ctx, `  disagrees with the automatic verdict ${auto.verdict}`);
        printLine(ctx, `  effective verdict: ${effective?.verdict ?? '—'}`);
      });
    });
}

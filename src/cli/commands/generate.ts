import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { fileMediaHasher } from '../../contract/media-hash.ts';
import { ClipbenchError } from '../../errors/clipbench-error.ts';
import { InputError } from '../../errors/input-error.ts';
import { fileAnalyser, rubricJudge } from '../../experiments/default-assessors.ts';
import { generateOne } from '../../experiments/generate.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP } from './open-workspace.ts';
import { checkRequestFile } from './request-file.ts';
import { configuredProviders, parseMs, SIMULATOR_POLL, withRunSession } from './run-support.ts';

type GenerateOptions = {
  provider?: string;
  model?: string;
  seed?: string;
  out?: string;
  workspace?: string;
  config?: string;
  pollMs?: string;
  fresh?: boolean;
  json?: boolean;
};

function parseSeed(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0) return n;
  throw new InputError({
    code: 'invalid_seed',
    field: '--seed',
    message: `Expected \`--seed\` to be an integer from 0 up, got \`${value}\``,
  });
}

/**
 * `clipbench generate` — one generation from a request file on a provider, journaled like any job.
 * Exit 0 when a clip was produced (or reused), 3 when the provider failed it, 2 for bad input.
 */
export function generateCommand(ctx: CliContext): Command {
  return new Command('generate')
    .description('one generation from a request file, journaled (re-running reuses the stored clip)')
    .argument('<request>', 'request file (YAML/JSON)')
    .option('--provider <id>', 'provider id (default: the request’s provider.id)')
    .option('--model <model>', 'model id (default: the request’s or the provider’s)')
    .option('--seed <n>', 'seed (part of the job key)', '0')
    .option('--out <file>', 'also copy the clip here')
    .option('--fresh', 'do not reuse a stored clip with the same job key (pays again)')
    .option('--poll-ms <ms>', 'first status-poll interval for real providers (default 2000)')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--config <file>', 'provider settings file (NAME: value pairs); default $CLIPBENCH_CONFIG')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(async (file: string, options: GenerateOptions) => {
      const seed = parseSeed(options.seed);
      const pollMs = parseMs(options.pollMs, '--poll-ms');
      const checked = checkRequestFile(file, ctx.cwd);
      const provider = options.provider ?? checked.request.provider.id;
      const providers = await configuredProviders(ctx, options.config);
      providers(provider); // unknown id or missing key: exit 2 before anything is journaled
      const session = { workspace: options.workspace, json: options.json, total: 1 };
      await withRunSession(ctx, session, async ({ store, progress, signal }) => {
        const result = await generateOne({
          store,
          workspace: store.workspace,
          request: checked.request,
          hashMedia: fileMediaHasher(dirname(resolve(ctx.cwd, file))),
          provider,
          model: options.model,
          seed,
          label: file,
          providers,
          analyse: fileAnalyser(store.workspace.mediaDir),
          judge: rubricJudge,
          concurrency: 1,
          fresh: options.fresh === true,
          poll: pollMs === undefined ? {} : { intervalMs: pollMs },
          pollByProvider: { simulator: SIMULATOR_POLL },
          signal,
          onEvent: progress.onEvent,
        });
        progress.finish();
        const { job } = result;
        if (job.state === 'failed')
          throw new ClipbenchError({
            code: job.error?.code ?? 'generation_failed',
            kind: 'provider',
            message: `${provider} failed job ${job.id}: ${job.error?.message ?? 'unknown error'}`,
            hint: 'the failure is logged in the run log (`clipbench runs show latest`)',
          });
        if (result.clipPath === null) {
          ctx.exitCode = 1;
          printLine(
            ctx,
            `job ${job.id} is ${job.state}: ${result.outcome.stopMessage ?? 'not finished'}; re-run to continue`,
          );
          return;
        }
        let out: string | null = null;
        if (options.out !== undefined) {
          out = resolve(ctx.cwd, options.out);
          mkdirSync(dirname(out), { recursive: true });
          copyFileSync(result.clipPath, out);
        }
        const payload = {
          run_id: result.outcome.runId,
          job_id: job.id,
          job_key: job.job_key,
          provider: job.provider,
          model: job.model,
          provider_task_id: job.provider_task_id,
          clip: result.clipPath,
          out,
          cost_usd: job.cost_usd,
          generation_cost_usd: result.generationCostUsd,
          reused_from_job: result.reusedFromJob,
          new_submits: result.outcome.newSubmits,
          verdict: job.verdict,
          simulated: job.simulated,
        };
        if (options.json === true) return printJson(ctx, payload);
        printLine(ctx, `clip: ${out ?? result.clipPath}${job.simulated ? ' (SIMULATED)' : ''}`);
        printLine(
          ctx,
          `provider task id: ${job.provider_task_id ?? '—'} (${job.provider}${job.model ? `:${job.model}` : ''})`,
        );
        printLine(
          ctx,
          result.reusedFromJob === null
            ? `cost: $${(job.cost_usd ?? 0).toFixed(3)} (${job.cost_basis ?? 'estimate'})`
            : `cost: $0 now — reused the stored clip of job ${result.reusedFromJob} (same job key; it cost $${(result.generationCostUsd ?? 0).toFixed(3)} then)`,
        );
        printLine(
          ctx,
          `verdict: ${job.verdict ?? '—'} · job ${job.id} · key ${job.job_key} · run ${result.outcome.runId}`,
        );
      });
    });
}

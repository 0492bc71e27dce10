/**
 * Everything checked before the first journal write of a run, so bad input costs nothing: every
 * provider the run needs resolves (unknown id or missing key → InputError, exit 2), the budget is
 * positive, every local reference video is readable media. Then the run is opened (new or resumed).
 */
import { isAbsolute } from 'node:path';
import type { MediaHasher } from '../contract/media-hash.ts';
import { isUrl } from '../contract/media-hash.ts';
import type { Preset } from '../contract/preset.ts';
import type { ExperimentRecord } from '../contract/run.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { InputError } from '../errors/input-error.ts';
import { probeVideo } from '../media/probe.ts';
import { DEFAULT_USABLE_RATE_MIN } from '../reports/summary.ts';
import type { Store } from '../store/store.ts';
import { parseBudgetUsd } from './budget.ts';
import type { ExperimentPlan } from './plan.ts';
import { openRun, planSettings, type RunJob, runJobsFromPlan } from './run-setup.ts';
import type { ProviderResolver } from './runner-types.ts';

/** Where the jobs come from: a freshly expanded plan, or a stored run (`--resume <run>`). */
export type RunSource =
  | {
      kind: 'plan';
      plan: ExperimentPlan;
      preset: Preset | undefined;
      hashMedia: MediaHasher;
      /** Run name. @default the experiment's `name`, else its file name */
      name?: string | undefined;
    }
  | { kind: 'resume'; runRef: string }
  /** Ready-made jobs (e.g. `clipbench generate`: one request, one job). */
  | { kind: 'jobs'; name: string; jobs: RunJob[]; config: Record<string, unknown> };

/** Resolves every provider id up front (throws InputError for unknown/unconfigured ones). */
export function resolveAll(ids: Iterable<string>, providers: ProviderResolver): void {
  for (const id of new Set(ids)) providers(id);
}

/** Probes each distinct local reference video; an unreadable one is an InputError naming it. */
export async function checkReferences(jobs: readonly RunJob[]): Promise<void> {
  const files = new Set<string>();
  for (const job of jobs) {
    const ref = job.request.motion_source.reference_video;
    if (ref !== undefined && !isUrl(ref) && isAbsolute(ref)) files.add(ref);
  }
  for (const file of files) {
    try {
      await probeVideo(file);
    } catch (error) {
      if (error instanceof ClipbenchError && error.kind !== 'input') throw error;
      throw new InputError({
        code: 'reference_unreadable',
        field: 'motion_source.reference_video',
        file,
        message: `the reference video cannot be read as video (${error instanceof Error ? error.message : String(error)})`,
        hint: 'check the file (ffprobe <file>) or point the experiment at another reference; nothing was submitted',
        cause: error,
      });
    }
  }
}

/** The run to walk: created or resumed from a plan, or resolved from the store for `--resume`. */
export async function startRun(
  store: Store,
  source: RunSource,
  options: { providers: ProviderResolver; fresh: boolean; budgetUsd: number | null | undefined },
): Promise<{ run: ExperimentRecord; resumed: boolean; budgetUsd: number | null }> {
  if (options.budgetUsd !== undefined && options.budgetUsd !== null) parseBudgetUsd(options.budgetUsd);
  if (source.kind === 'resume') {
    const run = store.experiments.resolve(source.runRef);
    resolveAll(
      store.jobs.list({ experimentId: run.id }).map((j) => j.provider),
      options.providers,
    );
    return { run, resumed: true, budgetUsd: options.budgetUsd ?? run.budget_usd };
  }
  if (source.kind === 'jobs') {
    resolveAll(
      source.jobs.map((j) => j.provider),
      options.providers,
    );
    await checkReferences(source.jobs);
    const budgetUsd = options.budgetUsd ?? null;
    const { run, resumed } = openRun(store, {
      name: source.name,
      jobs: source.jobs,
      settings: {
        usable_rate_min: DEFAULT_USABLE_RATE_MIN,
        three_pass: false,
        rubric: null,
        failover: null,
        simulator_sweet_spot: null,
        preset: null,
        file: null,
        jobs: source.jobs.length,
      },
      preset: undefined,
      variable: null,
      budgetUsd,
      config: source.config,
      fresh: options.fresh,
    });
    return { run, resumed, budgetUsd };
  }
  const { plan, preset } = source;
  if (plan.budgetUsd !== undefined) parseBudgetUsd(plan.budgetUsd, 'budget_usd');
  const jobs = runJobsFromPlan(plan, preset, source.hashMedia);
  resolveAll(
    jobs.map((j) => j.provider),
    options.providers,
  );
  await checkReferences(jobs);
  const threePass = jobs.some((j) => j.passName !== null && j.passName !== undefined);
  const budgetUsd = options.budgetUsd ?? plan.budgetUsd ?? null;
  const { run, resumed } = openRun(store, {
    name: source.name ?? plan.name ?? plan.file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, ''),
    jobs,
    settings: planSettings(plan, preset, jobs.length, threePass),
    preset,
    variable: plan.jobs[0]?.varied.path ?? null,
    budgetUsd,
    config: { file: plan.file, design: plan.design, warnings: plan.warnings },
    fresh: options.fresh,
  });
  return { run, resumed, budgetUsd };
}

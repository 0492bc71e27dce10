/**
 * @module check — `clipbench check`, the CI gate, in five steps (one file each): schema validation,
 * reference quality gate, three-score sweep, temporal consistency, regression against the last
 * approved version of the preset. Config errors throw (exit 2) before anything is spent; a provider
 * or runtime failure during the sweep becomes an `error` check (exit 3) so the report is still written.
 */
import { parsePresetRef, presetRef } from '../contract/preset.ts';
import type { RunView } from '../contract/run.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { loadPresetCatalog, type PresetCatalog } from '../presets/catalog.ts';
import { applyStoreLifecycle } from '../presets/lifecycle.ts';
import { referenceGateConfig } from '../presets/reference-gate.ts';
import { resolvePresetRecord } from '../presets/resolve.ts';
import { openWorkspaceStore, type Store } from '../store/store.ts';
import { type LoadedCheckConfig, loadCheckConfig } from './config.ts';
import { runEvidence } from './evidence.ts';
import { referenceGateCheck } from './reference-gate.ts';
import { regressionCheck } from './regression.ts';
import {
  type CheckName,
  type CheckReport,
  type CheckResult,
  checkResult,
  reportExitCode,
  timed,
} from './result.ts';
import { schemaCheck } from './schema-check.ts';
import { runSweep } from './sweep.ts';
import { temporalCheck } from './temporal.ts';

export type RunCheckOptions = {
  /** Check config path; default `clipbench.check.yaml` under `cwd`. */
  config?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  workspace?: string | undefined;
  /** Overrides the config's `budget_usd`. */
  budgetUsd?: number | undefined;
  /** Progress notes for a person (one line each). */
  onNote?: ((message: string) => void) | undefined;
};

function skipped(name: CheckName, why: string, hint?: string): CheckResult {
  return checkResult(name, {
    status: 'skipped',
    message: `skipped: ${why}`,
    evidence: [],
    ...(hint ? { hint } : {}),
  });
}

function providerLabel(provider: LoadedCheckConfig['config']['provider']): string {
  return typeof provider === 'string'
    ? provider
    : `${provider.id}${provider.model ? `:${provider.model}` : ''}`;
}

type SweepStage = { result: CheckResult; run: RunView | null };

async function sweepStage(
  loaded: LoadedCheckConfig,
  options: RunCheckOptions,
  store: Store & { workspace: { root: string; dbPath: string; mediaDir: string } },
  catalog: PresetCatalog,
  budgetUsd: number | undefined,
): Promise<SweepStage> {
  try {
    const out = await runSweep({
      config: loaded.config,
      configDir: loaded.dir,
      configShown: loaded.shown,
      references: loaded.sweepReferences,
      cwd: options.cwd,
      env: options.env,
      store,
      workspace: store.workspace,
      catalog,
      budgetUsd,
    });
    return { result: out.result, run: out.run };
  } catch (error) {
    // Bad input (unknown/unconfigured provider, unreadable reference) is a config error: exit 2.
    if (!(error instanceof ClipbenchError) || error.kind === 'input') throw error;
    return {
      result: checkResult('sweep', {
        status: 'error',
        message: `the sweep could not run: [${error.code}] ${error.message}`,
        evidence: [],
        hint: error.hint ?? 'rerun `clipbench check`: stored clips are reused and journaled jobs resume',
      }),
      run: null,
    };
  }
}

/** Runs the whole gate and returns the report (it never sets an exit code itself). */
export async function runCheck(options: RunCheckOptions): Promise<CheckReport> {
  const note = options.onNote ?? (() => {});
  const loaded = await loadCheckConfig(options.config, options.cwd);
  const { config } = loaded;
  const budgetUsd = options.budgetUsd ?? config.budget_usd;
  const store = openWorkspaceStore({ cwd: options.cwd, env: options.env, workspace: options.workspace });
  try {
    const catalogWith = (extra: readonly string[]): PresetCatalog =>
      applyStoreLifecycle(loadPresetCatalog({ cwd: options.cwd, extraFiles: extra }), store.approvals.list());
    note(`schema: ${loaded.files.length} files`);
    const schemaStarted = performance.now();
    const schema = schemaCheck({ files: loaded.files, cwd: options.cwd, catalog: catalogWith });
    const schemaResult = { ...schema.result, durationMs: Math.round(performance.now() - schemaStarted) };
    const catalog = catalogWith(schema.presetFiles);
    // The preset under test must resolve (and not be retired) before anything is spent.
    const record = (() => {
      try {
        return resolvePresetRecord(catalog, config.preset, { field: 'preset', file: loaded.shown });
      } catch (error) {
        if (
          schemaResult.status === 'failed' &&
          error instanceof ClipbenchError &&
          error.code === 'unknown_preset'
        )
          return null;
        throw error;
      }
    })();
    const sources = [...new Set([...schema.motionSources, ...loaded.references])].sort();
    note(`reference gate: ${sources.length} motion sources`);
    const gate = await timed(() =>
      referenceGateCheck({
        sources,
        cwd: options.cwd,
        // The check config's `gate` wins over the preset's `reference_gate`, which wins over defaults.
        gate: referenceGateConfig(record?.preset, config.gate),
      }),
    );
    const checks: CheckResult[] = [schemaResult, gate];
    let run: RunView | null = null;
    if (record === null || schemaResult.status === 'failed') {
      // A change that fails validation is rejected already: spend nothing on generating clips.
      const why =
        record === null
          ? `preset ${config.preset} did not load (see schema validation)`
          : 'schema validation failed; fix it first (nothing was generated or spent)';
      checks.push(skipped('sweep', why), skipped('temporal_consistency', why), skipped('regression', why));
    } else {
      note(
        `sweep: ${presetRef(record.preset)} at motion_score ${record.preset.sweep.baseline} / ${record.preset.sweep.mid} / ${record.preset.sweep.stress}`,
      );
      const started = performance.now();
      const sweep = await sweepStage(loaded, options, store, catalog, budgetUsd);
      checks.push({ ...sweep.result, durationMs: Math.round(performance.now() - started) });
      run = sweep.run;
      if (run === null) {
        checks.push(
          skipped('temporal_consistency', 'the sweep produced no run'),
          skipped('regression', 'the sweep produced no run'),
        );
      } else {
        const sweepRun = run;
        checks.push(await timed(() => temporalCheck(sweepRun)));
        const presetId = parsePresetRef(config.preset).id;
        if (sweep.result.data?.['status'] !== 'completed') {
          checks.push(skipped('regression', 'the sweep did not finish, so its numbers are not comparable'));
        } else {
          checks.push(
            await timed(() =>
              regressionCheck({
                presetId,
                candidateRef: presetRef(record.preset),
                candidate: runEvidence(sweepRun, { usableRateMin: record.preset.rubric.usable_rate_min }),
                baseline: store.approvals.latest(presetId),
                tolerance: record.preset.rubric.regression_tolerance,
                requireBaseline: config.regression.require_baseline,
              }),
            ),
          );
        }
      }
    }
    const exitCode = reportExitCode(checks);
    return {
      ok: exitCode === 0,
      exitCode,
      config: loaded.shown,
      preset: record ? presetRef(record.preset) : config.preset,
      provider: providerLabel(config.provider),
      runId: run?.experiment.id ?? null,
      simulated: run
        ? run.experiment.simulated || run.jobs.some((j) => j.simulated)
        : providerLabel(config.provider) === 'simulator',
      costUsd: run ? Math.round(run.jobs.reduce((s, j) => s + (j.cost_usd ?? 0), 0) * 10_000) / 10_000 : 0,
      checks,
    };
  } finally {
    store.close();
  }
}

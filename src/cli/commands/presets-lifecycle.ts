/**
 * `clipbench presets approve | diff | retire` — the preset lifecycle over the store. Registered by
 * presets.ts; logic lives in src/presets/lifecycle*.ts and src/check/evidence.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { runEvidence } from '../../check/evidence.ts';
import { formatChanges } from '../../contract/diff.ts';
import { parsePresetRef, presetRef } from '../../contract/preset.ts';
import { InputError } from '../../errors/input-error.ts';
import { loadPresetCatalog, type PresetCatalog } from '../../presets/catalog.ts';
import { applyStoreLifecycle, planApproval, replacementFor } from '../../presets/lifecycle.ts';
import { diffPresets } from '../../presets/lifecycle-diff.ts';
import { DEFAULT_RETIREMENT_RULE, retirementCandidates } from '../../presets/lifecycle-retire.ts';
import { resolvePresetRecord } from '../../presets/resolve.ts';
import type { Store } from '../../store/store.ts';
import { resolveWorkspace } from '../../store/workspace.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP, withWorkspaceStore } from './open-workspace.ts';

type StoreOptions = { workspace?: string; json?: boolean; file?: string[] };

/** The file catalog (plus `--file` extras) with the store's approvals and retirements applied. */
function lifecycleCatalog(ctx: CliContext, store: Store, files: readonly string[] = []): PresetCatalog {
  const extraFiles = files.map((file) => {
    const path = resolve(ctx.cwd, file);
    if (!existsSync(path))
      throw new InputError({
        code: 'file_not_found',
        message: `file not found: ${file}`,
        file,
        field: '--file',
      });
    return path;
  });
  const catalog = loadPresetCatalog({ cwd: ctx.cwd, extraFiles });
  return applyStoreLifecycle(catalog, store.approvals.list());
}

function approveCommand(ctx: CliContext): Command {
  return new Command('approve')
    .description(
      'record the version a run used as approved, with its evidence and approved range (immutable)',
    )
    .argument('<id>', 'preset id (or id@version) the run used')
    .requiredOption('--from <run>', 'run id, unique prefix, or `latest`')
    .option('--file <preset...>', 'preset files outside presets/ and .clipbench/presets/')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .action((id: string, options: StoreOptions & { from: string }) =>
      withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const run = store.views.runView(store.experiments.resolve(options.from).id);
        const used = run.experiment.preset;
        const wanted = parsePresetRef(id);
        const usedRef = used === null ? null : parsePresetRef(used);
        if (
          usedRef === null ||
          usedRef.id !== wanted.id ||
          (wanted.version !== undefined && wanted.version !== usedRef.version)
        ) {
          throw new InputError({
            code: 'run_preset_mismatch',
            message: `run ${run.experiment.id} used ${used ?? 'no preset'}, not ${id}`,
            field: '--from',
            hint: 'approve a run made with this preset (see `clipbench runs list`)',
          });
        }
        const catalog = lifecycleCatalog(ctx, store, options.file);
        const record = resolvePresetRecord(catalog, used as string, { forNewRun: false, field: 'id' });
        const evidence = runEvidence(run, { usableRateMin: record.preset.rubric.usable_rate_min });
        const plan = planApproval({
          presetId: wanted.id,
          record,
          evidence,
          existing: store.approvals.list(wanted.id),
        });
        const approved = store.approvals.approve(plan);
        if (options.json) return printJson(ctx, { approved });
        const ref = `${approved.preset_id}@${approved.version}`;
        printLine(
          ctx,
          `approved ${ref} from run ${evidence.run_id}${evidence.simulated ? ' (SIMULATED clips)' : ''}`,
        );
        printLine(
          ctx,
          `  approved motion_score range ${plan.rangeMin}–${plan.rangeMax}: ${evidence.recommended_range?.reason ?? ''}`,
        );
        for (const p of evidence.by_motion_score)
          printLine(ctx, `  motion_score ${p.motion_score}: usable ${p.usable}/${p.judged}`);
        printLine(ctx, `  \`clipbench check\` now compares ${wanted.id} against this evidence`);
      }),
    );
}

function resolveForDiff(catalog: PresetCatalog, store: Store, ref: string) {
  try {
    return resolvePresetRecord(catalog, ref, { forNewRun: false, field: 'ref' }).preset;
  } catch (error) {
    // A version whose file is gone is still in the approval history.
    const { id, version } = parsePresetRef(ref);
    const row = store.approvals.list(id).find((a) => a.version === version);
    if (row?.preset) return row.preset as ReturnType<typeof resolvePresetRecord>['preset'];
    throw error;
  }
}

function diffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('what changed between two preset versions (content, then lifecycle)')
    .argument('<a>', 'old version, e.g. product@1')
    .argument('<b>', 'new version, e.g. product@2')
    .option('--file <preset...>', 'preset files outside presets/ and .clipbench/presets/')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .action((a: string, b: string, options: StoreOptions) =>
      withWorkspaceStore(ctx, { workspace: options.workspace, create: true }, (store) => {
        const catalog = lifecycleCatalog(ctx, store, options.file);
        const left = resolveForDiff(catalog, store, a);
        const right = resolveForDiff(catalog, store, b);
        const diff = diffPresets(left, right);
        const approvals = (p: typeof left) =>
          store.approvals.list(p.id).find((r) => r.version === p.version) ?? null;
        const range = (p: typeof left) => {
          const row = approvals(p);
          return row && row.range_min !== null ? `${row.range_min}–${row.range_max}` : null;
        };
        if (options.json)
          return printJson(ctx, {
            a: presetRef(left),
            b: presetRef(right),
            same: diff.changes.length === 0,
            ...diff,
            approved_range: { a: range(left), b: range(right) },
          });
        printLine(ctx, `${presetRef(left)} (${left.status}) → ${presetRef(right)} (${right.status})`);
        if (diff.changes.length === 0) printLine(ctx, 'no content changes');
        for (const line of formatChanges(diff.changes)) printLine(ctx, `  ${line}`);
        for (const line of formatChanges(diff.lifecycle)) printLine(ctx, `  lifecycle: ${line}`);
        const ra = range(left);
        const rb = range(right);
        if (ra !== null || rb !== null)
          printLine(
            ctx,
            `  approved range (from evidence): ${ra ?? 'not approved'} → ${rb ?? 'not approved'}`,
          );
      }),
    );
}

async function confirm(ctx: CliContext, question: string): Promise<boolean> {
  // Only a person at a terminal can confirm; scripts and CI must say --yes.
  if (!ctx.isTTY || process.stdin.isTTY !== true) {
    throw new InputError({
      code: 'confirmation_required',
      message: 'retiring presets needs confirmation, and there is no terminal to ask on',
      field: '--yes',
      hint: 'rerun with --yes to retire without asking',
    });
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

type RetireOptions = StoreOptions & {
  below?: string;
  weeks?: string;
  yes?: boolean;
  reason?: string;
  replacement?: string;
};

function number(
  value: string | undefined,
  fallback: number,
  field: string,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new InputError({
      code: 'usage',
      message: `Expected \`${field}\` to be a number from ${min} to ${max}, got \`${value}\``,
      field,
    });
  return n;
}

type Target = { ref: string; reason: string };

function retireTargets(
  store: Store,
  catalog: PresetCatalog,
  id: string | undefined,
  options: RetireOptions,
): Target[] {
  const byStats = options.below !== undefined || options.weeks !== undefined || id === undefined;
  if (!byStats) {
    const { id: bare, version } = parsePresetRef(id as string);
    const versions = catalog.records.filter(
      (r) =>
        r.preset.id === bare &&
        r.preset.status !== 'retired' &&
        (version === undefined || r.preset.version === version),
    );
    if (versions.length === 0) resolvePresetRecord(catalog, id as string, { forNewRun: true, field: 'id' });
    return versions.map((r) => ({ ref: presetRef(r.preset), reason: options.reason ?? 'retired by hand' }));
  }
  const rule = {
    below: number(options.below, DEFAULT_RETIREMENT_RULE.below, '--below', 0, 1),
    weeks: Math.round(number(options.weeks, DEFAULT_RETIREMENT_RULE.weeks, '--weeks', 1, 520)),
    preset: id,
  };
  const active = new Set(
    catalog.records.filter((r) => r.preset.status !== 'retired').map((r) => presetRef(r.preset)),
  );
  return retirementCandidates(store.views.statRows(), rule)
    .filter((c) => active.has(c.preset))
    .map((c) => ({ ref: c.preset, reason: options.reason ?? c.reason }));
}

function recordRetirement(
  store: Store,
  catalog: PresetCatalog,
  target: Target,
  replacement: string | undefined,
): void {
  const { id, version } = parsePresetRef(target.ref);
  const v = version as number;
  if (!store.approvals.list(id).some((a) => a.version === v)) {
    // A catalog version never approved in this workspace gets its row first, so the retirement
    // (and the version as it was) is recorded in the same history as every other lifecycle step.
    const record = resolvePresetRecord(catalog, target.ref, { forNewRun: false });
    store.approvals.approve({
      presetId: id,
      version: v,
      evidence: { source: 'catalog', note: 'recorded at retirement', content_hash: record.contentHash },
      preset: record.preset,
    });
  }
  store.approvals.retire(id, { version: v, reason: target.reason, replacement: replacement ?? null });
}

function retireCommand(ctx: CliContext): Command {
  return new Command('retire')
    .description(
      'retire preset versions (by hand, or whose usable rate stayed under --below for --weeks); history is kept',
    )
    .argument('[id]', 'preset id or id@version (all versions when no version is given)')
    .option(
      '--below <rate>',
      `retire when weekly usable rate stayed under this (0..1, default ${DEFAULT_RETIREMENT_RULE.below})`,
    )
    .option(
      '--weeks <n>',
      `…for this many most recent weeks of use (default ${DEFAULT_RETIREMENT_RULE.weeks})`,
    )
    .option('--replacement <ref>', 'what to use instead (default: the newest approved version left)')
    .option('--reason <text>', 'why (stored with the retirement)')
    .option('--yes', 'do not ask for confirmation')
    .option('--file <preset...>', 'preset files outside presets/ and .clipbench/presets/')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .action((id: string | undefined, options: RetireOptions) =>
      withWorkspaceStore(ctx, { workspace: options.workspace }, async (store) => {
        const catalog = lifecycleCatalog(ctx, store, options.file);
        const targets = retireTargets(store, catalog, id, options);
        const plan = targets.map((t) => {
          const { id: bare } = parsePresetRef(t.ref);
          const excluded = targets
            .filter((o) => o.ref.startsWith(`${bare}@`))
            .map((o) => parsePresetRef(o.ref).version as number);
          return { ...t, replacement: options.replacement ?? replacementFor(catalog, bare, excluded) };
        });
        if (plan.length === 0) {
          if (options.json) return printJson(ctx, { retired: [] });
          return printLine(ctx, 'nothing to retire');
        }
        if (!options.json || !options.yes)
          for (const p of plan)
            printLine(
              ctx,
              `retire ${p.ref}: ${p.reason}${p.replacement ? ` (replacement: ${p.replacement})` : ' (no replacement)'}`,
            );
        if (!options.yes && !(await confirm(ctx, `retire ${plan.length} preset version(s)?`)))
          return printLine(ctx, 'not retired');
        for (const p of plan) recordRetirement(store, catalog, p, p.replacement);
        if (options.json) return printJson(ctx, { retired: plan });
        printLine(
          ctx,
          `retired ${plan.length} version(s); new runs naming them are refused, history is kept`,
        );
      }),
    );
}

/** The lifecycle subcommands, registered by `presetsCommand`. */
export function presetLifecycleCommands(ctx: CliContext): Command[] {
  return [approveCommand(ctx), diffCommand(ctx), retireCommand(ctx)];
}

/**
 * The catalog as `presets list/show` should present it: with the workspace's approvals and
 * retirements applied when a workspace exists (read-only commands never create one).
 */
export function catalogWithLifecycle(ctx: CliContext, workspace?: string): PresetCatalog {
  if (!existsSync(resolveWorkspace({ cwd: ctx.cwd, env: ctx.env, workspace }).dbPath))
    return loadPresetCatalog({ cwd: ctx.cwd });
  return withWorkspaceStore(ctx, { workspace }, (store) => lifecycleCatalog(ctx, store));
}

/**
 * Preset lifecycle over the store's approval rows, pure: planning an approval from a run's evidence,
 * and overlaying recorded approvals and retirements onto the file catalog so that `id` resolves to
 * the newest approved version and a version retired in the store cannot start a new run.
 *
 * A version's content lives in its preset file (builtin or project); the store adds the lifecycle:
 * an approval row (`id@version`, approved range, run, evidence, the preset document as approved) and
 * its retirement. Approving records the version the run actually used; it is refused when that
 * version is already approved (immutable), so a change is published as a new version and approved.
 */
import { type Preset, presetRef } from '../contract/preset.ts';
import type { PresetApprovalRecord } from '../contract/run.ts';
import { InputError } from '../errors/input-error.ts';
import type { PresetCatalog, PresetRecord } from './catalog.ts';
import type { RunEvidence } from './lifecycle-evidence.ts';

/** What `store.approvals.approve` receives (kept structural so presets/ does not import the store). */
export type ApprovalPlan = {
  presetId: string;
  version: number;
  rangeMin: number;
  rangeMax: number;
  runId: string;
  evidence: Record<string, unknown>;
  preset: Record<string, unknown>;
};

/** Plans the approval of `record` (the preset version the run used) from the run's evidence. */
export function planApproval(input: {
  presetId: string;
  record: PresetRecord;
  evidence: RunEvidence;
  existing: readonly PresetApprovalRecord[];
}): ApprovalPlan {
  const { record, evidence } = input;
  const ref = presetRef(record.preset);
  const runId = evidence.run_id;
  const clash = input.existing.find(
    (a) => a.preset_id === record.preset.id && a.version === record.preset.version,
  );
  if (clash !== undefined) {
    throw new InputError({
      code: 'preset_already_approved',
      message: `${ref} is already approved (${clash.approved_at}${clash.run_id ? `, from run ${clash.run_id}` : ''}); approved versions are immutable`,
      field: 'id',
      hint: `publish the change as ${record.preset.id}@${record.preset.version + 1} (a new preset file), run it, and approve that run`,
    });
  }
  if (record.preset.status === 'retired') {
    throw new InputError({
      code: 'preset_retired',
      message: `run ${runId} used ${ref}, which is retired`,
      hint: record.preset.replaced_by
        ? `run ${record.preset.replaced_by} and approve that`
        : 'run an active version and approve that',
    });
  }
  if (evidence.judged === 0) {
    throw new InputError({
      code: 'nothing_to_approve',
      message: `run ${runId} has no judged clips, so there is no evidence to approve ${ref} with`,
      hint: `finish the run first: clipbench run --resume ${runId}`,
    });
  }
  const range = evidence.recommended_range;
  if (range === null) {
    const rates = evidence.by_motion_score
      .map((p) => `${p.motion_score}: ${p.usable}/${p.judged}`)
      .join(', ');
    throw new InputError({
      code: 'no_approvable_range',
      message: `no swept motion_score in run ${runId} reached usable rate ≥ ${Math.round(evidence.usable_rate_min * 100)}% (${rates})`,
      hint: 'lower motion_score or fix the preset, rerun, and approve a healthy run',
    });
  }
  return {
    presetId: record.preset.id,
    version: record.preset.version,
    rangeMin: range.min,
    rangeMax: range.max,
    runId,
    evidence: {
      run: evidence,
      approved_range: range,
      usable_rate_min: record.preset.rubric.usable_rate_min,
      regression_tolerance: record.preset.rubric.regression_tolerance,
      content_hash: record.contentHash,
      source_file: record.file,
    },
    preset: { ...record.preset, status: 'approved' },
  };
}

function overlay(record: PresetRecord, row: PresetApprovalRecord | undefined): PresetRecord {
  if (row === undefined) return record;
  const stored = row.evidence['content_hash'];
  if (typeof stored === 'string' && stored !== record.contentHash) {
    throw new InputError({
      code: 'preset_version_conflict',
      message: `${presetRef(record.preset)} in ${record.file} differs from the version approved on ${row.approved_at}`,
      file: record.file,
      field: 'version',
      hint: 'approved versions are immutable: restore the file, and publish the change under a new version number',
    });
  }
  const preset: Preset = row.retired
    ? {
        ...record.preset,
        status: 'retired',
        ...(row.replacement ? { replaced_by: row.replacement } : {}),
        ...(row.retired_reason ? { retired_reason: row.retired_reason } : {}),
      }
    : { ...record.preset, status: record.preset.status === 'retired' ? 'retired' : 'approved' };
  return { ...record, preset };
}

/**
 * The catalog with the store's lifecycle applied: an approval row makes its version approved, a
 * retired row makes it retired (with replacement and reason). A file whose content changed after
 * approval is a `preset_version_conflict`.
 */
export function applyStoreLifecycle(
  catalog: PresetCatalog,
  approvals: readonly PresetApprovalRecord[],
): PresetCatalog {
  const rowOf = (r: PresetRecord) =>
    approvals.find((a) => a.preset_id === r.preset.id && a.version === r.preset.version);
  return { records: catalog.records.map((r) => overlay(r, rowOf(r))) };
}

/** The newest approved, non-retired version of `id` other than `excluded` (a retirement's replacement). */
export function replacementFor(
  catalog: PresetCatalog,
  id: string,
  excluded: readonly number[],
): string | undefined {
  const candidates = catalog.records
    .filter(
      (r) => r.preset.id === id && r.preset.status === 'approved' && !excluded.includes(r.preset.version),
    )
    .sort((a, b) => b.preset.version - a.preset.version);
  return candidates[0] ? presetRef(candidates[0].preset) : undefined;
}

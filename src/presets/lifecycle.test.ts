import { describe, expect, it } from 'vitest';
import { approvalRecord, runEvidence } from '../../test/helpers/lifecycle-records.ts';
import type { PresetApprovalRecord } from '../contract/run.ts';
import { loadPresetCatalog, type PresetCatalog } from './catalog.ts';
import { applyStoreLifecycle, planApproval, replacementFor } from './lifecycle.ts';
import { diffPresets } from './lifecycle-diff.ts';
import type { RunEvidence } from './lifecycle-evidence.ts';
import { retirementCandidates } from './lifecycle-retire.ts';
import { resolvePreset, resolvePresetRecord } from './resolve.ts';

const catalog: PresetCatalog = loadPresetCatalog({ cwd: '/nonexistent-project' });
const product = resolvePresetRecord(catalog, 'product@1');

const row = (fields: Partial<PresetApprovalRecord> = {}): PresetApprovalRecord =>
  approvalRecord({ evidence: { content_hash: product.contentHash }, ...fields });

describe('planApproval', () => {
  it('records the version the run used, its evidence-derived range and the tolerance', () => {
    const plan = planApproval({
      presetId: 'product',
      record: product,
      evidence: runEvidence(),
      existing: [],
    });
    expect(plan).toMatchObject({
      presetId: 'product',
      version: 1,
      rangeMin: 1.5,
      rangeMax: 3,
      runId: 'run-1',
    });
    expect(plan.evidence).toMatchObject({ regression_tolerance: 0.05, content_hash: product.contentHash });
    expect((plan.evidence['run'] as RunEvidence).by_motion_score).toHaveLength(3);
  });

  it('refuses to approve an already approved version again (immutable)', () => {
    expect(() =>
      planApproval({ presetId: 'product', record: product, evidence: runEvidence(), existing: [row()] }),
    ).toThrow(/already approved.*immutable/);
  });

  it('refuses a run with no healthy motion_score or nothing judged', () => {
    expect(() =>
      planApproval({
        presetId: 'product',
        record: product,
        evidence: runEvidence({ recommended_range: null }),
        existing: [],
      }),
    ).toThrow(/no swept motion_score .* reached usable rate ≥ 70% \(1\.5: 2\/2, 3: 2\/2, 4\.5: 0\/2\)/);
    expect(() =>
      planApproval({
        presetId: 'product',
        record: product,
        evidence: runEvidence({ judged: 0 }),
        existing: [],
      }),
    ).toThrow(/no judged clips/);
  });
});

describe('applyStoreLifecycle', () => {
  it('a retirement recorded in the store refuses new runs and names the replacement', () => {
    const overlaid = applyStoreLifecycle(catalog, [
      row({ retired: true, retired_reason: 'usable rate under 60%', replacement: 'dance@1' }),
    ]);
    expect(() => resolvePreset(overlaid, 'product@1')).toThrow(
      /product@1 is retired \(usable rate under 60%\); use dance@1 instead/,
    );
    expect(resolvePreset(overlaid, 'product@1', { forNewRun: false }).status).toBe('retired');
  });

  it('an approval makes a draft version the newest approved one', () => {
    const draft = { ...product, preset: { ...product.preset, version: 2, status: 'draft' as const } };
    const withDraft: PresetCatalog = { records: [...catalog.records, draft] };
    expect(resolvePreset(withDraft, 'product').version).toBe(1);
    const overlaid = applyStoreLifecycle(withDraft, [row({ version: 2, evidence: {} })]);
    expect(resolvePreset(overlaid, 'product').version).toBe(2);
    expect(replacementFor(overlaid, 'product', [2])).toBe('product@1');
  });

  it('a file whose content changed after approval is a version conflict', () => {
    expect(() => applyStoreLifecycle(catalog, [row({ evidence: { content_hash: 'sha256:other' } })])).toThrow(
      /differs from the version approved/,
    );
  });
});

describe('diffPresets', () => {
  it('lists content changes apart from lifecycle changes', () => {
    const a = product.preset;
    const b = { ...a, version: 2, status: 'retired' as const, sweep: { ...a.sweep, stress: 6 } };
    const diff = diffPresets(a, b);
    expect(diff.changes.map((c) => c.path)).toEqual(['sweep.stress']);
    expect(diff.lifecycle.map((c) => c.path)).toEqual(['status']);
  });
});

describe('retirementCandidates', () => {
  const rows = (preset: string, week: string, usable: number, fail: number) => [
    ...Array.from({ length: usable }, () => ({ iso_week: week, preset, verdict: 'pass' as const })),
    ...Array.from({ length: fail }, () => ({ iso_week: week, preset, verdict: 'fail' as const })),
  ];

  it('retires versions under the threshold in each of their last N weeks of use', () => {
    const data = [
      ...rows('product@1', '2026-W01', 1, 3),
      ...rows('product@1', '2026-W03', 2, 2),
      ...rows('dance@1', '2026-W01', 1, 3),
      ...rows('dance@1', '2026-W02', 3, 1),
      ...rows('ad@1', '2026-W02', 0, 4),
    ];
    const out = retirementCandidates(data, { below: 0.6, weeks: 2 });
    expect(out.map((c) => c.preset)).toEqual(['product@1']);
    expect(out[0]?.reason).toBe('usable rate under 60% for 2 weeks (2026-W01 1/4, 2026-W03 2/4)');
    // ad@1 has one week of data only; with --weeks 1 it qualifies, and a filter narrows by id.
    expect(retirementCandidates(data, { below: 0.6, weeks: 1, preset: 'ad' }).map((c) => c.preset)).toEqual([
      'ad@1',
    ]);
  });
});

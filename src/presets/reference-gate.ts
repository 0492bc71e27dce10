/**
 * A preset's reference-gate thresholds in the shape `gateFile` takes. Explicit overrides (a CLI flag,
 * a check config) win over the preset; what neither sets falls back to the gate's documented defaults.
 */
import type { Preset, ReferenceGate } from '../contract/preset.ts';

export type ReferenceGateConfig = {
  minDurationS?: number;
  minSharpness?: number;
  minSubjectConsistency?: number;
};

/** Maps the preset's `reference_gate` section (if any) plus overrides to a gate config. */
export function referenceGateConfig(
  preset: Pick<Preset, 'reference_gate'> | undefined,
  overrides: ReferenceGate = {},
): ReferenceGateConfig {
  const merged: ReferenceGate = { ...preset?.reference_gate, ...stripUndefined(overrides) };
  return {
    ...(merged.min_duration_s === undefined ? {} : { minDurationS: merged.min_duration_s }),
    ...(merged.min_sharpness === undefined ? {} : { minSharpness: merged.min_sharpness }),
    ...(merged.min_subject_consistency === undefined
      ? {}
      : { minSubjectConsistency: merged.min_subject_consistency }),
  };
}

function stripUndefined(gate: ReferenceGate): ReferenceGate {
  return Object.fromEntries(Object.entries(gate).filter(([, v]) => v !== undefined)) as ReferenceGate;
}

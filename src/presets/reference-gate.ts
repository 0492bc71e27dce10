/**
 * A preset's reference-gate thresholds in the shape `gateFile` takes. Explicit overrides (a CLI flag,
 * a check config) win over the preset; what neither sets falls back to the gate's documented defaults.
 */
import type { Preset, ReferenceGate } from '../contract/preset.ts';

export type ReferenceGateConfig = {
  minDurationS?: number | undefined;
  minSharpness?: number | undefined;
  minSubjectConsistency?: number | undefined;
};

/** Maps the preset's `reference_gate` section (if any) plus overrides to a gate config. */
export function referenceGateConfig(
  preset: Pick<Preset, 'reference_gate'> | undefined,
  overrides: ReferenceGate = {},
): ReferenceGateConfig {
  const gate = preset?.reference_gate ?? {};
  return {
    minDurationS: overrides.min_duration_s ?? gate.min_duration_s,
    minSharpness: overrides.min_sharpness ?? gate.min_sharpness,
    minSubjectConsistency: overrides.min_subject_consistency ?? gate.min_subject_consistency,
  };
}

/**
 * The analysis result (`clipbench analyze --json`) and reference-gate result (`clipbench gate --json`).
 * Defect codes may be extended, never renamed.
 */
import { z } from 'zod';
import { CameraMoveSchema, CameraSpeedSchema } from './camera-move.ts';

export const DEFECT_CODES = [
  'shake',
  'flicker',
  'cut',
  'freeze',
  'zoom_jump',
  'blur',
  'underexposed',
  'overexposed',
  'too_short',
  'black_frames',
  'subject_distortion',
] as const;
export const DefectCodeSchema = z.enum(DEFECT_CODES);
export type DefectCode = z.infer<typeof DefectCodeSchema>;

export const DefectSchema = z.object({
  code: DefectCodeSchema,
  start_frame: z.number().int().min(0),
  end_frame: z.number().int().min(0),
  /** 0..1: how bad, relative to the threshold that raised it. */
  severity: z.number().min(0).max(1),
  message: z.string().optional(),
});
export type Defect = z.infer<typeof DefectSchema>;

export const MeasuredCameraSchema = z.object({
  move: CameraMoveSchema,
  speed: CameraSpeedSchema.nullable(),
  confidence: z.number().min(0).max(1),
  /** The measured rate in the move's speed-band unit (see SPEED_BANDS). */
  rate: z.number().optional(),
  modifiers: z.array(z.string()).optional(),
});
export type MeasuredCamera = z.infer<typeof MeasuredCameraSchema>;

export const VideoInfoSchema = z.object({
  frames: z.number().int().min(0),
  fps: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  duration_s: z.number().min(0),
});
export type VideoInfo = z.infer<typeof VideoInfoSchema>;

export const AnalysisResultSchema = z.object({
  camera: MeasuredCameraSchema,
  cuts: z.array(z.object({ frame: z.number().int().min(0), score: z.number().optional() })),
  defects: z.array(DefectSchema),
  /** Named scalar metrics, documented in src/analysis/README.md (e.g. shake, flicker, sharpness, subject_consistency). */
  metrics: z.record(z.string(), z.number()),
  video: VideoInfoSchema,
  /** Present with `--expect`: parsed intent vs measured move. */
  intent_match: z
    .object({
      expected: z.object({ move: CameraMoveSchema, speed: CameraSpeedSchema.nullable() }),
      move_match: z.boolean(),
      speed_match: z.boolean(),
      score: z.number().min(0).max(1),
    })
    .optional(),
});
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

export const GateReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  start_frame: z.number().int().min(0).optional(),
  end_frame: z.number().int().min(0).optional(),
});

export const GateResultSchema = z.object({
  verdict: z.enum(['accept', 'reject']),
  reasons: z.array(GateReasonSchema),
});
export type GateResult = z.infer<typeof GateResultSchema>;

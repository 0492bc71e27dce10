/**
 * What the Replicate adapter honours natively, phrases into the prompt, or ignores — declared once
 * so `clipbench plan` can warn before anything is paid.
 */
import type { PriceEntry, ProviderCapabilities } from '../provider.ts';
import {
  REPLICATE_ASPECTS,
  REPLICATE_DEFAULT_MODEL,
  REPLICATE_DURATIONS_S,
  REPLICATE_MODELS,
} from './models.ts';

export const REPLICATE_CAPABILITIES: ProviderCapabilities = {
  layers: {
    identity: 'native',
    motion_source: 'ignored',
    motion: 'ignored',
    camera: 'prompt',
    negative: 'native',
  },
  fields: {
    'identity.reference_image': {
      support: 'native',
      note: 'start_image (required by kling-v2.1); local files are sent as data URIs (≤ 10 MB)',
    },
    'motion_source.reference_video': {
      support: 'ignored',
      note: 'no Kling motion-control model on Replicate in clipbench’s table (UNCONFIRMED upstream); use kling or fal',
    },
    'motion.motion_score': { support: 'ignored', note: 'Kling on Replicate has no motion-strength field' },
    'motion.strength': { support: 'ignored', note: 'Kling on Replicate has no motion-strength field' },
    'camera.intent': { support: 'prompt', note: 'appended to the prompt as a "Camera: …" sentence' },
    'camera.move': {
      support: 'prompt',
      note: 'phrased into the prompt (no camera field on Replicate Kling)',
    },
    'camera.stability': { support: 'prompt', note: 'phrased into the prompt' },
    'camera.zoom': { support: 'prompt', note: 'phrased into the prompt' },
    'negative.prompt': { support: 'native', note: 'negative_prompt' },
    'negative.constraints': { support: 'native', note: 'appended to negative_prompt as words' },
  },
  // No idempotency key: duplicates are avoided by journaling before submit and never retrying a
  // create whose outcome is unknown (README: "Never pay twice on Replicate").
  idempotency: 'none',
  models: Object.keys(REPLICATE_MODELS),
  defaultModel: REPLICATE_DEFAULT_MODEL,
  durationsS: REPLICATE_DURATIONS_S,
  aspects: REPLICATE_ASPECTS,
  simulated: false,
};

/** The price table as rows for `providers list` (per second of output). All UNCONFIRMED. */
export const REPLICATE_PRICE_TABLE: readonly PriceEntry[] = Object.entries(REPLICATE_MODELS).flatMap(
  ([model, spec]) => {
    const note = `UNCONFIRMED: ${spec.price.source}`;
    const rows: PriceEntry[] = [
      { model, mode: spec.modes ? 'standard' : undefined, unit: 'per_second', usd: spec.price.usdPerS, note },
    ];
    if (spec.price.proUsdPerS !== undefined)
      rows.push({ model, mode: 'pro', unit: 'per_second', usd: spec.price.proUsdPerS, note });
    if (spec.price.audioUsdPerS !== undefined)
      rows.push({ model, mode: '+audio', unit: 'per_second', usd: spec.price.audioUsdPerS, note });
    return rows;
  },
);

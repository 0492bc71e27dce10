/**
 * What the Replicate adapter honours natively, phrases into the prompt, or ignores — declared once
 * so `clipbench plan` can warn before anything is paid.
 */
import { hostedKlingFields } from '../capabilities.ts';
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
  fields: hostedKlingFields({
    host: 'Replicate',
    referenceImage: {
      support: 'native',
      note: 'start_image (required by kling-v2.1); local files are sent as data URIs (≤ 10 MB)',
    },
    referenceVideo: {
      support: 'ignored',
      note: 'no Kling motion-control model on Replicate in clipbench’s table (UNCONFIRMED upstream); use kling or fal',
    },
    cameraMove: 'phrased into the prompt (no camera field on Replicate Kling)',
    negativePrompt: 'negative_prompt',
  }),
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

/**
 * What the fal adapter honours natively, what it phrases into the prompt and what it ignores —
 * declared once so `clipbench plan` can warn before anything is paid.
 */
import type { PriceEntry, ProviderCapabilities } from '../provider.ts';
import { FAL_ASPECTS, FAL_DEFAULT_MODEL, FAL_DURATIONS_S, FAL_MODELS } from './models.ts';

export const FAL_CAPABILITIES: ProviderCapabilities = {
  layers: {
    identity: 'native',
    motion_source: 'native',
    motion: 'ignored',
    camera: 'prompt',
    negative: 'native',
  },
  fields: {
    'identity.reference_image': {
      support: 'native',
      note: 'image_url (v2.1/v2.5) or start_image_url (v2.6); local files are sent as data URIs (≤ 10 MB)',
    },
    'motion_source.reference_video': {
      support: 'native',
      note: 'v2.6 motion-control video_url (needs identity.reference_image; character_orientation "video")',
    },
    'motion.motion_score': { support: 'ignored', note: 'Kling on fal has no motion-strength field' },
    'motion.strength': { support: 'ignored', note: 'Kling on fal has no motion-strength field' },
    'camera.intent': { support: 'prompt', note: 'appended to the prompt as a "Camera: …" sentence' },
    'camera.move': {
      support: 'prompt',
      note: 'phrased into the prompt (fal Kling v2.x has no camera_control)',
    },
    'camera.stability': { support: 'prompt', note: 'phrased into the prompt' },
    'camera.zoom': { support: 'prompt', note: 'phrased into the prompt' },
    'negative.prompt': { support: 'native', note: 'negative_prompt (not on motion-control endpoints)' },
    'negative.constraints': { support: 'native', note: 'appended to negative_prompt as words' },
  },
  // fal has no idempotency key: duplicates are avoided by journaling before submit and never
  // retrying a submit whose outcome is unknown (README: "Never pay twice on fal").
  idempotency: 'none',
  models: Object.keys(FAL_MODELS),
  defaultModel: FAL_DEFAULT_MODEL,
  durationsS: FAL_DURATIONS_S,
  aspects: FAL_ASPECTS,
  simulated: false,
};

/** The price table as rows for `providers list` (per second of output, by model and task). */
export const FAL_PRICE_TABLE: readonly PriceEntry[] = Object.entries(FAL_MODELS).flatMap(([model, spec]) =>
  Object.entries(spec.tasks).flatMap(([task, price]) => {
    const note = price.confirmed ? price.source : `UNCONFIRMED: ${price.source}`;
    const rows: PriceEntry[] = [{ model, mode: task, unit: 'per_second', usd: price.usdPerS, note }];
    if (price.audioUsdPerS !== undefined)
      rows.push({ model, mode: `${task} +audio`, unit: 'per_second', usd: price.audioUsdPerS, note });
    return rows;
  }),
);

/**
 * What the fal adapter honours natively, what it phrases into the prompt and what it ignores —
 * declared once so `clipbench plan` can warn before anything is paid.
 */
import { hostedKlingFields } from '../capabilities.ts';
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
  fields: hostedKlingFields({
    host: 'fal',
    referenceImage: {
      support: 'native',
      note: 'image_url (v2.1/v2.5) or start_image_url (v2.6); local files are sent as data URIs (≤ 10 MB)',
    },
    referenceVideo: {
      support: 'native',
      note: 'v2.6 motion-control video_url (needs identity.reference_image; character_orientation "video")',
    },
    cameraMove: 'phrased into the prompt (fal Kling v2.x has no camera_control)',
    negativePrompt: 'negative_prompt (not on motion-control endpoints)',
  }),
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

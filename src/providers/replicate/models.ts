/**
 * Kling models on Replicate (official-model form, `kwaivgi/*`) with their input fields and prices.
 * Source: replicate.com model API pages as collected in shared/reference/providers.md §3. Replicate's
 * video prices are not in first-party material we hold, so every price is `confirmed: false`; the
 * prediction object reports `metrics.predict_time`, never a dollar amount.
 */

export type ReplicatePrice = {
  /** USD per second of output video. */
  usdPerS: number;
  /** USD per second in `pro` mode, where the model has modes. */
  proUsdPerS?: number;
  /** USD per second with native audio on, where the model has audio. */
  audioUsdPerS?: number;
  confirmed: boolean;
  source: string;
};

export type ReplicateModelSpec = {
  /** Whether the model can run without a start image (text-to-video). */
  textToVideo: boolean;
  /** Whether the model has `mode: standard | pro` (sent `standard` unless options say otherwise). */
  modes: boolean;
  /** Whether the model has `generate_audio` (sent false unless options say otherwise). */
  audio: boolean;
  price: ReplicatePrice;
};

const UNCONFIRMED =
  'estimate from third-party comparisons (providers.md marks Replicate Kling prices UNCONFIRMED)';

/** Open union: known ids autocomplete; `owner/name:version` selects the version form of create. */
export type ReplicateModel =
  | (string & {})
  | 'kwaivgi/kling-v2.1'
  | 'kwaivgi/kling-v2.5-turbo-pro'
  | 'kwaivgi/kling-v2.6';

export const REPLICATE_MODELS: Readonly<Record<string, ReplicateModelSpec>> = {
  'kwaivgi/kling-v2.1': {
    textToVideo: false,
    modes: true,
    audio: false,
    price: { usdPerS: 0.05, proUsdPerS: 0.09, confirmed: false, source: UNCONFIRMED },
  },
  'kwaivgi/kling-v2.5-turbo-pro': {
    textToVideo: true,
    modes: false,
    audio: false,
    price: { usdPerS: 0.07, confirmed: false, source: UNCONFIRMED },
  },
  'kwaivgi/kling-v2.6': {
    textToVideo: true,
    modes: false,
    audio: true,
    price: { usdPerS: 0.07, audioUsdPerS: 0.14, confirmed: false, source: UNCONFIRMED },
  },
};

export const REPLICATE_DEFAULT_MODEL: ReplicateModel = 'kwaivgi/kling-v2.6';
/** Durations the Kling models accept, sent as integers (unlike fal and Kling's own API). */
export const REPLICATE_DURATIONS_S = [5, 10] as const;
export const REPLICATE_ASPECTS = ['16:9', '9:16', '1:1'] as const;

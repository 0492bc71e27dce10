/**
 * The Kling-on-fal endpoint table: which endpoint ids exist per model, their input field names and
 * their prices. Sources: fal model pages / llms.txt as collected in shared/reference/providers.md §2.2.
 * Prices marked `confirmed: false` are estimates not corroborated by a first-party page; cost reports
 * say so (basis `price_table`), and fal never reports an actual charge on the queue API.
 */

/** The three Kling task families fal exposes, as the last segment of the endpoint id. */
export const FAL_TASKS = ['text-to-video', 'image-to-video', 'motion-control'] as const;
export type FalTask = (typeof FAL_TASKS)[number];

export type FalPrice = {
  /** USD per second of output video. */
  usdPerS: number;
  /** USD per second when native audio is on (v2.6); absent when the endpoint has no audio. */
  audioUsdPerS?: number;
  confirmed: boolean;
  source: string;
};

export type FalModelSpec = {
  /** Endpoint id prefix; the endpoint id is `${base}/${task}`. */
  base: string;
  tasks: Partial<Record<FalTask, FalPrice>>;
  /** Name of the start-image field on image-to-video (v2.6 renamed it). */
  imageField: 'image_url' | 'start_image_url';
  /** Name of the end-frame field on image-to-video, when the endpoint has one. */
  tailField?: 'tail_image_url' | 'end_image_url';
  /** Whether text/image-to-video accept `cfg_scale`. */
  cfgScale: boolean;
  /** Whether text/image-to-video accept `generate_audio` (sent false unless options say otherwise). */
  audio: boolean;
};

const FAL_PAGE = 'fal.ai/models/fal-ai/kling-video (providers.md §2.2)';
const UNCONFIRMED = 'estimate, not on a first-party page (providers.md marks it UNCONFIRMED)';

/** Open union: known ids autocomplete, the type still documents that fal adds models over time. */
export type FalModel =
  | (string & {})
  | 'kling-v2.1-standard'
  | 'kling-v2.1-pro'
  | 'kling-v2.1-master'
  | 'kling-v2.5-turbo-standard'
  | 'kling-v2.5-turbo-pro'
  | 'kling-v2.6-standard'
  | 'kling-v2.6-pro';

export const FAL_MODELS: Readonly<Record<string, FalModelSpec>> = {
  'kling-v2.1-standard': {
    base: 'fal-ai/kling-video/v2.1/standard',
    tasks: { 'image-to-video': { usdPerS: 0.056, confirmed: true, source: `${FAL_PAGE}: $0.28/5 s` } },
    imageField: 'image_url',
    cfgScale: true,
    audio: false,
  },
  'kling-v2.1-pro': {
    base: 'fal-ai/kling-video/v2.1/pro',
    tasks: { 'image-to-video': { usdPerS: 0.098, confirmed: false, source: UNCONFIRMED } },
    imageField: 'image_url',
    tailField: 'tail_image_url',
    cfgScale: true,
    audio: false,
  },
  'kling-v2.1-master': {
    base: 'fal-ai/kling-video/v2.1/master',
    tasks: {
      'text-to-video': { usdPerS: 0.28, confirmed: false, source: UNCONFIRMED },
      'image-to-video': { usdPerS: 0.28, confirmed: false, source: UNCONFIRMED },
    },
    imageField: 'image_url',
    cfgScale: true,
    audio: false,
  },
  'kling-v2.5-turbo-standard': {
    base: 'fal-ai/kling-video/v2.5-turbo/standard',
    tasks: {
      'text-to-video': { usdPerS: 0.042, confirmed: true, source: `${FAL_PAGE}: $0.21/5 s` },
      'image-to-video': { usdPerS: 0.042, confirmed: true, source: `${FAL_PAGE}: $0.21/5 s` },
    },
    imageField: 'image_url',
    cfgScale: true,
    audio: false,
  },
  'kling-v2.5-turbo-pro': {
    base: 'fal-ai/kling-video/v2.5-turbo/pro',
    tasks: {
      'text-to-video': { usdPerS: 0.07, confirmed: true, source: `${FAL_PAGE}: $0.35/5 s` },
      'image-to-video': { usdPerS: 0.07, confirmed: true, source: `${FAL_PAGE}: $0.35/5 s` },
    },
    imageField: 'image_url',
    tailField: 'tail_image_url',
    cfgScale: true,
    audio: false,
  },
  'kling-v2.6-standard': {
    base: 'fal-ai/kling-video/v2.6/standard',
    tasks: { 'motion-control': { usdPerS: 0.07, confirmed: false, source: UNCONFIRMED } },
    imageField: 'start_image_url',
    cfgScale: false,
    audio: false,
  },
  'kling-v2.6-pro': {
    base: 'fal-ai/kling-video/v2.6/pro',
    tasks: {
      'text-to-video': { usdPerS: 0.07, audioUsdPerS: 0.14, confirmed: false, source: UNCONFIRMED },
      'image-to-video': { usdPerS: 0.07, audioUsdPerS: 0.14, confirmed: false, source: UNCONFIRMED },
      'motion-control': { usdPerS: 0.112, confirmed: false, source: UNCONFIRMED },
    },
    imageField: 'start_image_url',
    tailField: 'end_image_url',
    cfgScale: false,
    audio: true,
  },
};

export const FAL_DEFAULT_MODEL: FalModel = 'kling-v2.6-pro';

/** Output durations the Kling-on-fal text/image endpoints accept (sent as strings). */
export const FAL_DURATIONS_S = [5, 10] as const;
/** Aspect ratios accepted by text-to-video (image-to-video follows the image). */
export const FAL_ASPECTS = ['16:9', '9:16', '1:1'] as const;

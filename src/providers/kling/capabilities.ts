/** What Kling honours natively, what clipbench phrases into the prompt, what it ignores. */
import type { ProviderCapabilities } from '../provider.ts';
import { KLING_ASPECTS, KLING_CAMERA_CONTROL_MODELS, KLING_DEFAULT_MODEL, KLING_DURATIONS_S } from './map.ts';

export const KLING_CAPABILITIES: ProviderCapabilities = {
  layers: {
    identity: 'native',
    motion_source: 'native',
    motion: 'prompt',
    camera: 'prompt',
    negative: 'native',
  },
  fields: {
    'identity.reference_image': {
      support: 'native',
      note: 'image2video `image` (URL or raw base64, ≤10 MB)',
    },
    'motion_source.reference_video': {
      support: 'native',
      note: 'motion-control `video_url` (needs identity.reference_image and an https URL)',
    },
    'motion.motion_score': {
      support: 'prompt',
      note: 'Kling has no motion-strength field: ≤2 "very subtle, minimal motion", ≤4 "gentle", 6.5–8.5 "dynamic, energetic", above "very fast, intense"; 4–6.5 adds nothing',
    },
    'motion.strength': {
      support: 'ignored',
      note: 'Kling has no motion-strength field (cfg_scale is prompt adherence)',
    },
    'camera.intent': {
      support: 'prompt',
      note: `phrased into the prompt; a structured camera.move becomes camera_control only on ${KLING_CAMERA_CONTROL_MODELS.join(', ')}`,
    },
    'camera.move': {
      support: 'prompt',
      note: `camera_control (simple, one axis; magnitude by speed, from the camera module) only on ${KLING_CAMERA_CONTROL_MODELS.join(', ')}; otherwise phrased`,
    },
    'camera.stability': { support: 'prompt', note: 'locked → "locked-off tripod shot, no camera shake"' },
    'camera.zoom': { support: 'prompt', note: 'only through the intent wording' },
    'negative.prompt': { support: 'native', note: 'negative_prompt (not sent on motion-control)' },
    'negative.constraints': { support: 'native', note: 'named constraints become negative_prompt words' },
  },
  idempotency: 'native',
  models: [
    'kling-v1',
    'kling-v1-5',
    'kling-v1-6',
    'kling-v2-master',
    'kling-v2-1',
    'kling-v2-1-master',
    'kling-v2-5-turbo',
    'kling-v2-6',
  ],
  defaultModel: KLING_DEFAULT_MODEL,
  durationsS: KLING_DURATIONS_S,
  aspects: KLING_ASPECTS,
  simulated: false,
};

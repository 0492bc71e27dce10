/** What the simulator honours: it renders from the request itself, so most fields are native. */
import type { ProviderCapabilities } from '../provider.ts';
import { SIMULATOR_MODEL } from './prices.ts';

export const SIMULATOR_CAPABILITIES: ProviderCapabilities = {
  layers: {
    identity: 'native',
    motion_source: 'ignored',
    motion: 'native',
    camera: 'native',
    negative: 'ignored',
  },
  fields: {
    'identity.prompt': {
      support: 'ignored',
      note: 'no text understanding: the identity layer only seeds the procedural scene',
    },
    'identity.reference_image': {
      support: 'native',
      note: 'a local image becomes the scene the camera moves over; URLs are not fetched (offline) and fall back to a procedural scene',
    },
    'motion_source.reference_video': {
      support: 'ignored',
      note: 'the simulator does not transfer motion from a reference video',
    },
    'motion.motion_score': {
      support: 'native',
      note: 'subject speed grows with it; past the sweet spot (provider.options.sweet_spot, default 5) shake, subject distortion, flicker and an occasional cut or freeze grow with the excess',
    },
    'motion.strength': { support: 'ignored', note: 'motion_score drives the simulation' },
    'camera.intent': {
      support: 'native',
      note: 'parsed by the camera module and rendered (move and speed band)',
    },
    'camera.move': { support: 'native', note: 'rendered as given' },
    'camera.stability': {
      support: 'ignored',
      note: 'shake comes only from motion_score past the sweet spot',
    },
    'camera.zoom': { support: 'ignored', note: 'only the primary move is rendered; use push_in / pull_out' },
    'negative.prompt': { support: 'ignored', note: 'no text understanding' },
    'negative.constraints': { support: 'ignored', note: 'artifacts follow motion_score, not constraints' },
  },
  idempotency: 'native',
  models: [SIMULATOR_MODEL],
  defaultModel: SIMULATOR_MODEL,
  simulated: true,
};

/**
 * Capability warnings: a pure check of which parts of a request a provider will not honour as
 * asked (phrased into the prompt, ignored, or rounded), for `clipbench plan` and run metadata.
 * Also the field declarations adapters share, so the same behaviour is described in one place.
 */
import type { VideoRequest } from '../contract/request.ts';
import type {
  CapabilityField,
  FieldSupport,
  LayerSupport,
  ProviderCapabilities,
  RequestLayer,
} from './provider.ts';

/** What differs between adapters for Kling hosted on another API (see `hostedKlingFields`). */
export type HostedKlingNotes = {
  /** The host as named in notes, e.g. `fal`, `Replicate`. */
  host: string;
  referenceImage: FieldSupport;
  referenceVideo: FieldSupport;
  /** How a structured camera.move is handled (always phrased into the prompt). */
  cameraMove: string;
  /** What negative.prompt becomes on the wire (always native). */
  negativePrompt: string;
};

/**
 * Field declarations of an adapter for Kling hosted on another API (fal, Replicate): no
 * motion-strength field, the camera layer phrased into the prompt (prompt-phrasing.ts), negative
 * constraints appended to negative_prompt as words. In the order `providers list` prints them.
 */
export function hostedKlingFields(notes: HostedKlingNotes): ProviderCapabilities['fields'] {
  const noStrength = `Kling on ${notes.host} has no motion-strength field`;
  return {
    'identity.reference_image': notes.referenceImage,
    'motion_source.reference_video': notes.referenceVideo,
    'motion.motion_score': { support: 'ignored', note: noStrength },
    'motion.strength': { support: 'ignored', note: noStrength },
    'camera.intent': {
      support: 'prompt',
      note: 'appended to the prompt as bracket text, e.g. "[Slow push in]" (unless the skeleton has a {camera} slot)',
    },
    'camera.move': { support: 'prompt', note: notes.cameraMove },
    'camera.stability': { support: 'prompt', note: 'phrased into the prompt' },
    'camera.zoom': { support: 'prompt', note: 'phrased into the prompt' },
    'negative.prompt': { support: 'native', note: notes.negativePrompt },
    'negative.constraints': { support: 'native', note: 'appended to negative_prompt as words' },
  };
}

export type CapabilityWarning = { field: string; support: LayerSupport | 'rounded'; message: string };

/** The fields a request actually uses (defaults that always exist count: they are still asked for). */
function usedFields(request: VideoRequest): CapabilityField[] {
  const used: CapabilityField[] = ['identity.prompt', 'motion.motion_score', 'camera.intent'];
  if (request.identity.reference_image !== undefined) used.push('identity.reference_image');
  if (request.motion_source.reference_video !== undefined) used.push('motion_source.reference_video');
  if (request.motion.strength !== undefined) used.push('motion.strength');
  if (request.camera.stability !== undefined) used.push('camera.stability');
  if (request.camera.zoom !== undefined && request.camera.zoom !== 'none') used.push('camera.zoom');
  if (request.camera.move !== undefined) used.push('camera.move');
  if (request.negative.prompt !== undefined) used.push('negative.prompt');
  if (request.negative.constraints.length > 0) used.push('negative.constraints');
  return used;
}

function nearest(values: readonly number[], target: number): number {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}

/** Every way `request` will not be honoured natively by a provider with `capabilities`. */
export function capabilityWarnings(
  request: VideoRequest,
  capabilities: ProviderCapabilities,
): CapabilityWarning[] {
  const warnings: CapabilityWarning[] = [];
  for (const field of usedFields(request)) {
    const layer = field.split('.')[0] as RequestLayer;
    const declared = capabilities.fields[field];
    const support = declared?.support ?? capabilities.layers[layer];
    if (support === 'native') continue;
    const how = support === 'prompt' ? 'is phrased into the prompt' : 'is ignored';
    warnings.push({ field, support, message: `${field} ${how}${declared ? `: ${declared.note}` : ''}` });
  }
  const { duration_s: durationS, aspect } = request.output;
  if (capabilities.durationsS !== undefined && capabilities.durationsS.length > 0) {
    const chosen = nearest(capabilities.durationsS, durationS);
    if (chosen !== durationS)
      warnings.push({
        field: 'output.duration_s',
        support: 'rounded',
        message: `output.duration_s ${durationS} becomes ${chosen} (allowed: ${capabilities.durationsS.join(', ')})`,
      });
  }
  if (capabilities.aspects !== undefined && !capabilities.aspects.includes(aspect))
    warnings.push({
      field: 'output.aspect',
      support: 'ignored',
      message: `output.aspect ${aspect} is not offered (allowed: ${capabilities.aspects.join(', ')}); the provider default is used`,
    });
  return warnings;
}

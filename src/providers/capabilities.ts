/**
 * Capability warnings: a pure check of which parts of a request a provider will not honour as
 * asked (phrased into the prompt, ignored, or rounded), for `clipbench plan` and run metadata.
 */
import type { VideoRequest } from '../contract/request.ts';
import type { CapabilityField, LayerSupport, ProviderCapabilities, RequestLayer } from './provider.ts';

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

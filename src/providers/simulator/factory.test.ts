import { describe, expect, it } from 'vitest';
import { VideoRequestSchema } from '../../contract/request.ts';
import { capabilityWarnings } from '../capabilities.ts';
import { describeProvider, estimateCost, getProviderFactory, providerIds } from '../registry.ts';

describe('simulator registration', () => {
  it('is registered, configured with no settings, priced as simulated and labelled simulated', () => {
    expect(providerIds()).toContain('simulator');
    const factory = getProviderFactory('simulator');
    expect(describeProvider(factory, {})).toMatchObject({ configured: true, missing: [] });
    expect(factory.capabilities.simulated).toBe(true);
    const request = VideoRequestSchema.parse({ identity: { prompt: 'p' } });
    expect(estimateCost(request)).toMatchObject({ amountUsd: 0.1, basis: 'simulated' });
    expect(factory.configKeys.every((k) => !k.secret && !k.required)).toBe(true);
  });

  it('warns in plans about what it cannot honour, and about nothing it renders', () => {
    const request = VideoRequestSchema.parse({
      identity: { prompt: 'p' },
      motion_source: { reference_video: 'https://x/v.mp4' },
      camera: { intent: 'slow pan right' },
    });
    const fields = capabilityWarnings(request, getProviderFactory('simulator').capabilities).map(
      (w) => w.field,
    );
    expect(fields).toContain('motion_source.reference_video');
    expect(fields).not.toContain('camera.intent');
    expect(fields).not.toContain('motion.motion_score');
  });
});

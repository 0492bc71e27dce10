import { describe, expect, it } from 'vitest';
import { type VideoRequestInput, VideoRequestSchema } from '../../contract/request.ts';
import {
  estimateReplicateCostUsd,
  parseReplicateModel,
  replicateJobStatus,
  replicateOutputUrl,
  toReplicateRequest,
} from './map.ts';

const request = (over: Partial<VideoRequestInput> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'a cat' }, provider: { id: 'replicate' }, ...over });
const VERSION = 'a'.repeat(64);

describe('replicate mapping', () => {
  it('uses the official-model form with integer duration, aspect and camera in the prompt', () => {
    const wire = toReplicateRequest(
      request({ camera: { intent: 'gentle pan right', stability: 'steady' } }),
      undefined,
    );
    expect(wire.path).toBe('/models/kwaivgi/kling-v2.6/predictions');
    expect(wire.body).toEqual({
      input: {
        prompt: 'a cat [Slow pan right]',
        duration: 5,
        aspect_ratio: '16:9',
        generate_audio: false,
      },
    });
  });

  it('uses the version form for owner/name:version and sends the start image', () => {
    const req = request({
      identity: { prompt: 'p', reference_image: 'cat.png' },
      provider: { id: 'replicate', model: `kwaivgi/kling-v2.1:${VERSION}`, options: { mode: 'pro' } },
    });
    const wire = toReplicateRequest(req, 'data:image/png;base64,AAAA');
    expect(wire.path).toBe('/predictions');
    expect(wire.body.version).toBe(VERSION);
    expect(wire.body.input).toMatchObject({ start_image: 'data:image/png;base64,AAAA', mode: 'pro' });
    expect(wire.body.input).not.toHaveProperty('aspect_ratio');
    expect(estimateReplicateCostUsd(req)).toBeCloseTo(0.45);
  });

  it('refuses bad model refs and image-less v2.1; rounds durations', () => {
    expect(() => parseReplicateModel('not a model')).toThrow(
      expect.objectContaining({ code: 'invalid_model' }),
    );
    expect(() =>
      toReplicateRequest(request({ provider: { id: 'replicate', model: 'x/y' } }), undefined),
    ).toThrow(expect.objectContaining({ code: 'unknown_model' }));
    expect(() =>
      toReplicateRequest(request({ provider: { id: 'replicate', model: 'kwaivgi/kling-v2.1' } }), undefined),
    ).toThrow(
      expect.objectContaining({ code: 'missing_reference_image', field: 'identity.reference_image' }),
    );
    const odd = request({ output: { duration_s: 6, resolution: '720p', aspect: '4:3', fps: 24 } });
    expect(toReplicateRequest(odd, undefined).body.input).toMatchObject({ duration: 5 });
    expect(toReplicateRequest(odd, undefined).body.input).not.toHaveProperty('aspect_ratio');
  });

  it('maps every prediction status and finds the output URL', () => {
    const base = { id: 'p1' };
    expect(replicateJobStatus({ ...base, status: 'starting' })).toEqual({ state: 'queued' });
    expect(replicateJobStatus({ ...base, status: 'processing' })).toEqual({ state: 'running' });
    expect(replicateJobStatus({ ...base, status: 'succeeded' })).toEqual({ state: 'succeeded' });
    expect(replicateJobStatus({ ...base, status: 'canceled' })).toMatchObject({
      state: 'failed',
      code: 'canceled',
    });
    expect(replicateJobStatus({ ...base, status: 'aborted' })).toMatchObject({
      state: 'failed',
      code: 'aborted',
    });
    expect(
      replicateJobStatus({ ...base, status: 'failed', error: 'E005: flagged as sensitive' }),
    ).toMatchObject({
      code: 'content_policy',
    });
    expect(replicateJobStatus({ ...base, status: 'failed', error: 'CUDA OOM' })).toMatchObject({
      code: 'generation_failed',
    });
    expect(replicateOutputUrl('https://replicate.delivery/x.mp4')).toBe('https://replicate.delivery/x.mp4');
    expect(replicateOutputUrl(['https://a.test/1.mp4'])).toBe('https://a.test/1.mp4');
    expect(replicateOutputUrl({ nope: 1 })).toBeNull();
  });
});

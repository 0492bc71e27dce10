import { describe, expect, it } from 'vitest';
import { type VideoRequestInput, VideoRequestSchema } from '../../contract/request.ts';
import {
  estimateFalCostUsd,
  falAppId,
  falQueueState,
  falResultFailure,
  falTaskFor,
  toFalRequest,
} from './map.ts';

const request = (over: Partial<VideoRequestInput> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'a dancer on a roof' }, provider: { id: 'fal' }, ...over });

describe('fal mapping', () => {
  it('maps text-to-video to the v2.6 pro endpoint with string duration, aspect and camera in the prompt', () => {
    const wire = toFalRequest(
      request({
        camera: { intent: 'slow push-in', move: { move: 'push_in', speed: 'slow' } },
        negative: { constraints: ['no_cuts', 'no_text'] },
      }),
      {},
    );
    expect(wire.endpointId).toBe('fal-ai/kling-video/v2.6/pro/text-to-video');
    expect(wire.input).toEqual({
      prompt: 'a dancer on a roof [Slow push in]',
      duration: '5',
      aspect_ratio: '16:9',
      negative_prompt: 'scene cuts, text',
      generate_audio: false,
    });
  });

  it('uses image_url on v2.5-turbo and start_image_url on v2.6 image-to-video', () => {
    const media = { imageUrl: 'https://example.test/a.png' };
    const v25 = toFalRequest(
      request({
        identity: { prompt: 'p', reference_image: 'a.png' },
        provider: { id: 'fal', model: 'kling-v2.5-turbo-pro' },
      }),
      media,
    );
    expect(v25.endpointId).toBe('fal-ai/kling-video/v2.5-turbo/pro/image-to-video');
    expect(v25.input['image_url']).toBe(media.imageUrl);
    expect(v25.input).not.toHaveProperty('aspect_ratio');
    const v26 = toFalRequest(request({ identity: { prompt: 'p', reference_image: 'a.png' } }), media);
    expect(v26.input['start_image_url']).toBe(media.imageUrl);
  });

  it('maps a motion source to v2.6 motion-control with image_url + video_url', () => {
    const req = request({
      identity: { prompt: 'p', reference_image: 'hero.png' },
      motion_source: { reference_video: 'dance.mp4' },
      provider: { id: 'fal', model: 'kling-v2.6-standard' },
    });
    expect(falTaskFor(req)).toBe('motion-control');
    const wire = toFalRequest(req, { imageUrl: 'https://x.test/i.png', videoUrl: 'https://x.test/v.mp4' });
    expect(wire.endpointId).toBe('fal-ai/kling-video/v2.6/standard/motion-control');
    expect(wire.input).toMatchObject({
      image_url: 'https://x.test/i.png',
      video_url: 'https://x.test/v.mp4',
      character_orientation: 'video',
      keep_original_sound: false,
    });
  });

  it('refuses unknown models and missing tasks; rounds durations and drops unsupported aspects', () => {
    expect(() => toFalRequest(request({ provider: { id: 'fal', model: 'nope' } }), {})).toThrow(
      expect.objectContaining({ code: 'unknown_model', field: 'provider.model' }),
    );
    expect(() =>
      toFalRequest(request({ provider: { id: 'fal', model: 'kling-v2.1-standard' } }), {}),
    ).toThrow(expect.objectContaining({ code: 'unsupported_task' }));
    const odd = toFalRequest(
      request({ output: { duration_s: 8, resolution: '720p', aspect: '21:9', fps: 24 } }),
      {},
    );
    expect(odd.input['duration']).toBe('10');
    expect(odd.input).not.toHaveProperty('aspect_ratio');
  });

  it('lets provider.options override the mapping and prices audio', () => {
    const req = request({ provider: { id: 'fal', options: { generate_audio: true } } });
    expect(toFalRequest(req, {}).audio).toBe(true);
    expect(estimateFalCostUsd(req)).toBeCloseTo(0.7);
    expect(estimateFalCostUsd(request())).toBeCloseTo(0.35);
  });

  it('reads statuses and result failures from typed fields', () => {
    expect(falAppId('fal-ai/kling-video/v2.6/pro/text-to-video')).toBe('fal-ai/kling-video');
    expect(falQueueState({ status: 'IN_QUEUE', queue_position: 2 })).toEqual({ state: 'queued' });
    expect(falQueueState({ status: 'IN_PROGRESS' })).toEqual({ state: 'running' });
    expect(falQueueState({ status: 'COMPLETED' })).toBe('completed');
    const policy = falResultFailure(422, {
      detail: [{ loc: ['body', 'prompt'], msg: 'flagged', type: 'content_policy_violation' }],
    });
    expect(policy).toEqual({ state: 'failed', code: 'content_policy', message: 'fal: body.prompt: flagged' });
    expect(falResultFailure(422, { detail: 'bad duration' })?.code).toBe('invalid_request');
    expect(falResultFailure(503, {})).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { CAMERA_MOVES, CAMERA_SPEEDS } from '../../contract/camera-move.ts';
import { VideoRequestSchema } from '../../contract/request.ts';
import { klingCameraControl, motionPhrase, toKlingSubmission } from './map.ts';

const request = (over: Record<string, unknown> = {}) =>
  VideoRequestSchema.parse({ identity: { prompt: 'a dancer on a rooftop' }, ...over });

describe('toKlingSubmission', () => {
  it('text2video: duration as a string, external_task_id = job key, motion phrased', () => {
    const s = toKlingSubmission(
      request({ motion: { motion_score: 9 }, output: { duration_s: 8 } }),
      'job-1',
      {},
    );
    expect(s.family).toBe('text2video');
    expect(s.body).toMatchObject({
      duration: '10',
      external_task_id: 'job-1',
      aspect_ratio: '16:9',
      mode: 'std',
    });
    expect(String(s.body['prompt'])).toContain('very fast, intense');
    expect(s.notes.join('\n')).toContain('duration 8s sent as "10"');
  });

  it('image2video carries the image and no aspect ratio', () => {
    const s = toKlingSubmission(request({ identity: { prompt: 'p', reference_image: 'a.png' } }), 'k', {
      image: 'aGVsbG8=',
    });
    expect(s.family).toBe('image2video');
    expect(s.body['image']).toBe('aGVsbG8=');
    expect(s.body['aspect_ratio']).toBeUndefined();
  });

  it('motion-control needs a character image', () => {
    expect(() =>
      toKlingSubmission(request({ motion_source: { reference_video: 'https://x/v.mp4' } }), 'k', {}),
    ).toThrow(/character image/);
    const s = toKlingSubmission(
      request({
        identity: { prompt: 'p', reference_image: 'https://x/i.png' },
        motion_source: { reference_video: 'https://x/v.mp4' },
      }),
      'k',
      { image: 'https://x/i.png', video: 'https://x/v.mp4' },
    );
    expect(s.family).toBe('motion-control');
    expect(s.body).toMatchObject({
      image_url: 'https://x/i.png',
      video_url: 'https://x/v.mp4',
      character_orientation: 'image',
    });
  });

  it('sends camera_control only on models that document it, else phrases the intent', () => {
    const move = { move: 'pan_right', speed: 'slow', modifiers: [], stability: null };
    const v1 = toKlingSubmission(
      request({ camera: { intent: 'slow pan right', move }, provider: { id: 'kling', model: 'kling-v1' } }),
      'k',
      {},
    );
    expect(v1.body['camera_control']).toMatchObject({ type: 'simple', config: { tilt: 3, pan: 0, zoom: 0 } });
    const v25 = toKlingSubmission(request({ camera: { intent: 'slow pan right', move } }), 'k', {});
    expect(v25.body['camera_control']).toBeUndefined();
    expect(String(v25.body['prompt'])).toContain('Camera: slow pan right');
  });

  it('negative constraints become negative_prompt words', () => {
    const s = toKlingSubmission(
      request({ negative: { prompt: 'rain', constraints: ['no_cuts', 'no_text'] } }),
      'k',
      {},
    );
    expect(s.body['negative_prompt']).toBe('rain, cuts, scene changes, text, captions');
  });
});

describe('klingCameraControl', () => {
  it('has exactly one non-zero axis within [-10, 10] for every move but static', () => {
    for (const move of CAMERA_MOVES.filter((m) => m !== 'static'))
      for (const speed of CAMERA_SPEEDS) {
        const control = klingCameraControl({ move, speed, modifiers: [], stability: null });
        expect(control?.type).toBe('simple');
        const values = Object.values((control as { config: Record<string, number> }).config);
        expect(values.filter((v) => v !== 0)).toHaveLength(1);
        expect(Math.abs(values[0]!)).toBeLessThanOrEqual(10);
      }
    expect(
      klingCameraControl({ move: 'static', speed: null, modifiers: [], stability: null }),
    ).toBeUndefined();
  });
  it('maps our pan to Kling tilt (Kling names rotation axes the other way)', () => {
    expect(
      klingCameraControl({ move: 'pan_left', speed: 'fast', modifiers: [], stability: null }),
    ).toMatchObject({
      type: 'simple',
      config: { tilt: -8 },
    });
  });
  it('motion phrase bands', () => {
    expect([0, 3, 5, 7, 10].map(motionPhrase)).toEqual([
      'very subtle, minimal motion',
      'gentle, restrained motion',
      undefined,
      'dynamic, energetic motion',
      'very fast, intense, highly dynamic motion',
    ]);
  });
});

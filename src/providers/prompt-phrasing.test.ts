import { describe, expect, it } from 'vitest';
import { VideoRequestSchema } from '../contract/request.ts';
import { cameraPromptText, negativeText, promptWithCamera } from './prompt-phrasing.ts';

describe('prompt phrasing for providers without camera fields', () => {
  it('appends the camera module bracket text, and passes unknown intents through', () => {
    const req = VideoRequestSchema.parse({
      identity: { prompt: 'a fox' },
      camera: { intent: 'locked frame' },
    });
    expect(promptWithCamera(req)).toBe(`a fox ${cameraPromptText(req)}`);
    expect(cameraPromptText(req)).toMatch(/^\[.+\]$/);
    const odd = VideoRequestSchema.parse({
      identity: { prompt: 'a fox' },
      camera: { intent: 'wobbly zorblax' },
    });
    expect(cameraPromptText(odd)).toBe('[wobbly zorblax]');
  });

  it('does not repeat the camera when a skeleton already rendered it into the prompt', () => {
    const req = VideoRequestSchema.parse({
      identity: {
        prompt: 'a fox, slow push-in',
        skeleton: { id: 's@1', template: '{subject}, {camera}' },
        subject: 'a fox',
      },
      camera: { intent: 'slow push-in' },
    });
    expect(promptWithCamera(req)).toBe('a fox, slow push-in');
  });

  it('joins the negative prompt and named constraints', () => {
    expect(negativeText({ prompt: 'blurry', constraints: ['no_cuts', 'no_watermark'] })).toBe(
      'blurry, scene cuts, watermark',
    );
    expect(negativeText({ constraints: [] })).toBeUndefined();
  });
});

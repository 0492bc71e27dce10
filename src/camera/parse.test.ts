import { describe, expect, it } from 'vitest';
import { CAMERA_MOVES } from '../contract/camera-move.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { parseCameraIntent } from './parse.ts';
import { KNOWN_CAMERA_PHRASES } from './phrases.ts';

type Expect = { move: string; speed?: string | null; modifiers?: string[]; stability?: string | null };

const CASES: Array<[string, Expect]> = [
  ['locked frame', { move: 'static', speed: null, stability: 'locked' }],
  ['locked-off tripod shot', { move: 'static', speed: null, stability: 'locked', modifiers: ['tripod'] }],
  ['slow push-in', { move: 'push_in', speed: 'slow' }],
  ['dolly in', { move: 'push_in', speed: 'medium', modifiers: ['dolly'] }],
  ['crash zoom', { move: 'push_in', speed: 'fast', modifiers: ['zoom', 'crash'] }],
  ['gentle pan right', { move: 'pan_right', speed: 'slow' }],
  ['whip pan left', { move: 'pan_left', speed: 'fast', modifiers: ['whip'] }],
  ['tilt up to reveal the skyline', { move: 'tilt_up', modifiers: ['reveal'] }],
  ['front-left tracking', { move: 'tracking', modifiers: ['front', 'left'] }],
  ['follow shot', { move: 'tracking', modifiers: ['follow'] }],
  ['orbit around the subject', { move: 'tracking', modifiers: ['orbit'] }],
  ['crane up', { move: 'tilt_up', modifiers: ['crane'] }],
  ['dutch roll clockwise', { move: 'roll_cw', modifiers: ['dutch'] }],
  ['handheld', { move: 'static', speed: null, stability: 'handheld' }],
  ['zoom out slowly', { move: 'pull_out', speed: 'slow', modifiers: ['zoom'] }],
  // adverbs
  ['pan right gently', { move: 'pan_right', speed: 'slow' }],
  ['slightly tilt down', { move: 'tilt_down', speed: 'slow' }],
  ['quickly push in', { move: 'push_in', speed: 'fast' }],
  ['rapidly pull back', { move: 'pull_out', speed: 'fast' }],
  ['moderate pan left', { move: 'pan_left', speed: 'medium' }],
  // hyphenation and case
  ['SLOW PUSH IN', { move: 'push_in', speed: 'slow' }],
  ['Slow Push—In', { move: 'push_in', speed: 'slow' }],
  ['pushin', { move: 'push_in' }],
  ['Locked Off', { move: 'static', stability: 'locked' }],
  ['roll counter-clockwise', { move: 'roll_ccw' }],
  ['roll anti clockwise', { move: 'roll_ccw' }],
  ['hand-held', { move: 'static', stability: 'handheld' }],
  // word order
  ['right pan', { move: 'pan_right' }],
  ['pan slowly to the right', { move: 'pan_right', speed: 'slow' }],
  ['tracking from the front left', { move: 'tracking', modifiers: ['front', 'left'] }],
  ['clockwise dutch roll', { move: 'roll_cw', modifiers: ['dutch'] }],
  // surrounding scene words
  ['a gentle pan right across the city skyline at dusk', { move: 'pan_right', speed: 'slow' }],
  ['the camera slowly pushes in on the perfume bottle', { move: 'push_in', speed: 'slow' }],
  [
    'handheld follow shot behind the runner',
    { move: 'tracking', stability: 'handheld', modifiers: ['follow', 'behind', 'handheld'] },
  ],
  ['static camera, slow zoom in on the watch face', { move: 'push_in', speed: 'slow', stability: 'locked' }],
  ['no camera movement', { move: 'static', stability: 'locked' }],
  ['steadicam dolly out', { move: 'pull_out', stability: 'steady' }],
  ['drone rising over the forest', { move: 'tilt_up', modifiers: ['crane', 'drone'] }],
  ['boom down', { move: 'tilt_down', modifiers: ['crane'] }],
  ['truck left', { move: 'tracking', modifiers: ['left'] }],
  ['arc around the dancer', { move: 'tracking', modifiers: ['orbit'] }],
  ['pan up', { move: 'tilt_up' }],
];

describe('parseCameraIntent', () => {
  it.each(CASES)('%s', (phrase, expected) => {
    const move = parseCameraIntent(phrase);
    expect(move.move).toBe(expected.move);
    if (expected.speed !== undefined) expect(move.speed).toBe(expected.speed);
    if (expected.stability !== undefined) expect(move.stability).toBe(expected.stability);
    if (expected.modifiers !== undefined) expect(move.modifiers).toEqual(expected.modifiers);
  });

  it('gives a speed to every move except static', () => {
    for (const phrase of KNOWN_CAMERA_PHRASES) {
      const move = parseCameraIntent(phrase);
      expect(CAMERA_MOVES).toContain(move.move);
      expect(move.speed === null).toBe(move.move === 'static');
    }
  });

  it('keeps a second move of a compound shot as a modifier instead of dropping it', () => {
    const move = parseCameraIntent('slow push in then pan right');
    expect(move.move).toBe('push_in');
    expect(move.modifiers).toContain('pan_right');
  });

  const unknown = (phrase: string) => {
    try {
      parseCameraIntent(phrase);
    } catch (error) {
      if (error instanceof ClipbenchError) return error;
    }
    throw new Error(`expected ${phrase} to be rejected`);
  };

  it.each(['spin wildly', 'slow psuh in', 'cinematic', 'pan', 'zoom', 'dolly', 'crane shot', 'tilt'])(
    'rejects %s with the closest known phrases, never a guess',
    (phrase) => {
      const error = unknown(phrase);
      expect(error.code).toBe('unknown_camera_phrase');
      expect(error.field).toBe('camera.intent');
      expect(error.exitCode).toBe(2);
      expect(error.hint).toMatch(/closest known phrases: "/);
    },
  );

  it('suggests the intended phrase for a typo', () => {
    expect(unknown('slow psuh in').hint).toContain('"slow push-in"');
    expect(unknown('pan').message).toContain('pan left');
  });
});

import { describe, expect, it } from 'vitest';
import type { StructuredMove } from '../contract/camera-move.ts';
import { parseCameraIntent } from './parse.ts';
import { KNOWN_CAMERA_PHRASES } from './phrases.ts';
import { toBracketText, toKlingCameraControl } from './render.ts';

const kling = (phrase: string) => toKlingCameraControl(parseCameraIntent(phrase))?.config;

describe('toKlingCameraControl', () => {
  it('uses exactly one non-zero axis in [-10, 10] for every moving phrase', () => {
    for (const phrase of KNOWN_CAMERA_PHRASES) {
      const move = parseCameraIntent(phrase);
      const control = toKlingCameraControl(move);
      if (move.move === 'static') {
        expect(control).toBeNull();
        continue;
      }
      expect(control?.type).toBe('simple');
      const values = Object.values(control?.config ?? {});
      expect(values.filter((v) => v !== 0)).toHaveLength(1);
      for (const v of values) expect(Math.abs(v)).toBeLessThanOrEqual(10);
    }
  });

  it("follows Kling's axis semantics (pan = about x, up positive; tilt = about y, right positive)", () => {
    expect(kling('pan right')).toMatchObject({ tilt: 5 });
    expect(kling('pan left')).toMatchObject({ tilt: -5 });
    expect(kling('tilt up')).toMatchObject({ pan: 5 });
    expect(kling('tilt down')).toMatchObject({ pan: -5 });
    expect(kling('push in')).toMatchObject({ zoom: -5 });
    expect(kling('pull back')).toMatchObject({ zoom: 5 });
    expect(kling('roll clockwise')).toMatchObject({ roll: 5 });
    expect(kling('front-left tracking')).toMatchObject({ horizontal: -5 });
    expect(kling('crane up')).toMatchObject({ vertical: 5 });
  });

  it('scales magnitude with speed', () => {
    expect(kling('slow pan right')?.tilt).toBe(3);
    expect(kling('pan right')?.tilt).toBe(5);
    expect(kling('whip pan right')?.tilt).toBe(8);
  });
});

describe('toBracketText', () => {
  const move = (m: Partial<StructuredMove> & Pick<StructuredMove, 'move'>): StructuredMove => ({
    speed: 'medium',
    modifiers: [],
    stability: null,
    ...m,
  });

  it('writes the bracketed form', () => {
    expect(toBracketText(move({ move: 'pan_right' }))).toBe('[Pan right]');
    expect(toBracketText(move({ move: 'push_in' }))).toBe('[Push in]');
    expect(toBracketText(move({ move: 'push_in', speed: 'slow' }))).toBe('[Slow push in]');
    expect(toBracketText(move({ move: 'static', speed: null }))).toBe('[Static shot]');
    expect(toBracketText(parseCameraIntent('front-left tracking'))).toBe('[Tracking shot, front left]');
    expect(toBracketText(parseCameraIntent('crane up'))).toBe('[Crane up]');
    expect(toBracketText(parseCameraIntent('zoom out slowly'))).toBe('[Slow zoom out]');
  });

  it('round-trips: the bracket text parses back to the same move', () => {
    for (const phrase of KNOWN_CAMERA_PHRASES) {
      const parsed = parseCameraIntent(phrase);
      const again = parseCameraIntent(toBracketText(parsed).replace(/[[\]]/g, ''));
      expect(again.move).toBe(parsed.move);
    }
  });
});

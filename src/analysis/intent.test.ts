import { describe, expect, it } from 'vitest';
import { parseCameraIntent } from '../camera/parse.ts';
import { intentMatch } from './intent.ts';

describe('intentMatch', () => {
  it('matches move and speed band', () => {
    const m = intentMatch(parseCameraIntent('slow push-in'), {
      move: 'push_in',
      speed: 'slow',
      confidence: 0.9,
    });
    expect(m).toEqual({
      expected: { move: 'push_in', speed: 'slow' },
      move_match: true,
      speed_match: true,
      score: 1,
    });
  });

  it('scores one band off as a partial and a wrong move as 0', () => {
    const off = intentMatch(
      { move: 'pan_left', speed: 'slow' },
      { move: 'pan_left', speed: 'medium', confidence: 0.9 },
    );
    expect(off).toMatchObject({ move_match: true, speed_match: false, score: 0.5 });
    const wrong = intentMatch(
      { move: 'pan_left', speed: 'slow' },
      { move: 'pan_right', speed: 'slow', confidence: 0.9 },
    );
    expect(wrong).toMatchObject({ move_match: false, score: 0 });
  });

  it('accepts tracking measured for a pan with the same background direction', () => {
    const m = intentMatch(
      { move: 'pan_right', speed: 'medium' },
      { move: 'tracking', speed: 'medium', confidence: 0.8, modifiers: ['pan_right'] },
    );
    expect(m).toMatchObject({ move_match: true, speed_match: true, score: 0.8 });
  });
});

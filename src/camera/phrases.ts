/**
 * Canonical example phrases: what `clipbench camera --list` prints, what unknown-phrase errors
 * suggest, and what the README documents. Every phrase here must parse (a test checks).
 */
import { editDistance } from '../contract/suggest.ts';

export const KNOWN_CAMERA_PHRASES = [
  'locked frame',
  'locked-off tripod shot',
  'static shot',
  'handheld',
  'slow push-in',
  'push in',
  'dolly in',
  'dolly out',
  'pull back',
  'crash zoom',
  'zoom in',
  'zoom out slowly',
  'gentle pan right',
  'pan left',
  'pan right',
  'whip pan left',
  'whip pan right',
  'tilt up',
  'tilt down',
  'tilt up to reveal the skyline',
  'front-left tracking',
  'tracking shot',
  'follow shot',
  'orbit around the subject',
  'crane up',
  'crane down',
  'dutch roll clockwise',
  'roll counter-clockwise',
] as const;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The known phrases closest to `phrase`: character edit distance, discounted for every whole word
 * the two share (so "slow psuh in" finds "slow push-in" and "pan the camera" finds the pans).
 */
export function closestCameraPhrases(phrase: string, limit = 3): string[] {
  const input = normalise(phrase);
  const inputWords = new Set(input.split(' '));
  return KNOWN_CAMERA_PHRASES.map((known) => {
    const candidate = normalise(known);
    const shared = candidate.split(' ').filter((w) => inputWords.has(w)).length;
    return { known, score: editDistance(input, candidate) - 4 * shared };
  })
    .sort((a, b) => a.score - b.score || a.known.localeCompare(b.known))
    .slice(0, limit)
    .map(({ known }) => known);
}

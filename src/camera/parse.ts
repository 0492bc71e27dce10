/**
 * Plain-language camera intent → structured move. Scans the phrase for motion verbs, pairs each
 * verb with the direction words next to it (fillers such as "to the" and speed adverbs may sit in
 * between), and resolves verb + direction to the shared move vocabulary. Anything it cannot place
 * exactly is an input error naming the closest known phrases: never a silent guess.
 * See README.md in this folder for every mapping and why.
 */
import type { CameraMove, CameraSpeed, Stability, StructuredMove } from '../contract/camera-move.ts';
import { InputError } from '../errors/input-error.ts';
import { DIRECTIONS, FILLERS, MODIFIER_WORDS, SPEED_WORDS, STABILITY_WORDS, VERBS } from './lexicon.ts';
import { closestCameraPhrases } from './phrases.ts';

/** Lowercases, folds hyphen/dash variants and joins multi-word tokens the lexicon knows as one. */
export function normaliseCameraText(phrase: string): string[] {
  const text = phrase
    .toLowerCase()
    .normalize('NFKD')
    .replace(/counter[\s\-‐-―−_]*clockwise/g, 'counterclockwise')
    .replace(/anti[\s\-‐-―−_]*clockwise/g, 'anticlockwise')
    .replace(/hand[\s\-‐-―−_]*held/g, 'handheld')
    .replace(/lock(ed)?[\s\-‐-―−_]*off/g, 'lockoff')
    .replace(/shaky[\s\-‐-―−_]*cam/g, 'shakycam')
    .replace(/steadi[\s\-‐-―−_]*cam/g, 'steadicam')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return text === '' ? [] : text.split(' ');
}

type Found = { move: CameraMove; modifiers: string[] };
type Resolution = Found | { ambiguous: string } | null;

/** Direction words adjacent to the verb at `index`: after it (preferred) and before it. */
function directionsAround(tokens: readonly string[], index: number): { after: string[]; before: string[] } {
  const skippable = (t: string) =>
    FILLERS.has(t) || t in SPEED_WORDS || t in STABILITY_WORDS || t in MODIFIER_WORDS;
  const after: string[] = [];
  for (let j = index + 1, steps = 0; j < tokens.length && steps < 5; j++, steps++) {
    const t = tokens[j] ?? '';
    if (t in DIRECTIONS) after.push(DIRECTIONS[t] ?? t);
    else if (t in VERBS || !skippable(t)) break;
  }
  const before: string[] = [];
  for (let j = index - 1, steps = 0; j >= 0 && steps < 3; j--, steps++) {
    const t = tokens[j] ?? '';
    if (t in DIRECTIONS) before.unshift(DIRECTIONS[t] ?? t);
    else if (t in VERBS || !skippable(t)) break;
  }
  return { after, before };
}

function pick(dirs: { after: string[]; before: string[] }, allowed: readonly string[]): string | undefined {
  return dirs.after.find((d) => allowed.includes(d)) ?? dirs.before.find((d) => allowed.includes(d));
}

const TRACKING_SIDES = ['front', 'behind', 'left', 'right', 'side', 'overhead'] as const;

function tracking(extra: string[], dirs: { after: string[]; before: string[] }): Found {
  const sides = [...dirs.before, ...dirs.after].filter((d) =>
    (TRACKING_SIDES as readonly string[]).includes(d),
  );
  return { move: 'tracking', modifiers: [...extra, ...sides] };
}

/** Resolves one verb with its neighbouring directions. */
function resolveVerb(lemma: string, tokens: readonly string[], index: number): Resolution {
  const dirs = directionsAround(tokens, index);
  switch (lemma) {
    case 'pan': {
      const d = pick(dirs, ['left', 'right', 'up', 'down']);
      if (d === 'left' || d === 'right')
        return { move: d === 'left' ? 'pan_left' : 'pan_right', modifiers: [] };
      // "pan up" is common shot-list shorthand for a vertical turn, which is a tilt.
      if (d === 'up' || d === 'down') return { move: d === 'up' ? 'tilt_up' : 'tilt_down', modifiers: [] };
      return { ambiguous: 'a pan needs a direction: "pan left" or "pan right"' };
    }
    case 'tilt': {
      const d = pick(dirs, ['up', 'down', 'cw', 'ccw']);
      if (d === 'up' || d === 'down') return { move: d === 'up' ? 'tilt_up' : 'tilt_down', modifiers: [] };
      // A "dutch tilt clockwise" rotates about the lens axis: that is a roll.
      if (d === 'cw' || d === 'ccw')
        return { move: d === 'cw' ? 'roll_cw' : 'roll_ccw', modifiers: ['dutch'] };
      return { ambiguous: 'a tilt needs a direction: "tilt up" or "tilt down"' };
    }
    case 'push':
    case 'approach':
      return pick(dirs, ['out']) ? { move: 'pull_out', modifiers: [] } : { move: 'push_in', modifiers: [] };
    case 'pull':
    case 'retreat':
      return pick(dirs, ['in']) && lemma === 'pull'
        ? { move: 'push_in', modifiers: [] }
        : { move: 'pull_out', modifiers: [] };
    case 'zoom': {
      const d = pick(dirs, ['in', 'out']);
      if (d === 'out') return { move: 'pull_out', modifiers: ['zoom'] };
      if (d === 'in' || tokens.includes('crash') || tokens.includes('snap'))
        return { move: 'push_in', modifiers: ['zoom'] };
      return { ambiguous: 'a zoom needs a direction: "zoom in" or "zoom out"' };
    }
    case 'dolly':
    case 'move':
    case 'track': {
      const d = pick(dirs, ['in', 'out', 'left', 'right', 'up', 'down']);
      const extra = lemma === 'dolly' ? ['dolly'] : [];
      if (d === 'in') return { move: 'push_in', modifiers: extra };
      if (d === 'out') return { move: 'pull_out', modifiers: extra };
      if (d === 'up' || d === 'down')
        return { move: d === 'up' ? 'tilt_up' : 'tilt_down', modifiers: ['crane', ...extra] };
      if (d === 'left' || d === 'right' || lemma === 'track') return tracking(extra, dirs);
      if (lemma === 'dolly') return { ambiguous: 'a dolly needs a direction: "dolly in" or "dolly out"' };
      return null; // "the dancer moves" says nothing about the camera
    }
    case 'follow':
      return tracking(['follow'], dirs);
    case 'orbit':
      return tracking(['orbit'], dirs);
    case 'crane': {
      const d = pick(dirs, ['up', 'down']);
      if (d) return { move: d === 'up' ? 'tilt_up' : 'tilt_down', modifiers: ['crane'] };
      return { ambiguous: 'a crane move needs a direction: "crane up" or "crane down"' };
    }
    case 'rise':
      return { move: 'tilt_up', modifiers: ['crane'] };
    case 'descend':
      return { move: 'tilt_down', modifiers: ['crane'] };
    case 'roll': {
      const d = pick(dirs, ['cw', 'ccw', 'left', 'right']);
      if (d === 'cw' || d === 'right') return { move: 'roll_cw', modifiers: [] };
      if (d === 'ccw' || d === 'left') return { move: 'roll_ccw', modifiers: [] };
      // "rotate around the subject" circles the subject: an orbit.
      if (tokens.slice(index + 1, index + 3).includes('around')) return tracking(['orbit'], dirs);
      return { ambiguous: 'a roll needs a direction: "roll clockwise" or "roll counter-clockwise"' };
    }
    default:
      return null;
  }
}

const NO_MOVEMENT = /\b(no|without|zero) (camera )?(movement|motion|moves?)\b|\b(does|do|should) not move\b/;

function unknownPhrase(phrase: string, why: string): InputError {
  const near = closestCameraPhrases(phrase);
  return new InputError({
    code: 'unknown_camera_phrase',
    message: `${why}: "${phrase}"`,
    field: 'camera.intent',
    hint: `closest known phrases: ${near.map((p) => `"${p}"`).join(', ')} (see \`clipbench camera --list\`)`,
  });
}

/** Parses a plain-language camera phrase into `{move, speed, modifiers, stability}`. */
export function parseCameraIntent(phrase: string): StructuredMove {
  const tokens = normaliseCameraText(phrase);
  const found: Found[] = [];
  for (const [index, token] of tokens.entries()) {
    const lemma = VERBS[token];
    if (lemma === undefined) continue;
    const resolved = resolveVerb(lemma, tokens, index);
    if (resolved === null) continue;
    if ('ambiguous' in resolved) throw unknownPhrase(phrase, resolved.ambiguous);
    found.push(resolved);
  }
  const stabilityWord = tokens.find((t) => t in STABILITY_WORDS);
  let stability: Stability | null = stabilityWord ? (STABILITY_WORDS[stabilityWord] ?? null) : null;
  if (tokens.includes('handheld') || tokens.includes('shaky') || tokens.includes('shakycam'))
    stability = 'handheld';
  const words = tokens.flatMap((t) => (t in MODIFIER_WORDS ? [MODIFIER_WORDS[t] ?? t] : []));
  const primary = found[0];
  if (primary === undefined) {
    const saysStatic =
      NO_MOVEMENT.test(tokens.join(' ')) || stability === 'locked' || stability === 'handheld';
    if (!saysStatic) throw unknownPhrase(phrase, 'no camera move recognised');
    return { move: 'static', speed: null, modifiers: unique(words), stability: stability ?? 'locked' };
  }
  const secondary = found.slice(1).filter((f) => f.move !== primary.move);
  const sameMove = found.filter((f) => f.move === primary.move).flatMap((f) => f.modifiers);
  const speedWord = tokens.find((t) => t in SPEED_WORDS);
  const speed: CameraSpeed = speedWord ? (SPEED_WORDS[speedWord] ?? 'medium') : 'medium';
  return {
    move: primary.move,
    speed,
    // Secondary moves are kept by name so a compound shot is visible, never dropped.
    modifiers: unique([...sameMove, ...words, ...secondary.map((f) => f.move)]),
    stability,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

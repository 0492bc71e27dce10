/** The longest stretch of frames free of removable defects and not crossing a cut. */

export type FrameWindow = { start: number; end: number };

/**
 * Longest window in [0, frames) that contains no frame of `bad` and does not straddle a cut
 * (a cut at frame f separates f − 1 from f). Ties go to the earliest window. Null when every frame is bad.
 */
export function longestCleanWindow(
  frames: number,
  bad: readonly FrameWindow[],
  cutFrames: readonly number[],
): FrameWindow | null {
  const isBad = new Uint8Array(Math.max(0, frames));
  for (const range of bad) {
    for (let i = Math.max(0, range.start); i <= Math.min(frames - 1, range.end); i++) isBad[i] = 1;
  }
  const cuts = new Set(cutFrames);
  let best: FrameWindow | null = null;
  let runStart = -1;
  for (let i = 0; i <= frames; i++) {
    const breaks = i === frames || isBad[i] === 1 || cuts.has(i);
    if (breaks && runStart >= 0) {
      const run = { start: runStart, end: i - 1 };
      if (best === null || run.end - run.start > best.end - best.start) best = run;
      runStart = -1;
    }
    if (i < frames && isBad[i] !== 1 && runStart < 0) runStart = i;
  }
  return best;
}

/** Number of frames in a window (inclusive). */
export function windowLength(window: FrameWindow | null): number {
  return window === null ? 0 : window.end - window.start + 1;
}

/** "12–40" (en dash, inclusive frame numbers). */
export function frameRange(start: number, end: number): string {
  return start === end ? `${start}` : `${start}–${end}`;
}

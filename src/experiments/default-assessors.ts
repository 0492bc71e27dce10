/**
 * The real analyser and judge the runner uses unless others are injected: src/analysis measures the
 * clip (and draws its contact sheet into the media store), src/judge scores it against the request's
 * camera intent with the preset's rubric thresholds.
 */
import { join } from 'node:path';
import { analyzeFileDetailed } from '../analysis/analyze.ts';
import { createThumbnailSampler, writeContactSheet } from '../analysis/contact-sheet.ts';
import { requestCameraMove } from '../camera/request-move.ts';
import { judgeClip } from '../judge/rubric.ts';
import { probeVideo } from '../media/probe.ts';
import type { Analyser, Judge } from './runner-types.ts';

/** Analyses a clip with src/analysis and writes its contact sheet as `sheet-<clip hash>.png` in `mediaDir`. */
export function fileAnalyser(mediaDir: string): Analyser {
  return async (clip, { job, signal }) => {
    const probe = await probeVideo(clip);
    const sampler = createThumbnailSampler(probe.frames);
    const { result } = await analyzeFileDetailed(clip, { probe, onFrame: sampler.onFrame, signal });
    const name = (job.clip_hash ?? `job-${job.id}`).replace(/[^a-z0-9]/gi, '').slice(-64);
    const sheet = join(mediaDir, `sheet-${name}.png`);
    await writeContactSheet(sheet, sampler.thumbnails, result);
    return { result, contactSheet: sheet };
  };
}

/** The rubric: the request's camera intent (parsed) and the preset's thresholds. */
export const rubricJudge: Judge = ({ analysis, request, thresholds }) =>
  judgeClip({ analysis, intent: requestCameraMove(request), thresholds });

/**
 * Seeds a store with a realistic finished run through the real store and judge: motion_score 2–8,
 * three seeds each, clips judged from hand-built analysis results whose defects grow with motion.
 */
import type { AnalysisResult } from '../../src/contract/analysis.ts';
import type { StructuredMove } from '../../src/contract/camera-move.ts';
import { judgeClip } from '../../src/judge/rubric.ts';
import type { Store } from '../../src/store/store.ts';

const INTENT: StructuredMove = { move: 'push_in', speed: 'slow', modifiers: [], stability: null };

function analysisFor(motionScore: number, seed: number): AnalysisResult {
  const base: AnalysisResult = {
    camera: { move: 'push_in', speed: 'slow', confidence: 0.9, rate: 0.03 },
    cuts: [],
    defects: [],
    metrics: { subject_consistency: 0.95 },
    video: { frames: 48, fps: 24, width: 160, height: 90, duration_s: 2 },
  };
  if (motionScore === 6 && seed === 1)
    base.defects.push({ code: 'flicker', start_frame: 0, end_frame: 5, severity: 0.8 });
  if (motionScore === 6 && seed === 2) base.cuts.push({ frame: 24 });
  if (motionScore >= 8) base.metrics['subject_consistency'] = 0.4;
  return base;
}

export type SeededRun = { runId: string; jobIds: number[] };

/** Creates one judged run (plus one provider-failed job) and returns its id. */
export function seedRun(store: Store, options: { name?: string; simulated?: boolean } = {}): SeededRun {
  const run = store.experiments.create({
    name: options.name ?? 'product sweep',
    presetId: 'product',
    presetVersion: 1,
    provider: 'simulator',
    model: 'sim-1',
    variable: 'motion.motion_score',
    simulated: options.simulated ?? true,
    plan: { usable_rate_min: 0.6 },
  });
  const jobIds: number[] = [];
  for (const motionScore of [2, 4, 6, 8]) {
    for (const seed of [0, 1, 2]) {
      const key = `key-${run.id}-${motionScore}-${seed}`;
      const job = store.jobs.plan({
        experimentId: run.id,
        jobKey: key,
        provider: 'simulator',
        model: 'sim-1',
        preset: 'product@1',
        motionScore,
        seed,
        cameraIntent: 'slow push-in',
        request: { motion: { motion_score: motionScore } },
        estimatedCostUsd: 0.5,
        simulated: options.simulated ?? true,
      });
      jobIds.push(job.id);
      store.jobs.transition(job.id, 'planned', 'submitting');
      if (motionScore === 8 && seed === 2) {
        store.jobs.fail(job.id, { code: 'provider_moderation', message: 'refused by content policy' });
        continue;
      }
      store.jobs.transition(job.id, 'submitting', 'submitted', { providerTaskId: `t-${job.id}` });
      store.jobs.transition(job.id, 'submitted', 'generated', { costUsd: 0.5, costBasis: 'simulated' });
      const hash = `clip${motionScore}${seed}${run.id}`;
      store.assets.put({
        contentHash: hash,
        kind: 'clip',
        path: `media/${hash}.mp4`,
        bytes: 1000,
        durationS: 2,
        simulated: true,
      });
      store.jobs.transition(job.id, 'generated', 'downloaded', { clipHash: hash });
      const analysis = analysisFor(motionScore, seed);
      store.analyses.save(job.id, analysis, hash);
      store.jobs.transition(job.id, 'downloaded', 'analyzed');
      store.verdicts.recordAuto(job.id, judgeClip({ analysis, intent: INTENT }));
      store.jobs.transition(job.id, 'analyzed', 'judged');
    }
  }
  store.experiments.setStatus(run.id, 'completed');
  return { runId: run.id, jobIds };
}

/**
 * Every clip-level metric, in report order. Adding a metric = one file + one line here + a
 * README entry. Cuts and the camera move are computed first (others read `cutFrames`).
 */
import { blurMetric } from './blur.ts';
import { durationMetric } from './duration.ts';
import { exposureMetric } from './exposure.ts';
import { flickerMetric } from './flicker.ts';
import { freezeMetric } from './freeze.ts';
import type { ClipMetric } from './metric.ts';
import { shakeMetric } from './shake.ts';
import { subjectMetric } from './subject.ts';
import { zoomJumpMetric } from './zoom-jump.ts';

export const CLIP_METRICS: readonly ClipMetric[] = [
  shakeMetric,
  flickerMetric,
  freezeMetric,
  zoomJumpMetric,
  blurMetric,
  exposureMetric,
  durationMetric,
  subjectMetric,
];

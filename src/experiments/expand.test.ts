import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../test/helpers/thrown.ts';
import { type ExperimentInput, ExperimentSchema } from '../contract/experiment.ts';
import { tableMediaHasher } from '../contract/media-hash.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { loadPresetCatalog } from '../presets/catalog.ts';
import { expandExperiment } from './expand.ts';

const presets = loadPresetCatalog({ cwd: mkdtempSync(join(tmpdir(), 'clipbench-expand-')) });
const media = tableMediaHasher({
  'a.mp4': `sha256:${'a'.repeat(64)}`,
  'b.mp4': `sha256:${'b'.repeat(64)}`,
  'c.mp4': `sha256:${'c'.repeat(64)}`,
});
const subject = { identity: { subject: 'a shoe', scene: 'a table' } };

function expand(input: ExperimentInput) {
  return expandExperiment(ExperimentSchema.parse(input), { presets, hashMedia: media });
}

const failure = (input: ExperimentInput): ClipbenchError => thrownBy(() => expand(input), ClipbenchError);

/** Ascending motion_score sweeps whose steps stay within 1.5 (product's max increment). */
const sweepArb = fc
  .tuple(
    fc.integer({ min: 0, max: 20 }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 }),
  )
  .map(([start, steps]) => {
    const values = [start / 4];
    for (const step of steps) values.push(Math.min(10, (values.at(-1) as number) + step / 2));
    return [...new Set(values)];
  });

describe('expandExperiment', () => {
  it('produces points × references × providers × seeds × repeats jobs with unique, deterministic keys', () => {
    fc.assert(
      fc.property(
        sweepArb,
        fc.subarray(['a.mp4', 'b.mp4', 'c.mp4']),
        fc.subarray(['simulator', 'kling:kling-v2-1', 'fal'], { minLength: 1 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (values, references, providers, seeds, repeats) => {
          const input: ExperimentInput = {
            preset: 'product',
            base: subject,
            vary: { path: 'motion.motion_score', values },
            references,
            providers,
            seeds,
            repeats,
          };
          const jobs = expand(input);
          expect(jobs).toHaveLength(
            values.length * Math.max(1, references.length) * providers.length * seeds.length * repeats,
          );
          expect(new Set(jobs.map((j) => j.jobKey)).size).toBe(jobs.length);
          expect(expand(input).map((j) => j.jobKey)).toEqual(jobs.map((j) => j.jobKey));
          for (const job of jobs) {
            // Single variable: every request differs from point 0's only at the varied path.
            expect(job.request.motion.motion_score).toBe(job.varied.value);
            expect(job.varied.path).toBe('motion.motion_score');
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keys do not depend on the order experiments list their keys or write defaults', () => {
    const a = expand({ preset: 'ad', base: subject, vary: { path: 'motion.motion_score', values: [2, 3] } });
    const b = expand({
      vary: { values: [2, 3], path: 'motion.motion_score' },
      base: { output: { fps: 24 }, identity: { scene: 'a table', subject: 'a shoe' } },
      seeds: [0],
      repeats: 1,
      preset: 'ad',
      providers: ['simulator'],
    });
    expect(b.map((j) => j.jobKey)).toEqual(a.map((j) => j.jobKey));
  });

  it('runs the preset sweep points for three_pass and labels the passes', () => {
    const jobs = expand({ preset: 'product', base: subject, three_pass: true });
    expect(jobs.map((j) => [j.pass, j.request.motion.motion_score])).toEqual([
      ['baseline', 1.5],
      ['mid', 3],
      ['stress', 4.5],
    ]);
    expect(jobs[0]?.request.identity.prompt).toContain('a shoe on a table');
    expect(jobs[0]?.request.identity.skeleton?.id).toBe('product-hero@1');
  });

  it('rejects more than one varied path unless design: factorial', () => {
    const vary = [
      { path: 'motion.motion_score', values: [2, 3] },
      { path: 'camera.intent', values: ['locked frame', 'slow push-in'] },
    ];
    const error = failure({ preset: 'ad', base: subject, vary });
    expect(error.code).toBe('too_many_variables');
    expect(error.message).toContain('motion.motion_score, camera.intent');
    const jobs = expand({ preset: 'ad', base: subject, vary, design: 'factorial' });
    expect(jobs).toHaveLength(4);
    expect(jobs[3]?.factors).toEqual([
      { path: 'motion.motion_score', value: 3 },
      { path: 'camera.intent', value: 'slow push-in' },
    ]);
  });

  it('rejects vary together with three_pass, and no variable at all', () => {
    expect(
      failure({
        preset: 'ad',
        base: subject,
        three_pass: true,
        vary: { path: 'motion.motion_score', values: [2] },
      }).code,
    ).toBe('too_many_variables');
    expect(failure({ preset: 'ad', base: subject }).code).toBe('no_variable');
    expect(failure({ base: { identity: { prompt: 'x' } }, three_pass: true }).code).toBe(
      'three_pass_needs_preset',
    );
  });

  it('rejects a motion_score step larger than the preset allows, naming the step', () => {
    const error = failure({
      preset: 'product',
      base: subject,
      vary: { path: 'motion.motion_score', values: [1, 2, 8] },
    });
    expect(error.code).toBe('motion_step_too_large');
    expect(error.message).toContain('2 → 8');
    expect(error.message).toContain('product@1');
    expect(error.field).toBe('vary.values[2]');
  });

  it('rejects a vary path that does not exist, suggesting the real one', () => {
    const error = failure({
      preset: 'ad',
      base: subject,
      vary: { path: 'motion.motion_scor', values: [2, 3] },
    });
    expect(error.code).toBe('unknown_vary_path');
    expect(error.field).toBe('vary.path');
    expect(error.hint).toContain('`motion.motion_score`');
  });

  it('names the offending value when a varied value is invalid', () => {
    const range = failure({
      base: { identity: { prompt: 'x' } },
      vary: { path: 'motion.motion_score', values: [9, 11] },
    });
    expect(range.message).toContain('vary.values[1]');
    const camera = failure({
      base: { identity: { prompt: 'x' } },
      vary: { path: 'camera.intent', values: ['slow push-in', 'spin wildly'] },
    });
    expect(camera.code).toBe('unknown_camera_phrase');
    expect(camera.message).toContain('vary.values[1]');
  });

  it('allows one change from `from:` and rejects more, naming every path old → new', () => {
    expect(
      expand({
        preset: 'ad',
        from: 'ad@1',
        base: subject,
        vary: { path: 'motion.motion_score', values: [2, 3] },
      }),
    ).toHaveLength(2);
    const error = failure({
      preset: 'ad',
      from: 'ad@1',
      base: { ...subject, output: { fps: 30 }, camera: { intent: 'crane up' } },
      vary: { path: 'motion.motion_score', values: [2, 3] },
    });
    expect(error.code).toBe('too_many_changes');
    expect(error.message).toContain('output.fps: 24 → 30');
    expect(error.message).toContain('camera.intent: "slow push-in" → "crane up"');
    expect(error.message).toContain('motion.motion_score');
    // The visible opt-out.
    expect(
      expand({
        preset: 'ad',
        from: 'ad@1',
        design: 'factorial',
        base: { ...subject, output: { fps: 30 } },
        vary: { path: 'motion.motion_score', values: [2] },
      }),
    ).toHaveLength(1);
  });

  it('refuses a retired or unknown preset', () => {
    expect(failure({ preset: 'nope', base: subject, three_pass: true }).code).toBe('unknown_preset');
  });
});

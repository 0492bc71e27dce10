import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import PQueue from 'p-queue';
import { renderSynthClip } from '../../src/synth/render.ts';
import type { SynthSpec, SynthTruth } from '../../src/synth/spec.ts';
import {
  buildEvalSet,
  type EvalCategory,
  type EvalItem,
  type EvalSplit,
  type PoolOverride,
} from './dataset.ts';

/** Bump when the dataset definition or the renderer changes what a seed produces. */
export const EVAL_SET_VERSION = 3;
export const DEFAULT_SEED = 20261126;
export const EVAL_DIR = resolve(import.meta.dirname, '../../eval/out');

export type LabelledClip = {
  id: string;
  split: EvalSplit;
  category: EvalCategory;
  /** Relative to the labels file. */
  file: string;
  spec: SynthSpec;
  truth: SynthTruth;
};
export type Labels = { version: number; seed: number; clips: LabelledClip[] };

export function labelsPath(dir = EVAL_DIR): string {
  return join(dir, 'labels.json');
}

/** Reads labels if they exist and match this version and seed. */
export async function readLabels(dir = EVAL_DIR, seed = DEFAULT_SEED): Promise<Labels | null> {
  if (!existsSync(labelsPath(dir))) return null;
  const labels = JSON.parse(await readFile(labelsPath(dir), 'utf8')) as Labels;
  if (labels.version !== EVAL_SET_VERSION || labels.seed !== seed) return null;
  if (!labels.clips.every((clip) => existsSync(join(dir, clip.file)))) return null;
  return labels;
}

/** Renders every clip of the set (2 at a time) and writes labels.json last, so a crash leaves no stale labels. */
export async function generateEvalSet(
  options: {
    dir?: string;
    seed?: number;
    /** Image files: every other clip's scene texture becomes one of them (in turn). */
    photos?: readonly string[];
    /** Other frame sizes / rates than the split pools (generate.ts --sizes / --fps). */
    pool?: PoolOverride;
    /** Another family of clips than the eval set (generate.ts --stress: stress.ts). */
    build?: (seed: number) => EvalItem[];
    onClip?: (done: number, total: number, id: string) => void;
  } = {},
): Promise<Labels> {
  const dir = options.dir ?? EVAL_DIR;
  const seed = options.seed ?? DEFAULT_SEED;
  await mkdir(join(dir, 'clips'), { recursive: true });
  const photos = options.photos ?? [];
  const items = (options.build?.(seed) ?? buildEvalSet(seed, options.pool)).map((item, k) =>
    photos.length > 0 && k % 2 === 0
      ? {
          ...item,
          spec: {
            ...item.spec,
            scene: { ...item.spec.scene, imageFile: photos[(k / 2) % photos.length] as string },
          },
        }
      : item,
  );
  const queue = new PQueue({ concurrency: 2 });
  let done = 0;
  const clips = await Promise.all(
    items.map((item) =>
      queue.add(async (): Promise<LabelledClip> => {
        const file = join('clips', `${item.id}.mp4`);
        const truth = await renderSynthClip(item.spec, join(dir, file));
        done += 1;
        options.onClip?.(done, items.length, item.id);
        return { id: item.id, split: item.split, category: item.category, file, spec: item.spec, truth };
      }),
    ),
  );
  const labels: Labels = { version: EVAL_SET_VERSION, seed, clips };
  await writeFile(labelsPath(dir), `${JSON.stringify(labels, null, 1)}\n`);
  return labels;
}

/**
 * `npx tsx scripts/eval/generate.ts [--seed N] [--out DIR] [--photos DIR]` — renders the labelled
 * synthetic evaluation set into eval/out/ (gitignored) with labels.json. Deterministic from the
 * seed (and the photos). `--photos` swaps the procedural texture of every other clip for one of
 * the images in DIR (.jpg/.png, e.g. opencv-doc's examples/data), for a set unlike the tuned one.
 * `--sizes 1280x720,720x1280 --fps 24,60` replace both splits' frame sizes and rates.
 * `--stress` renders the stress family of scripts/eval/stress.ts instead (harsh and combined
 * nuisances, all labelled `tune`; score it with `npm run eval -- --dir DIR --seed N --split tune`).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, EVAL_DIR, generateEvalSet } from './labels.ts';
import { buildStressSet } from './stress.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      photos: { type: 'string' },
      sizes: { type: 'string' },
      fps: { type: 'string' },
      stress: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes?.split(',').map((s): [number, number] => {
    const [w, h] = s.split('x').map(Number);
    if (!(Number.isInteger(w) && Number.isInteger(h))) throw new Error(`--sizes: "${s}" is not WxH`);
    return [w as number, h as number];
  });
  const fps = values.fps?.split(',').map(Number);
  if (fps?.some((f) => !(f > 0))) throw new Error(`--fps: "${values.fps}" is not a list of rates`);
  const photos =
    values.photos === undefined
      ? []
      : readdirSync(values.photos)
          .filter((f) => /\.(jpe?g|png)$/i.test(f))
          .sort()
          .map((f) => resolve(join(values.photos as string, f)));
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const started = performance.now();
  const labels = await generateEvalSet({
    dir: values.out ?? EVAL_DIR,
    seed,
    photos,
    pool: { sizes, fps },
    ...(values.stress ? { build: buildStressSet } : {}),
    onClip: (done, total, id) => {
      if (done % 20 === 0 || done === total) process.stderr.write(`rendered ${done}/${total} (${id})\n`);
    },
  });
  const tune = labels.clips.filter((c) => c.split === 'tune').length;
  process.stdout.write(
    `eval set: ${labels.clips.length} clips (${tune} tune, ${labels.clips.length - tune} holdout), seed ${seed}, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s → ${values.out ?? EVAL_DIR}\n`,
  );
}

await main();

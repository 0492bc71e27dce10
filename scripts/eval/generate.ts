/**
 * `npx tsx scripts/eval/generate.ts [--seed N] [--out DIR]` — renders the labelled synthetic
 * evaluation set into eval/out/ (gitignored) with labels.json. Deterministic from the seed.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, EVAL_DIR, generateEvalSet } from './labels.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' } } });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const started = performance.now();
  const labels = await generateEvalSet({
    dir: values.out ?? EVAL_DIR,
    seed,
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

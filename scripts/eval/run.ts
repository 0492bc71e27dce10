/**
 * `npm run eval [-- --split tune|holdout] [--misses] [--json] [--regenerate] [--concurrency N]
 * [--dir DIR --seed N]` (another rendered set, e.g. a fresh seed from generate.ts --out DIR) —
 * runs the analyser on every labelled synthetic clip (generating the set first if missing) and
 * prints accuracy per move, speed accuracy, cut P/R/F1, per-defect P/R, false alarms on clean
 * clips and gate accuracy, separately for tune and holdout.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import PQueue from 'p-queue';
import { DEFAULT_SEED, EVAL_DIR, generateEvalSet, readLabels } from './labels.ts';
import { formatSplit, type ScoredClip, scoreSplit } from './score.ts';

type Analyser = {
  analyzeFile: (file: string) => Promise<import('../../src/contract/analysis.ts').AnalysisResult>;
  gateFromAnalysis: (
    analysis: import('../../src/contract/analysis.ts').AnalysisResult,
  ) => import('../../src/contract/analysis.ts').GateResult;
};

/** Loads the analyser lazily so this script fails with a clear message while it does not exist yet. */
async function loadAnalyser(): Promise<Analyser> {
  try {
    const analyze = await import('../../src/analysis/analyze.ts');
    const gate = await import('../../src/analysis/gate.ts');
    return {
      analyzeFile: (file) => analyze.analyzeFile(file),
      gateFromAnalysis: (a) => gate.gateFromAnalysis(a),
    };
  } catch (error) {
    throw new Error(
      `eval needs analyzeFile (src/analysis/analyze.ts) and gateFromAnalysis (src/analysis/gate.ts): ${(error as Error).message}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      split: { type: 'string' },
      misses: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      regenerate: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      dir: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const dir = values.dir ?? EVAL_DIR;
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const analyser = await loadAnalyser();
  let labels = values.regenerate ? null : await readLabels(dir, seed);
  if (labels === null) {
    process.stderr.write('eval set missing or stale: generating it (about 2 minutes)…\n');
    labels = await generateEvalSet({
      dir,
      seed,
      onClip: (done, total) => {
        if (done % 20 === 0 || done === total) process.stderr.write(`rendered ${done}/${total}\n`);
      },
    });
  }
  const splits = values.split === undefined ? (['tune', 'holdout'] as const) : ([values.split] as const);
  const queue = new PQueue({ concurrency: Math.max(1, Number(values.concurrency)) });
  const started = performance.now();
  const clips = labels.clips.filter((clip) => (splits as readonly string[]).includes(clip.split));
  const scored: ScoredClip[] = await Promise.all(
    clips.map((clip) =>
      queue.add(async () => {
        const result = await analyser.analyzeFile(join(dir, clip.file));
        return { clip, result, gate: analyser.gateFromAnalysis(result) };
      }),
    ),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const report = Object.fromEntries(
    splits.map((split) => [split, scoreSplit(scored.filter((s) => s.clip.split === split))]),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const split of splits) {
    const score = report[split];
    if (score === undefined) continue;
    process.stdout.write(`${formatSplit(split, score)}\n`);
    if (values.misses && score.misses.length > 0)
      process.stdout.write(`misses:\n  ${score.misses.join('\n  ')}\n`);
    process.stdout.write('\n');
  }
  process.stdout.write(`analysed ${clips.length} clips in ${elapsedS.toFixed(1)} s\n`);
}

await main();

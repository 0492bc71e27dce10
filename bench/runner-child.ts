/**
 * The runner as a separate process for the fault benchmark (bench/runner.ts kills it with SIGKILL
 * at random points). Argv: <workspace dir> <experiment file> <concurrency>. Provider settings come
 * from the environment (KLING_* pointing at the parent's fake). Scripted analyser: no decoding.
 */
import { fileMediaHasher } from '../src/contract/media-hash.ts';
import { rubricJudge } from '../src/experiments/default-assessors.ts';
import { planExperiment } from '../src/experiments/plan.ts';
import { runExperiment } from '../src/experiments/runner.ts';
import { scriptedAnalyser } from '../src/experiments/scripted-analyser.ts';
import { createProvider, defaultProviderDeps } from '../src/providers/registry.ts';
import { openWorkspaceStore } from '../src/store/store.ts';

const [dir = '.', file = 'experiment.yaml', concurrency = '16'] = process.argv.slice(2);
const deps = { ...defaultProviderDeps(), retry: { baseDelayMs: 5, maxDelayMs: 50, maxServerDelayMs: 100 } };
const kling = createProvider('kling', process.env, deps);
const store = openWorkspaceStore({ cwd: dir, env: {} });
const outcome = await runExperiment({
  store,
  workspace: store.workspace,
  source: {
    kind: 'plan',
    plan: planExperiment(file, { cwd: dir }),
    preset: undefined,
    hashMedia: fileMediaHasher(dir),
  },
  providers: () => kling,
  analyse: scriptedAnalyser({ cutAboveMotionScore: 6 }),
  judge: rubricJudge,
  concurrency: Number(concurrency),
  analysisConcurrency: 4,
  poll: { intervalMs: 3, backoff: 1, maxIntervalMs: 3, deadlineMs: 60_000 },
  failover: false,
});
store.close();
process.stdout.write(
  `${JSON.stringify({ status: outcome.status, newSubmits: outcome.newSubmits, recovered: outcome.recovered })}\n`,
);

/**
 * Runner benchmark (`npm run bench:runner`):
 * 1. A 1,000-job sweep against the Kling fake (fast fake latency) at concurrency 16 with the scripted
 *    analyser: wall time and CPU per job, peak RSS, and duplicate submits counted by the fake.
 * 2. A fault run: the runner in a child process is killed with SIGKILL at random points 20 times and
 *    re-run each time, then run to completion: duplicates (must be 0) and lost results (must be 0).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { fileMediaHasher } from '../src/contract/media-hash.ts';
import { rubricJudge } from '../src/experiments/default-assessors.ts';
import { planExperiment } from '../src/experiments/plan.ts';
import { runExperiment } from '../src/experiments/runner.ts';
import { scriptedAnalyser } from '../src/experiments/scripted-analyser.ts';
import { startKlingFake } from '../src/fakes/kling/server.ts';
import { createProvider, defaultProviderDeps } from '../src/providers/registry.ts';
import { openWorkspaceStore } from '../src/store/store.ts';

const JOBS_SEEDS = Number(process.env['BENCH_SEEDS'] ?? 100); // × 10 motion_score values
const KILLS = Number(process.env['BENCH_KILLS'] ?? 20);
const root = mkdtempSync(join(process.env['BENCH_TMP'] ?? '/tmp', 'clipbench-bench-runner-'));

function experiment(dir: string): string {
  const file = join(dir, 'sweep.yaml');
  writeFileSync(
    file,
    stringify({
      name: 'bench sweep',
      base: {
        identity: { prompt: 'a ceramic mug on a wooden table' },
        camera: { intent: 'locked frame' },
        output: { duration_s: 5, resolution: '720p' },
        provider: { id: 'kling', model: 'kling-v2-1' },
      },
      vary: { path: 'motion.motion_score', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
      providers: ['kling'],
      seeds: Array.from({ length: JOBS_SEEDS }, (_, i) => i),
    }),
  );
  return file;
}

function audit(dir: string, runId: string | null, tasksCreated: number) {
  const store = openWorkspaceStore({ cwd: dir, env: {} });
  const run = runId === null ? store.experiments.resolve('latest') : store.experiments.require(runId);
  const jobs = store.jobs.list({ experimentId: run.id });
  store.close();
  const taskIds = new Set(jobs.map((j) => j.provider_task_id).filter((t) => t !== null));
  return {
    jobs: jobs.length,
    judged: jobs.filter((j) => j.state === 'judged').length,
    // Each job pays for exactly one task; more tasks than jobs = a duplicate submit.
    duplicates: tasksCreated - jobs.length,
    // A paid task the journal does not hold, or a job that never got its result.
    lost: tasksCreated - taskIds.size + jobs.filter((j) => j.state !== 'judged').length,
  };
}

async function sweep() {
  const dir = join(root, 'sweep');
  mkdirSync(dir);
  const file = experiment(dir);
  const fake = await startKlingFake({ stageMs: 2 });
  const deps = { ...defaultProviderDeps(), retry: { baseDelayMs: 5, maxDelayMs: 50, maxServerDelayMs: 100 } };
  const kling = createProvider('kling', fake.config, deps);
  const store = openWorkspaceStore({ cwd: dir, env: {} });
  const plan = planExperiment(file, { cwd: dir });
  let analysed = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await runExperiment({
    store,
    workspace: store.workspace,
    source: { kind: 'plan', plan, preset: undefined, hashMedia: fileMediaHasher(dir) },
    providers: () => kling,
    analyse: scriptedAnalyser({ cutAboveMotionScore: 6, onCall: () => (analysed += 1) }),
    judge: rubricJudge,
    concurrency: 16,
    analysisConcurrency: 4,
    poll: { intervalMs: 3, backoff: 1, maxIntervalMs: 3, deadlineMs: 60_000 },
    failover: false,
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  store.close();
  const counters = fake.counters();
  await fake.stop();
  const a = audit(dir, outcome.runId, counters.tasksCreated);
  return {
    jobs: plan.jobs.length,
    status: outcome.status,
    wall_s: +(wallMs / 1000).toFixed(2),
    wall_ms_per_job: +(wallMs / plan.jobs.length).toFixed(2),
    cpu_ms_per_job_runner_plus_fake: +((cpu.user + cpu.system) / 1000 / plan.jobs.length).toFixed(2),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    analysed,
    tasks_created: counters.tasksCreated,
    status_queries: counters.statusQueries,
    duplicates: a.duplicates,
    lost: a.lost,
    usable_rate: outcome.summary.usable_rate,
  };
}

function runChild(dir: string, file: string, env: NodeJS.ProcessEnv, killAfterMs: number | null) {
  return new Promise<{ killed: boolean; code: number | null; out: string }>((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve('bench/runner-child.ts'), dir, file, '16'],
      {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code, out });
    });
  });
}

async function faultRun() {
  const dir = join(root, 'faults');
  mkdirSync(dir);
  const file = experiment(dir);
  // Slower fake stages than the sweep so the 1,000 jobs take ~20 s of runner time: every kill then
  // lands mid-sweep (a kill after the run finished would test nothing).
  const fake = await startKlingFake({ stageMs: 150 });
  const env = { ...process.env, ...fake.config };
  let killed = 0;
  let attempts = 0;
  const progress: number[] = [];
  while (killed < KILLS && attempts < KILLS * 2) {
    attempts += 1;
    // Child start-up (tsx) takes ~1–1.5 s; kill anywhere from before the first submit to mid-sweep.
    const r = await runChild(dir, file, env, 600 + Math.floor(Math.random() * 2400));
    if (r.killed) killed += 1;
    progress.push(fake.counters().tasksCreated);
  }
  const final = await runChild(dir, file, env, null);
  const counters = fake.counters();
  await fake.stop();
  const a = audit(dir, null, counters.tasksCreated);
  return {
    kills_landed: killed,
    kill_attempts: attempts,
    tasks_created_after_each_attempt: progress.join(' '),
    final: final.out.trim(),
    jobs: a.jobs,
    judged: a.judged,
    tasks_created: counters.tasksCreated,
    duplicate_submits_refused_by_fake: counters.duplicatesRefused,
    duplicates: a.duplicates,
    lost: a.lost,
  };
}

const sweepResult = await sweep();
process.stdout.write(`sweep: ${JSON.stringify(sweepResult, null, 2)}\n`);
const faultResult = await faultRun();
process.stdout.write(`fault run: ${JSON.stringify(faultResult, null, 2)}\n`);
process.stdout.write(`workdir: ${root}\n`);
if (
  sweepResult.duplicates !== 0 ||
  sweepResult.lost !== 0 ||
  faultResult.duplicates !== 0 ||
  faultResult.lost !== 0
)
  process.exitCode = 1;

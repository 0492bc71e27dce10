/**
 * Demonstration (not part of the suite): a Kling adapter session against the local fake.
 * Run: npx tsx test/providers/kling-session-demo.ts
 * Shows submit → poll → download, a 429 storm survived, and a lost response recovered through
 * external_task_id without a second paid task. Retry waits are compressed 50× (logged at full value).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VideoRequestSchema } from '../../src/contract/request.ts';
import { startKlingFake } from '../../src/fakes/kling/server.ts';
import { klingProviderFactory } from '../../src/providers/kling/factory.ts';
import type { ProviderCallContext } from '../../src/providers/provider.ts';
import { defaultProviderDeps } from '../../src/providers/registry.ts';
import { runJob } from '../../src/providers/run-job.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const fake = await startKlingFake({ stageMs: 400 });
const mediaDir = await mkdtemp(join(tmpdir(), 'clipbench-demo-'));
const deps = defaultProviderDeps();
const provider = klingProviderFactory.create(fake.config, {
  ...deps,
  sleep: (ms, signal) => deps.sleep(ms / 50, signal),
  retry: { maxAttempts: 8, baseDelayMs: 1000 },
});
const request = VideoRequestSchema.parse({
  identity: { prompt: 'a red ceramic mug on a wooden table, studio light' },
  motion: { motion_score: 7 },
  camera: { intent: 'slow push-in', stability: 'steady' },
  negative: { constraints: ['no_cuts', 'no_text'] },
  provider: { id: 'kling', model: 'kling-v2-5-turbo' },
});
const ctx = (jobKey: string): ProviderCallContext => ({
  jobKey,
  mediaDir,
  onRetry: (e) =>
    log(
      `  retry ${e.operation} attempt ${e.attempt}: ${e.error.code} (${e.error.message}) → wait ${e.delayMs} ms`,
    ),
});
const poll = { intervalMs: 150, backoff: 1.3, maxIntervalMs: 500 };

try {
  log(`fake Kling at ${fake.baseUrl}; estimate $${provider.estimateCost(request).amountUsd}`);
  log('\n1) submit → poll → download');
  const a = await runJob(provider, request, ctx('demo-job-a'), poll);
  log(`  task ${a.job.taskId} family=${String(a.job.meta['family'])} recovered=${a.job.recovered}`);
  log(`  mapping notes: ${JSON.stringify(a.job.meta['notes'])}`);
  log(
    `  succeeded after ${a.polls} polls in ${a.elapsedMs} ms; cost $${a.status.cost?.amountUsd} (${a.status.cost?.basis}, ${a.status.cost?.note})`,
  );
  log(`  downloaded ${a.media.bytes} bytes → ${a.media.path}`);

  log('\n2) a 429 storm on submit: four 1302 answers with Retry-After: 2, then success');
  fake.setFault({ kind: 'error', error: 'rate_limited', on: 'submit', times: 4, retryAfterS: 2 });
  const b = await runJob(provider, request, ctx('demo-job-b'), poll);
  log(`  survived: task ${b.job.taskId}, ${b.media.bytes} bytes`);

  log('\n3) lost response: the server creates the task, then the connection drops before the answer');
  fake.setFault({ kind: 'drop', when: 'after', on: 'submit', times: 1 });
  const before = fake.counters().tasksCreated;
  const c = await runJob(provider, request, ctx('demo-job-c'), poll);
  log(`  recovered=${c.job.recovered} via external_task_id=demo-job-c → task ${c.job.taskId}`);
  log(`  paid tasks created for this job: ${fake.counters().tasksCreated - before}`);

  log('\n4) resubmitting job a (same key) creates nothing new');
  const again = await provider.submit(request, ctx('demo-job-a'));
  log(`  same task: ${again.taskId === a.job.taskId}, recovered=${again.recovered}`);

  log(`\nfake counters: ${JSON.stringify(fake.counters())}`);
} finally {
  await fake.stop();
  await rm(mediaDir, { recursive: true, force: true });
}

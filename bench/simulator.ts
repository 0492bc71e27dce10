/**
 * `npx tsx bench/simulator.ts [--repeats N]` — simulator speed: one full job (submit → status →
 * download, latency 0) for a default 5 s 720p 16:9 request, rendered at 640×360 24 fps, per camera
 * move and for a clean vs a heavy-artifact take. Prints wall time (median and best) and this
 * process's CPU time, plus the load average, because on a shared 2-core box wall time mostly
 * measures the neighbours. Never part of `npm test`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VideoRequestSchema } from '../src/contract/request.ts';
import { systemSleep } from '../src/http/timing.ts';
import { runJob } from '../src/providers/run-job.ts';
import { createSimulatorProvider } from '../src/providers/simulator/client.ts';
import { settingsFromConfig } from '../src/providers/simulator/settings.ts';

const CASES = [
  { label: 'pan right, ms 5 (clean)', intent: 'slow pan right', motionScore: 5 },
  { label: 'push-in, ms 5 (clean)', intent: 'slow push-in', motionScore: 5 },
  { label: 'locked, ms 5 (clean)', intent: 'locked frame', motionScore: 5 },
  { label: 'roll, ms 5 (clean)', intent: 'slow roll clockwise', motionScore: 5 },
  { label: 'pan right, ms 10 (artifacts)', intent: 'slow pan right', motionScore: 10 },
] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
  const repeats = Math.max(1, Number(values.repeats));
  const dir = await mkdtemp(join(tmpdir(), 'clipbench-bench-sim-'));
  const provider = createSimulatorProvider({
    settings: settingsFromConfig({ CLIPBENCH_SIM_LATENCY_MS: '0' }),
    deps: { fetch: globalThis.fetch, clock: Date.now, sleep: systemSleep, random: Math.random },
  });
  process.stdout.write(
    `bench: simulator, 5 s 720p 16:9 request → 640×360 24 fps (120 frames); load avg ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${(await import('node:os')).cpus().length} cores\n`,
  );
  process.stdout.write('case                           wall median   wall best   node CPU   bytes\n');
  try {
    for (const c of CASES) {
      const walls: number[] = [];
      const cpus: number[] = [];
      let bytes = 0;
      for (let r = 0; r < repeats; r += 1) {
        const request = VideoRequestSchema.parse({
          identity: { prompt: 'bench scene' },
          camera: { intent: c.intent },
          motion: { motion_score: c.motionScore },
        });
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const out = await runJob(
          provider,
          request,
          { jobKey: `bench-${c.label}-${r}`, mediaDir: dir },
          { intervalMs: 5, backoff: 1 },
        );
        walls.push(performance.now() - t0);
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1000);
        bytes = out.media.bytes;
      }
      process.stdout.write(
        `${c.label.padEnd(30)} ${median(walls).toFixed(0).padStart(8)} ms ${Math.min(...walls)
          .toFixed(0)
          .padStart(8)} ms ${median(cpus).toFixed(0).padStart(7)} ms ${String(bytes).padStart(8)}\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});

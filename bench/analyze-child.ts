/**
 * Child process for the bench: analyses one file and prints `{elapsedMs, cpuMs, maxRssKb,
 * baselineRssKb}` as JSON, so each run's peak RSS is its own (process.resourceUsage().maxRSS is per
 * process). `cpuMs` is this process's CPU time (all its threads, not ffmpeg's) during the analysis:
 * unlike the wall time it barely moves when other processes load the machine.
 */
import { analyzeFile } from '../src/analysis/analyze.ts';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: analyze-child.ts <video> [--no-warm-up]');
  const baselineRssKb = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await analyzeFile(file, { warmUp: process.argv[3] !== '--no-warm-up' });
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(
    `${JSON.stringify({ elapsedMs, cpuMs, maxRssKb, baselineRssKb, frames: result.video.frames, move: result.camera.move })}\n`,
  );
}

await main();

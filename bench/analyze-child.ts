/**
 * Child process for the bench: analyses one file and prints `{elapsedMs, maxRssKb, baselineRssKb}`
 * as JSON, so each run's peak RSS is its own (process.resourceUsage().maxRSS is per process).
 */
import { analyzeFile } from '../src/analysis/analyze.ts';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: analyze-child.ts <video>');
  const baselineRssKb = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await analyzeFile(file);
  const elapsedMs = performance.now() - started;
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(
    `${JSON.stringify({ elapsedMs, maxRssKb, baselineRssKb, frames: result.video.frames, move: result.camera.move })}\n`,
  );
}

await main();

/**
 * Child process for the bench: analyses one file and prints `{elapsedMs, cpuMs, maxRssKb,
 * baselineRssKb}` as JSON, so each run's peak RSS is its own (process.resourceUsage().maxRSS is per
 * process). `cpuMs` is this process's CPU time (all its threads, not ffmpeg's) during the analysis:
 * unlike the wall time it barely moves when other processes load the machine. `toolsCpuMs` is the CPU
 * of the ffprobe and ffmpeg it ran (waited-for children, Linux /proc; null elsewhere).
 */
import { readFileSync } from 'node:fs';
import { analyzeFile } from '../src/analysis/analyze.ts';

/** User + system CPU of this process's waited-for children (ms), from /proc/self/stat; null off Linux. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17 (1-based).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    // USER_HZ is 100 on every Linux build node supports.
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: analyze-child.ts <video> [--no-warm-up]');
  const baselineRssKb = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const tools = childrenCpuMs();
  const started = performance.now();
  const result = await analyzeFile(file, { warmUp: process.argv[3] !== '--no-warm-up' });
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const maxRssKb = process.resourceUsage().maxRSS;
  const toolsAfter = childrenCpuMs();
  const toolsCpuMs = tools !== null && toolsAfter !== null ? toolsAfter - tools : null;
  process.stdout.write(
    `${JSON.stringify({ elapsedMs, cpuMs, toolsCpuMs, maxRssKb, baselineRssKb, frames: result.video.frames, move: result.camera.move })}\n`,
  );
}

await main();

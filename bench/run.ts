/**
 * `npm run bench` — per clip (360p/720p/1080p × 5 s/10 s, rendered once into bench/out/): full
 * analysis time (`analyzeFile`, in a fresh child process that also reports its peak RSS) vs a
 * plain `ffmpeg -i clip -f null -` decode of the same file, with the ratio (the yardstick the issue
 * sets); beside it, for explanation only, the wall time of the analysis's own decode command (scaled
 * gray rawvideo to the null device, no JS) and the CPU of the ffprobe + ffmpeg the analysis ran
 * ("tools cpu ms", Linux); then synth render speed. `--no-warm-up` turns analyzeFile's JIT warm-up
 * off (to measure it). Never part of `npm test`.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { devNull, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ANALYSIS_SKIP_LOOP_FILTER } from '../src/analysis/analyze.ts';
import { resolveThresholds } from '../src/analysis/config.ts';
import { decodeArgs } from '../src/media/decode.ts';
import { runFfmpeg, timeNullDecode } from '../src/media/ffmpeg-run.ts';
import { sizeForPixels } from '../src/media/frame-size.ts';
import { probeVideo } from '../src/media/probe.ts';
import { prepareSynth, renderSynthClip, renderSynthFrames } from '../src/synth/render.ts';
import type { SynthSpec } from '../src/synth/spec.ts';

const OUT = resolve(import.meta.dirname, 'out');
const run = promisify(execFile);

const SIZES = [
  ['360p', 640, 360],
  ['720p', 1280, 720],
  ['1080p', 1920, 1080],
] as const;

function clipSpec(width: number, height: number, durationS: number): SynthSpec {
  return {
    seed: 42,
    width,
    height,
    fps: 30,
    durationS,
    camera: { move: 'pan_right', speed: 'medium' },
    scene: { texture: 'urban' },
    subject: { size: 0.35, motion: 'walk', speed: 0.04 },
  };
}

async function ensureClip(name: string, spec: SynthSpec): Promise<string> {
  const file = join(OUT, `${name}.mp4`);
  if (!existsSync(file)) await renderSynthClip(spec, file);
  return file;
}

type ChildResult = {
  elapsedMs: number;
  cpuMs: number;
  toolsCpuMs: number | null;
  maxRssKb: number;
  baselineRssKb: number;
  frames: number;
  move: string;
};

/** Wall time of the analysis's own ffmpeg command (analyze.ts), its frames written to the null device. */
async function timeOwnDecode(file: string): Promise<number> {
  const probe = await probeVideo(file);
  const size = sizeForPixels(probe.displayWidth, probe.displayHeight, resolveThresholds().analysisPixels);
  const args = decodeArgs(file, probe, size, { format: 'gray', skipLoopFilter: ANALYSIS_SKIP_LOOP_FILTER });
  // runFfmpeg adds the -hide_banner -nostdin -v error prefix itself.
  const own = args.slice(args.indexOf('-v') + 2, -1);
  return (await runFfmpeg(['-y', ...own, devNull])).elapsedMs;
}

async function analyseInChild(file: string, warmUp: boolean): Promise<ChildResult> {
  const child = resolve(import.meta.dirname, 'analyze-child.ts');
  const args = ['--import', 'tsx', child, file, ...(warmUp ? [] : ['--no-warm-up'])];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
}

/** Median CPU of the ffprobe + ffmpeg each analysis ran, or '-' where the platform cannot tell. */
function toolsCpu(analyses: ChildResult[]): string {
  const values = analyses.map((a) => a.toolsCpuMs).filter((v): v is number => v !== null);
  return values.length > 0 ? median(values).toFixed(0) : '-';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function benchAnalysis(repeats: number, warmUp: boolean): Promise<void> {
  const rows: string[] = [];
  const ratios: number[] = [];
  const header =
    'clip          frames  decode ms  own dec ms  analysis ms  ms/frame  clips/s  ratio  JS cpu ms  tools cpu ms  peak RSS MB (baseline)';
  process.stdout.write(`load average at start ${loadavg()[0]?.toFixed(2)}\n${header}\n`);
  for (const [label, width, height] of SIZES) {
    for (const durationS of [5, 10]) {
      const name = `${label}-${durationS}s`;
      const file = await ensureClip(name, clipSpec(width, height, durationS));
      const decodes: number[] = [];
      const owns: number[] = [];
      const analyses: ChildResult[] = [];
      for (let r = 0; r < repeats; r += 1) {
        decodes.push((await timeNullDecode(file)).elapsedMs);
        owns.push(await timeOwnDecode(file));
        analyses.push(await analyseInChild(file, warmUp));
      }
      const decodeMs = median(decodes);
      const analysisMs = median(analyses.map((a) => a.elapsedMs));
      const peak = Math.max(...analyses.map((a) => a.maxRssKb)) / 1024;
      const base = Math.max(...analyses.map((a) => a.baselineRssKb)) / 1024;
      const frames = analyses[0]?.frames ?? Number.NaN;
      ratios.push(analysisMs / decodeMs);
      rows.push(
        [
          name.padEnd(12),
          String(frames).padStart(6),
          decodeMs.toFixed(0).padStart(10),
          median(owns).toFixed(0).padStart(11),
          analysisMs.toFixed(0).padStart(12),
          (analysisMs / frames).toFixed(2).padStart(9),
          (1000 / analysisMs).toFixed(2).padStart(8),
          (analysisMs / decodeMs).toFixed(2).padStart(6),
          median(analyses.map((a) => a.cpuMs))
            .toFixed(0)
            .padStart(10),
          toolsCpu(analyses).padStart(13),
          ` ${peak.toFixed(0).padStart(6)} (${base.toFixed(0)})`,
        ].join(' '),
      );
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  }
  const worst = Math.max(...ratios);
  process.stdout.write(
    `worst ratio ${worst.toFixed(2)}× decode (target ≤ 1.3×: ${worst <= 1.3 ? 'met' : 'NOT met'}); load average ${loadavg()[0]?.toFixed(2)}\n`,
  );
}

async function benchSynth(): Promise<void> {
  const spec = { ...clipSpec(640, 360, 5), fps: 24 };
  const totals: number[] = [];
  const renders: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    let started = performance.now();
    await renderSynthClip(spec, join(OUT, 'synth-speed.mp4'));
    totals.push(performance.now() - started);
    started = performance.now();
    let frames = 0;
    for (const _frame of renderSynthFrames(await prepareSynth(spec))) frames += 1;
    renders.push(performance.now() - started);
    if (r === 0) process.stdout.write(`synth 640x360 24 fps 5 s (${frames} frames):\n`);
  }
  process.stdout.write(
    `  render+encode to mp4: median ${median(totals).toFixed(0)} ms; JS render only: median ${median(renders).toFixed(0)} ms (${(
      (120 * 1000) / median(renders)
    ).toFixed(0)} fps)\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repeats: { type: 'string', default: '1' },
      only: { type: 'string' },
      // analyzeFile's JIT warm-up off (src/analysis/warm-up.ts), to measure what it brings.
      'no-warm-up': { type: 'boolean', default: false },
    },
  });
  await mkdir(OUT, { recursive: true });
  process.stdout.write(`bench: analysis vs ffmpeg -f null decode (clips in ${OUT})\n`);
  if (values.only !== 'synth')
    await benchAnalysis(Math.max(1, Number(values.repeats)), !values['no-warm-up']);
  if (values.only !== 'analysis') await benchSynth();
}

await main();

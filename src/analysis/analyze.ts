/**
 * Entry points: `analyzeFrames` (pure-ish, streaming: one frame at a time → per-frame scalar
 * records → clip metrics) and `analyzeFile` (decodes at analysis resolution through src/media).
 */
import { type AnalysisResult, AnalysisResultSchema, type Defect } from '../contract/analysis.ts';
import { decodeFrames } from '../media/decode.ts';
import type { Frame, ProbeInfo } from '../media/frame.ts';
import { sizeForPixels } from '../media/frame-size.ts';
import { probeAndDecodeFrames } from '../media/probe-and-decode.ts';
import type { MediaDeps } from '../media/tools.ts';
import { classifyCamera } from './camera-move.ts';
import type { ClipContext } from './clip-context.ts';
import { type AnalysisThresholds, resolveThresholds } from './config.ts';
import { detectCuts } from './cuts.ts';
import { createFeatureExtractor, type FeatureExtractor, type FrameRecord } from './features.ts';
import { CLIP_METRICS } from './registry.ts';
import { noteFramesAnalysed, WARM_UP_FPS, warmUpWhile } from './warm-up.ts';

/** What `analyzeFrames` needs to know about the source beyond the frames themselves. */
export type StreamInfo = {
  fps: number;
  /** Source (display) size, reported in `video`; defaults to the frames' size. */
  width?: number | undefined;
  height?: number | undefined;
};

export type AnalyzeOptions = {
  thresholds?: Partial<AnalysisThresholds> | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Called after each frame is measured (progress, contact-sheet sampling). `frame.data` is valid
   * during the call only (`analyzeFile` recycles decode buffers): copy what you keep.
   */
  onFrame?: ((frame: Frame, record: FrameRecord) => void) | undefined;
};

export type AnalyzeFileOptions = AnalyzeOptions &
  MediaDeps & {
    /** Reuse a probe result. */
    probe?: ProbeInfo | undefined;
    /**
     * Warm the JIT up on synthetic frames while waiting for the first decoded frame (warm-up.ts;
     * same results either way). @default true
     */
    warmUp?: boolean | undefined;
  };

/** The result plus the per-frame records it was computed from (for contact sheets and debugging). */
export type DetailedAnalysis = { result: AnalysisResult; records: FrameRecord[] };

/** Analyses a stream of frames (all the same size), holding only a few small images at a time. */
export async function analyzeFrames(
  frames: AsyncIterable<Frame>,
  info: StreamInfo,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  return (await analyzeFramesDetailed(frames, info, options)).result;
}

/** `analyzeFrames` that also returns the per-frame records. */
export async function analyzeFramesDetailed(
  frames: AsyncIterable<Frame>,
  info: StreamInfo,
  options: AnalyzeOptions = {},
): Promise<DetailedAnalysis> {
  const extractor = createFeatureExtractor({ fps: info.fps });
  for await (const frame of frames) {
    options.signal?.throwIfAborted();
    extractor.push(frame);
    const record = extractor.records[extractor.records.length - 1];
    if (options.onFrame && record) options.onFrame(frame, record);
    // Let the event loop read the decoder's pipe between frames: buffered frames otherwise resolve
    // as microtasks back to back while ffmpeg sits blocked on a full pipe, and decoding and
    // analysis take turns instead of overlapping on two cores.
    await yieldToEventLoop();
  }
  return summarize(extractor, info, options);
}

/** The clip metrics from a finished extractor's records. */
function summarize(extractor: FeatureExtractor, info: StreamInfo, options: AnalyzeOptions): DetailedAnalysis {
  const thresholds = resolveThresholds(options.thresholds);
  const base: Omit<ClipContext, 'cutFrames'> = {
    records: extractor.records,
    held: extractor.held(),
    fps: info.fps,
    width: Math.max(1, extractor.width()),
    height: Math.max(1, extractor.height()),
    thresholds,
  };
  const cuts = detectCuts(base);
  const ctx: ClipContext = { ...base, cutFrames: new Set(cuts.map((c) => c.frame)) };
  const camera = classifyCamera(ctx);
  const defects: Defect[] = cuts.map((c) => ({
    code: 'cut',
    start_frame: c.frame,
    end_frame: c.frame,
    severity: Math.round(c.score * 1000) / 1000,
    message: `hard cut into frame ${c.frame}`,
  }));
  const metrics: Record<string, number> = { cuts: cuts.length };
  for (const metric of CLIP_METRICS) {
    const out = metric.run(ctx);
    Object.assign(metrics, out.metrics);
    defects.push(...out.defects);
  }
  defects.sort((x, y) => x.start_frame - y.start_frame || x.code.localeCompare(y.code));
  const count = extractor.records.length;
  const result: AnalysisResult = {
    camera,
    cuts: cuts.map((c) => ({ frame: c.frame, score: Math.round(c.score * 1000) / 1000 })),
    defects,
    metrics,
    video: {
      frames: count,
      fps: info.fps,
      width: info.width ?? Math.max(1, extractor.width()),
      height: info.height ?? Math.max(1, extractor.height()),
      duration_s: Math.round((count / info.fps) * 1000) / 1000,
    },
  };
  return { result: AnalysisResultSchema.parse(result), records: extractor.records };
}

function noop(): void {}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The analysis frame size for a display size: about `pixels` pixels, aspect kept, even sides. */
export function analysisSize(
  displayWidth: number,
  displayHeight: number,
  pixels: number,
): { width: number; height: number } {
  return sizeForPixels(displayWidth, displayHeight, pixels);
}

/** Decodes `file` at analysis resolution (gray, scaled in ffmpeg) and analyses it. */
export async function analyzeFileDetailed(
  file: string,
  options: AnalyzeFileOptions = {},
): Promise<DetailedAnalysis> {
  const thresholds = resolveThresholds(options.thresholds);
  let started = (): void => {};
  const spawned = new Promise<void>((resolve) => {
    started = resolve;
  });
  const opened = openFrames(file, options, thresholds.analysisPixels, started);
  // Until the first frame is decoded the process only waits (ffprobe, ffmpeg's start-up): warm the
  // JIT up on synthetic frames meanwhile (warm-up.ts; results unchanged to the bit) — from the
  // moment both tools are spawned, so the warm-up never delays their start.
  await Promise.race([spawned, opened.then(noop, noop)]);
  let ready = false;
  const firstFrame = opened.then(async ({ frames }) => {
    try {
      return await frames.next();
    } finally {
      ready = true;
    }
  });
  firstFrame.catch(() => {
    ready = true;
  });
  await warmUpWhile(
    () => !ready && options.warmUp !== false && options.signal?.aborted !== true,
    (extractor) => summarize(extractor, { fps: WARM_UP_FPS }, {}),
  );
  const { probe, frames } = await opened;
  const first = await firstFrame;
  async function* all(): AsyncGenerator<Frame, void, undefined> {
    try {
      if (first.done === true) return;
      yield first.value;
      yield* { [Symbol.asyncIterator]: () => frames };
    } finally {
      // Stopped at the first frame (abort, error), before the delegation above: end ffmpeg too.
      await frames.return(undefined);
    }
  }
  const detailed = await analyzeFramesDetailed(
    all(),
    { fps: probe.fps, width: probe.displayWidth, height: probe.displayHeight },
    options,
  );
  noteFramesAnalysed(detailed.records.length);
  return detailed;
}

/**
 * The decoder skips deblocking on B-frames (decode.ts `skipLoopFilter`): less ffmpeg CPU on x264
 * clips (B-frames are most of their frames), which at 1080p is what the analysis competes with on
 * two cores; the analysis frames move by hundredths of a gray level (src/media/README.md).
 */
export const ANALYSIS_SKIP_LOOP_FILTER = 'bidir';

/** ffprobe (unless `options.probe` is given) and the decode; ffmpeg is started by `next()`. */
async function openFrames(
  file: string,
  options: AnalyzeFileOptions,
  pixels: number,
  onStarted: () => void,
): Promise<{ probe: ProbeInfo; frames: AsyncGenerator<Frame, void, undefined> }> {
  if (options.probe === undefined) {
    // ffmpeg starts alongside ffprobe (their ~60 ms start-ups overlap); same frames as below.
    return probeAndDecodeFrames(file, {
      ...pickMedia(options),
      format: 'gray',
      pixels,
      signal: options.signal,
      // The analysis copies what it keeps (features.ts, the contact-sheet sampler).
      reuseFrameBuffers: true,
      skipLoopFilter: ANALYSIS_SKIP_LOOP_FILTER,
      onStarted,
    });
  }
  // ffmpeg starts on the first `next()`, which the caller asks for as soon as this resolves.
  onStarted();
  const probe = options.probe;
  const size = analysisSize(probe.displayWidth, probe.displayHeight, pixels);
  const frames = decodeFrames(file, {
    ...pickMedia(options),
    format: 'gray',
    width: size.width,
    height: size.height,
    probe,
    signal: options.signal,
    reuseFrameBuffers: true,
    skipLoopFilter: ANALYSIS_SKIP_LOOP_FILTER,
  });
  return { probe, frames };
}

/** Analyses a video file: camera move, cuts, defects, metrics (AnalysisResultSchema). */
export async function analyzeFile(file: string, options: AnalyzeFileOptions = {}): Promise<AnalysisResult> {
  return (await analyzeFileDetailed(file, options)).result;
}

function pickMedia(options: MediaDeps): MediaDeps {
  return {
    ...(options.env ? { env: options.env } : {}),
    ...(options.spawn ? { spawn: options.spawn } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
  };
}

/**
 * @module clipbench — the public library API (named exports only).
 */
export * from './contract/analysis.ts';
export * from './contract/camera-move.ts';
export * from './contract/request.ts';
export { ClipbenchError, type ErrorKind, EXIT_CODES } from './errors/clipbench-error.ts';
export { InputError } from './errors/input-error.ts';
export { NotImplementedError } from './errors/not-implemented-error.ts';
export { redact } from './errors/redact.ts';
export { type DecodeOptions, decodeArgs, decodeFrames, type PixelFormat } from './media/decode.ts';
export { type EncodeOptions, type EncodeResult, encodeArgs, encodeFrames } from './media/encode.ts';
export { type FfmpegRunOptions, renderLavfiClip, runFfmpeg, timeNullDecode } from './media/ffmpeg-run.ts';
export type { Frame, ProbeInfo } from './media/frame.ts';
export { type FrameSizeRequest, targetFrameSize } from './media/frame-size.ts';
export { MediaError, type MediaErrorCode } from './media/media-error.ts';
export { MAX_VIDEO_SIDE_PX, type ProbeOptions, parseProbeJson, probeVideo } from './media/probe.ts';
export type { SpawnFn } from './media/spawn.ts';
export {
  assertMediaCapabilities,
  checkMediaCapabilities,
  findTool,
  type MediaCapabilities,
  type MediaDeps,
  type MediaTools,
  resolveMediaTools,
} from './media/tools.ts';

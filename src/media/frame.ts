/** A decoded video frame at analysis resolution. `data` is row-major, `channels` bytes per pixel. */
export type Frame = {
  /** 0-based index in decode order. */
  index: number;
  /** Presentation time in seconds (from ffmpeg; monotonic, may be irregular for VFR input). */
  timeS: number;
  width: number;
  height: number;
  /** 1 = gray, 3 = rgb24. */
  channels: 1 | 3;
  data: Uint8Array;
};

/** What ffprobe says about a video file. */
export type ProbeInfo = {
  file: string;
  codec: string;
  width: number;
  height: number;
  /** Display size after applying rotation metadata. */
  displayWidth: number;
  displayHeight: number;
  rotationDeg: number;
  fps: number;
  frames: number;
  durationS: number;
  variableFrameRate: boolean;
  hasAudio: boolean;
};

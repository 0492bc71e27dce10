/**
 * Contact sheet: thumbnails sampled evenly over the clip, each with the measured content motion
 * drawn as an arrow (magnified ×8 per frame) and a strip under it (green = clean, red = inside a
 * defect, yellow = at a cut), plus a timeline over the whole clip along the bottom. Rendered into
 * an RGB buffer here (pure), encoded to PNG by src/media/png.ts.
 */
import type { AnalysisResult } from '../contract/analysis.ts';
import type { Frame } from '../media/frame.ts';
import { encodePng } from '../media/png.ts';
import type { MediaDeps } from '../media/tools.ts';
import type { FrameRecord } from './features.ts';

export type Thumbnail = {
  index: number;
  width: number;
  height: number;
  gray: Uint8Array;
  tx: number;
  ty: number;
};

export type ThumbnailSampler = {
  onFrame: (frame: Frame, record: FrameRecord) => void;
  thumbnails: Thumbnail[];
};

/** Keeps `count` frames spread evenly over `expectedFrames` (a few small gray copies at most). */
export function createThumbnailSampler(expectedFrames: number, count = 12): ThumbnailSampler {
  const total = Math.max(1, expectedFrames);
  const wanted = new Set<number>();
  for (let k = 0; k < count; k++) wanted.add(Math.round((k * (total - 1)) / Math.max(1, count - 1)));
  const thumbnails: Thumbnail[] = [];
  return {
    thumbnails,
    onFrame(frame, record) {
      if (!wanted.has(frame.index)) return;
      const gray = new Uint8Array(frame.width * frame.height);
      if (frame.channels === 1) gray.set(frame.data);
      else for (let i = 0, j = 0; i < gray.length; i++, j += 3) gray[i] = frame.data[j + 1] as number;
      thumbnails.push({
        index: frame.index,
        width: frame.width,
        height: frame.height,
        gray,
        tx: record.tx,
        ty: record.ty,
      });
    },
  };
}

type Rgb = [number, number, number];
const GREEN: Rgb = [40, 170, 80];
const RED: Rgb = [220, 40, 40];
const YELLOW: Rgb = [240, 200, 0];
const CYAN: Rgb = [0, 220, 255];

type Canvas = { width: number; height: number; data: Uint8Array };

function fill(c: Canvas, x0: number, y0: number, w: number, h: number, color: Rgb): void {
  for (let y = Math.max(0, y0); y < Math.min(c.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(c.width, x0 + w); x++) {
      const i = (y * c.width + x) * 3;
      c.data[i] = color[0];
      c.data[i + 1] = color[1];
      c.data[i + 2] = color[2];
    }
  }
}

function line(c: Canvas, x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
  for (let s = 0; s <= steps; s++) {
    const x = Math.round(x0 + ((x1 - x0) * s) / steps);
    const y = Math.round(y0 + ((y1 - y0) * s) / steps);
    fill(c, x - 1, y - 1, 2, 2, color);
  }
}

function frameColor(frame: number, result: AnalysisResult): Rgb {
  if (result.cuts.some((cut) => Math.abs(cut.frame - frame) <= 1)) return YELLOW;
  if (result.defects.some((d) => d.code !== 'cut' && frame >= d.start_frame && frame <= d.end_frame))
    return RED;
  return GREEN;
}

/** Lays the thumbnails out in a grid with motion arrows and defect strips. */
export function renderContactSheet(
  thumbnails: readonly Thumbnail[],
  result: AnalysisResult,
  columns = 4,
): Canvas {
  const tw = thumbnails[0]?.width ?? 160;
  const th = thumbnails[0]?.height ?? 90;
  const pad = 4;
  const strip = 6;
  const cols = Math.max(1, Math.min(columns, thumbnails.length));
  const rows = Math.max(1, Math.ceil(thumbnails.length / cols));
  const width = cols * (tw + pad) + pad;
  const height = rows * (th + strip + 2 * pad) + pad + 12;
  const c: Canvas = { width, height, data: new Uint8Array(width * height * 3).fill(24) };
  thumbnails.forEach((t, k) => {
    const ox = pad + (k % cols) * (tw + pad);
    const oy = pad + Math.floor(k / cols) * (th + strip + 2 * pad);
    for (let y = 0; y < Math.min(th, t.height); y++) {
      for (let x = 0; x < Math.min(tw, t.width); x++) {
        const v = t.gray[y * t.width + x] as number;
        const i = ((oy + y) * width + ox + x) * 3;
        c.data[i] = v;
        c.data[i + 1] = v;
        c.data[i + 2] = v;
      }
    }
    const cx = ox + tw / 2;
    const cy = oy + th / 2;
    const ex = cx + t.tx * 8;
    const ey = cy + t.ty * 8;
    line(c, cx, cy, ex, ey, CYAN);
    fill(c, Math.round(ex) - 2, Math.round(ey) - 2, 5, 5, CYAN);
    fill(c, ox, oy + th + 2, tw, strip, frameColor(t.index, result));
  });
  // Timeline: one column per slice of frames along the bottom.
  const frames = Math.max(1, result.video.frames);
  for (let x = 0; x < width - 2 * pad; x++) {
    const frame = Math.floor((x * frames) / (width - 2 * pad));
    fill(c, pad + x, height - 10, 1, 6, frameColor(frame, result));
  }
  return c;
}

/** Renders and writes the contact sheet PNG. */
export async function writeContactSheet(
  file: string,
  thumbnails: readonly Thumbnail[],
  result: AnalysisResult,
  deps: MediaDeps = {},
): Promise<void> {
  const canvas = renderContactSheet(thumbnails, result);
  await encodePng(canvas.data, canvas.width, canvas.height, file, deps);
}

import { decodeFrames } from '../media/decode.ts';
import { probeVideo } from '../media/probe.ts';
import type { MediaDeps } from '../media/tools.ts';
import type { Image } from './image.ts';

/**
 * Decodes the first frame of an image/video file, scaled (aspect kept) to cover `width`×`height`
 * and centre-cropped, as an RGB texture.
 */
export async function loadPhotoTexture(
  file: string,
  width: number,
  height: number,
  deps: MediaDeps = {},
): Promise<Image> {
  const probe = await probeVideo(file, deps);
  const cover = Math.max(width / probe.displayWidth, height / probe.displayHeight);
  const even = (v: number) => Math.ceil(v / 2) * 2;
  const w = Math.max(even(width), even(probe.displayWidth * cover));
  const h = Math.max(even(height), even(probe.displayHeight * cover));
  for await (const frame of decodeFrames(file, {
    ...deps,
    probe,
    format: 'rgb24',
    width: w,
    height: h,
    maxFrames: 1,
  })) {
    const data = new Uint8Array(width * height * 3);
    const x0 = Math.floor((frame.width - width) / 2);
    const y0 = Math.floor((frame.height - height) / 2);
    for (let y = 0; y < height; y += 1) {
      const from = ((y + y0) * frame.width + x0) * 3;
      data.set(frame.data.subarray(from, from + width * 3), y * width * 3);
    }
    return { width, height, channels: 3, data };
  }
  throw new RangeError(`no frame in ${file}`);
}

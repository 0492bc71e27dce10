/**
 * Fallback renditions: a WebM/VP8 copy of a workspace clip, made on first request through
 * src/media and cached inside the media directory (`media/renditions/<key>.webm`). Pages list the
 * original first and this second, so a browser with H.264 never asks for it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { transcodeToWebm } from '../media/transcode.ts';
import { lookupMedia, type MediaLookup } from './media-files.ts';

export const RENDITIONS_DIR = 'renditions';

export type RenditionCache = {
  /** Resolves the WebM rendition of the clip at the encoded media path, transcoding it when missing. */
  webm(encodedTail: string): Promise<MediaLookup>;
};

/** A per-server rendition cache; concurrent requests for one clip share one transcode. */
export function createRenditionCache(mediaDir: string): RenditionCache {
  const inFlight = new Map<string, Promise<void>>();
  return {
    async webm(encodedTail) {
      const original = lookupMedia(mediaDir, encodedTail);
      if (!original.ok) return original;
      if (original.contentType === 'video/webm') return original;
      const info = statSync(original.file);
      const key = createHash('sha256')
        .update(`${original.file}\0${info.size}\0${info.mtimeMs}`)
        .digest('hex')
        .slice(0, 32);
      const dir = join(realpathSync(mediaDir), RENDITIONS_DIR);
      const target = join(dir, `${key}.webm`);
      if (!existsSync(target)) {
        let job = inFlight.get(key);
        if (job === undefined) {
          mkdirSync(dir, { recursive: true });
          job = transcodeToWebm(original.file, target, { timeoutMs: 60_000 }).then(() => undefined);
          inFlight.set(key, job);
          job.finally(() => inFlight.delete(key)).catch(() => {});
        }
        await job;
      }
      return lookupMedia(mediaDir, `${RENDITIONS_DIR}/${key}.webm`);
    },
  };
}

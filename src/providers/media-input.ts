/**
 * Reference media for providers that take URLs in JSON (fal, Replicate): an http(s) URL passes
 * through; a local file becomes a base64 data URI (both providers accept data URIs for file inputs),
 * size-capped so a wrong path to a huge file fails fast instead of uploading it.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors/input-error.ts';

const MIME_BY_EXT: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
};

/** Resolves a request path-or-URL to something a provider can fetch; `field` names it in errors. */
export async function mediaInputUrl(pathOrUrl: string, field: string, maxBytes: number): Promise<string> {
  if (/^https?:\/\//i.test(pathOrUrl) || pathOrUrl.startsWith('data:')) return pathOrUrl;
  const mime = MIME_BY_EXT[extname(pathOrUrl).toLowerCase()];
  if (mime === undefined)
    throw new InputError({
      code: 'unsupported_media_type',
      field,
      file: pathOrUrl,
      message: `Expected a .png, .jpg, .webp, .mp4, .mov or .webm file, got \`${extname(pathOrUrl) || 'no extension'}\``,
    });
  let bytes: number;
  try {
    bytes = (await stat(pathOrUrl)).size;
  } catch (error) {
    throw new InputError({
      code: 'file_not_found',
      field,
      file: pathOrUrl,
      message: 'file not found',
      cause: error,
    });
  }
  if (bytes > maxBytes)
    throw new InputError({
      code: 'file_too_large',
      field,
      file: pathOrUrl,
      message: `file is ${bytes} bytes; the provider accepts at most ${maxBytes}`,
      hint: 'host it at an https URL or shrink it',
    });
  return `data:${mime};base64,${(await readFile(pathOrUrl)).toString('base64')}`;
}

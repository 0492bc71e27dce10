/**
 * Media served to the dashboard: ONLY regular files under the workspace media directory. A request
 * path is refused (400) when it is absolute, holds `..`/`.` segments, backslashes or NUL (even when
 * percent-encoded), or resolves — through symlinks — to anywhere outside the media directory.
 * Range requests are honoured so `<video>` can seek.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';

export type MediaLookup =
  | { ok: true; file: string; bytes: number; contentType: string }
  | { ok: false; status: 400 | 404; code: 'media_path_refused' | 'media_not_found'; message: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

const refused = (message: string): MediaLookup => ({
  ok: false,
  status: 400,
  code: 'media_path_refused',
  message,
});
const missing = (message: string): MediaLookup => ({
  ok: false,
  status: 404,
  code: 'media_not_found',
  message,
});

/** Decodes a still-encoded URL path tail once; malformed escapes are refused rather than guessed. */
function decodeTail(encodedTail: string): string | null {
  try {
    return decodeURIComponent(encodedTail);
  } catch {
    return null;
  }
}

/**
 * Resolves the (still percent-encoded) path after `/media/` to a file inside `mediaDir`.
 * Pure checks first, then the file system (realpath defeats symlinks pointing out).
 */
export function lookupMedia(mediaDir: string, encodedTail: string): MediaLookup {
  const tail = decodeTail(encodedTail);
  if (tail === null) return refused('malformed percent-encoding in the media path');
  if (tail === '' || tail.includes('\0')) return refused('empty or NUL-containing media path');
  if (tail.includes('\\') || tail.startsWith('/') || isAbsolute(tail) || /^[a-z]:/i.test(tail))
    return refused('absolute media paths are refused; media is served only from the workspace');
  const segments = tail.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === ''))
    return refused('`..`, `.` and empty path segments are refused');
  let root: string;
  let real: string;
  try {
    root = realpathSync(mediaDir);
  } catch {
    return missing('the workspace has no media directory');
  }
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    return missing(`no media file ${tail}`);
  }
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    return refused('the media path leads outside the workspace media directory');
  const info = statSync(real);
  if (!info.isFile()) return missing(`${tail} is not a file`);
  const contentType = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { ok: true, file: real, bytes: info.size, contentType };
}

export type ByteRange = { start: number; end: number };

/**
 * Parses a single-range `Range` header (RFC 9110 §14.1.2) against a file of `bytes` length.
 * Returns null when absent or not a bytes range we handle (serve the whole file), `'unsatisfiable'`
 * for a range outside the file (416).
 */
export function parseRange(header: string | undefined, bytes: number): ByteRange | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || bytes === 0) return 'unsatisfiable';
    return { start: Math.max(0, bytes - suffix), end: bytes - 1 };
  }
  const start = Number(from);
  const end = to === '' ? bytes - 1 : Math.min(Number(to), bytes - 1);
  if (start >= bytes || end < start) return 'unsatisfiable';
  return { start, end };
}

/** A streaming Response for a found media file, 206 for a satisfiable Range, 416 otherwise. */
export function mediaResponse(found: Extract<MediaLookup, { ok: true }>, rangeHeader?: string): Response {
  const range = parseRange(rangeHeader, found.bytes);
  const headers: Record<string, string> = {
    'content-type': found.contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (range === 'unsatisfiable')
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'content-range': `bytes */${found.bytes}` },
    });
  const { start, end } = range ?? { start: 0, end: found.bytes - 1 };
  const length = found.bytes === 0 ? 0 : end - start + 1;
  const body =
    length === 0
      ? null
      : (Readable.toWeb(
          createReadStream(found.file, { start, end }),
        ) as unknown as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: range === null ? 200 : 206,
    headers: {
      ...headers,
      'content-length': String(length),
      ...(range === null ? {} : { 'content-range': `bytes ${start}-${end}/${found.bytes}` }),
    },
  });
}

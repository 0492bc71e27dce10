/**
 * Media references (reference videos and images) enter hashes by content, not by path: the same
 * bytes under two paths hash the same, and an edited file changes the hash. URLs cannot be read
 * offline, so they enter by their text. A value already of the form `sha256:<hex>` is kept, which
 * makes canonicalisation idempotent.
 */

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors/input-error.ts';

/** Resolves a media reference written in a document to its content id (`sha256:<hex>` or the URL). */
export type MediaHasher = (ref: string, field: string) => string;

const CONTENT_ID = /^sha256:[0-9a-f]{64}$/;

/** True for `https://…`, `s3://…` and other URL schemes (as opposed to file paths). */
export function isUrl(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);
}

/** True when the reference is already a content id. */
export function isContentId(ref: string): boolean {
  return CONTENT_ID.test(ref);
}

/** sha256 of a file's bytes as `sha256:<hex>`, read in 1 MiB chunks so large clips do not fill memory. */
export function contentHashOfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let read = readSync(fd, buffer, 0, buffer.length, null);
    while (read > 0) {
      hash.update(buffer.subarray(0, read));
      read = readSync(fd, buffer, 0, buffer.length, null);
    }
  } finally {
    closeSync(fd);
  }
  return `sha256:${hash.digest('hex')}`;
}

/** A hasher that reads files relative to `baseDir`, caching by absolute path. */
export function fileMediaHasher(baseDir: string, options: { file?: string | undefined } = {}): MediaHasher {
  const cache = new Map<string, string>();
  return (ref, field) => {
    if (isContentId(ref) || isUrl(ref)) return ref;
    const absolute = isAbsolute(ref) ? ref : resolve(baseDir, ref);
    const cached = cache.get(absolute);
    if (cached) return cached;
    let isFile = false;
    try {
      isFile = statSync(absolute).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      throw new InputError({
        code: 'media_not_found',
        message: `media file not found: ${ref} (looked at ${absolute})`,
        field,
        file: options.file,
        hint: 'paths are relative to the file that names them; use a URL for remote media',
      });
    }
    const id = contentHashOfFile(absolute);
    cache.set(absolute, id);
    return id;
  };
}

/** A hasher for pure code and tests: maps references through a table, failing on unknown ones. */
export function tableMediaHasher(table: Readonly<Record<string, string>>): MediaHasher {
  return (ref, field) => {
    if (isContentId(ref) || isUrl(ref)) return ref;
    const id = table[ref];
    if (id === undefined) {
      throw new InputError({ code: 'media_not_found', message: `unknown media reference: ${ref}`, field });
    }
    return id;
  };
}

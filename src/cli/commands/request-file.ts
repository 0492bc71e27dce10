/**
 * Shared by validate / hash / diff: read a request file, validate it, resolve its camera intent,
 * and compute its canonical form (media by content, relative to the file's folder).
 */
import { requestCameraMove } from '../../camera/request-move.ts';
import type { StructuredMove } from '../../contract/camera-move.ts';
import { canonicalHash } from '../../contract/canonical.ts';
import { loadDocument } from '../../contract/load.ts';
import { fileMediaHasher } from '../../contract/media-hash.ts';
import { canonicalRequest, parseRequest } from '../../contract/normalise.ts';
import type { VideoRequest } from '../../contract/request.ts';

export type CheckedRequest = {
  file: string;
  request: VideoRequest;
  canonical: VideoRequest;
  hash: string;
  camera: StructuredMove;
};

/** Loads and fully checks a request file (schema, skeleton, camera phrase, media files). */
export function checkRequestFile(path: string, cwd: string): CheckedRequest {
  const doc = loadDocument(path, cwd);
  return checkRequestData(doc.data, path, doc.dir);
}

/** Checks already-parsed request data that came from `path` (media resolved against `dir`). */
export function checkRequestData(data: Record<string, unknown>, path: string, dir: string): CheckedRequest {
  const request = parseRequest(data, { file: path });
  const camera = requestCameraMove(request, path);
  const canonical = canonicalRequest(request, fileMediaHasher(dir, { file: path }));
  return { file: path, request, canonical, hash: canonicalHash(canonical), camera };
}

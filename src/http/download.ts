/**
 * @module http/download — fetch a result file into a content-addressed directory: streamed to a
 * temp file while hashing, size-capped, then renamed to `<sha256>.<ext>` (atomic on one file
 * system), so a crash never leaves a half file under a final name. 403/404/410 from a result URL
 * means the provider already deleted it → ResultExpiredError.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errorFromStatus, MalformedResponseError, type ProviderError, ResultExpiredError } from './errors.ts';
import { type FetchLike, transportError } from './request.ts';

export type DownloadOptions = {
  provider: string;
  fetch: FetchLike;
  url: string;
  dir: string;
  /** @default 512 MiB */
  maxBytes?: number | undefined;
  /** Whole-download budget. @default 600000 */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  requestId?: string | undefined;
};

export type DownloadedFile = { path: string; contentHash: string; bytes: number; contentType: string };

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

function extensionFor(contentType: string, url: string): string {
  const known = EXTENSIONS[contentType.split(';')[0]?.trim() ?? ''];
  if (known !== undefined) return known;
  const fromPath = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1];
  return fromPath?.toLowerCase() ?? 'bin';
}

function httpFailure(options: DownloadOptions, status: number): ProviderError {
  const base = { provider: options.provider, requestId: options.requestId, httpStatus: status };
  if (status === 403 || status === 404 || status === 410)
    return new ResultExpiredError({ ...base, message: `result URL answered HTTP ${status}: file is gone` });
  return errorFromStatus(status, { ...base, message: `result download failed with HTTP ${status}` });
}

/** Downloads `url` into `dir` under its sha256 name. */
export async function downloadToDir(options: DownloadOptions): Promise<DownloadedFile> {
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const timeoutSignal = AbortSignal.timeout(options.timeoutMs ?? 600_000);
  const signal =
    options.signal === undefined ? timeoutSignal : AbortSignal.any([options.signal, timeoutSignal]);
  await mkdir(options.dir, { recursive: true });
  const tmpPath = join(options.dir, `.tmp-${randomUUID()}`);
  try {
    let response: Response;
    try {
      response = await options.fetch(options.url, { method: 'GET', signal });
    } catch (error) {
      throw transportError(options.provider, 'download', error, options.signal, timeoutSignal);
    }
    if (!response.ok || response.body === null) throw httpFailure(options, response.status);
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    const hash = createHash('sha256');
    const out = createWriteStream(tmpPath);
    let bytes = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes)
          throw new MalformedResponseError({
            provider: options.provider,
            requestId: options.requestId,
            message: `result is larger than the ${maxBytes}-byte cap`,
          });
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    } catch (error) {
      if (error instanceof MalformedResponseError) throw error;
      throw transportError(options.provider, 'download', error, options.signal, timeoutSignal);
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    }
    if (bytes === 0)
      throw new MalformedResponseError({
        provider: options.provider,
        requestId: options.requestId,
        message: 'result download returned an empty body',
      });
    const contentHash = hash.digest('hex');
    const path = join(options.dir, `${contentHash}.${extensionFor(contentType, options.url)}`);
    await rename(tmpPath, path);
    return { path, contentHash, bytes: (await stat(path)).size, contentType };
  } finally {
    await rm(tmpPath, { force: true });
  }
}

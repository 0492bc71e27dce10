import { ClipbenchError, type ErrorKind } from '../errors/clipbench-error.ts';

/**
 * Stable codes for media failures. `media_decode_failed`, `media_unsupported` and `media_not_found`
 * are about the user's file (kind input, exit 2); `media_tool_missing`, `media_timeout` and
 * `media_tool_failed` are about this machine (kind runtime, exit 3).
 */
export type MediaErrorCode =
  | 'media_decode_failed'
  | 'media_unsupported'
  | 'media_not_found'
  | 'media_tool_missing'
  | 'media_timeout'
  | 'media_tool_failed'
  | 'media_bad_argument';

const KIND: Record<MediaErrorCode, ErrorKind> = {
  media_decode_failed: 'input',
  media_unsupported: 'input',
  media_not_found: 'input',
  media_bad_argument: 'input',
  media_tool_missing: 'runtime',
  media_timeout: 'runtime',
  media_tool_failed: 'runtime',
};

/** One media error class; `reason` keeps ffmpeg's own words (last stderr lines) for the user. */
export class MediaError extends ClipbenchError {
  override readonly name = 'MediaError';
  override readonly code: MediaErrorCode;
  /** ffmpeg/ffprobe's own explanation (trimmed stderr), when there is one. */
  readonly reason: string | undefined;

  constructor(options: {
    code: MediaErrorCode;
    message: string;
    file?: string | undefined;
    hint?: string | undefined;
    reason?: string | undefined;
    cause?: unknown;
  }) {
    const reason = options.reason?.trim() || undefined;
    super({
      code: options.code,
      kind: KIND[options.code],
      message: reason === undefined ? options.message : `${options.message}: ${reason}`,
      hint: options.hint,
      file: options.file,
      cause: options.cause,
    });
    this.code = options.code;
    this.reason = reason;
  }
}

/** Keeps the last few meaningful stderr lines: ffmpeg puts the actual reason at the end. */
export function stderrReason(stderr: string, maxLines = 4): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('frame=') && !line.startsWith('size='));
  return lines.slice(-maxLines).join(' | ').slice(0, 600);
}

/**
 * @module media/early-decode — an ffmpeg started before anyone reads it (see probe-and-decode.ts).
 */
import type { ChildProcess } from 'node:child_process';

/**
 * An ffmpeg started before its consumer. Its output and exit are recorded from the start: node
 * drains (discards) the pipes of a child that exits while nobody listens, and a short clip can
 * finish before ffprobe does.
 */
export type EarlyDecode = {
  child: ChildProcess;
  stdout: Buffer[];
  stderr: string;
  closed: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  failed: boolean;
  /** Removes the recording listeners; `watchDecode` attaches its own in the same tick. */
  detach: () => void;
};

/** Output held for an early ffmpeg before its stdout is paused (a few dozen analysis frames). */
const EARLY_BUFFER_BYTES = 4 * 1024 * 1024;

export function recordEarly(child: ChildProcess): EarlyDecode {
  let bytes = 0;
  const early: EarlyDecode = {
    child,
    stdout: [],
    stderr: '',
    closed: undefined,
    failed: false,
    detach: () => {},
  };
  const onOut = (chunk: Buffer): void => {
    early.stdout.push(chunk);
    bytes += chunk.length;
    if (bytes >= EARLY_BUFFER_BYTES) child.stdout?.pause();
  };
  const onErr = (chunk: Buffer): void => {
    early.stderr = (early.stderr + chunk.toString('utf8')).slice(-16_384);
  };
  const onError = (): void => {
    early.failed = true;
  };
  const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
    early.closed = { code, signal };
  };
  child.stdout?.on('data', onOut);
  child.stderr?.on('data', onErr);
  child.on('error', onError);
  child.on('close', onClose);
  early.detach = () => {
    child.stdout?.off('data', onOut);
    child.stderr?.off('data', onErr);
    child.off('close', onClose);
  };
  return early;
}

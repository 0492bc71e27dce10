import { type ChildProcess, spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { MediaError } from './media-error.ts';

/** The subset of `child_process.spawn` media needs; inject a different one in tests. */
export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const defaultSpawn: SpawnFn = (command, args, options) => nodeSpawn(command, args, options);

export type RunResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

export type RunOptions = {
  spawn?: SpawnFn | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Keep at most this many bytes of stdout (ffprobe JSON is small; `-encoders` lists are not huge). */
  maxStdoutBytes?: number | undefined;
};

/**
 * Runs a tool to completion, collecting stdout/stderr, killing it on timeout or abort so that no
 * caller can hang on a stuck ffmpeg. Resolves with the exit status; the caller decides what failed.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const spawn = options.spawn ?? defaultSpawn;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxStdout = options.maxStdoutBytes ?? 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    let child: ChildProcess;
    try {
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(spawnError(command, error));
      return;
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() =>
        reject(
          new MediaError({
            code: 'media_timeout',
            message: `${command} did not finish within ${timeoutMs} ms`,
            hint: 'the file may be huge or the tool stuck; raise timeoutMs if this is expected',
          }),
        ),
      );
    }, timeoutMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(() => reject(options.signal?.reason));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (outBytes < maxStdout) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-16_384);
    });
    child.on('error', (error) => finish(() => reject(spawnError(command, error))));
    child.on('close', (code, signal) =>
      finish(() => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr })),
    );
  });
}

/** ENOENT from spawn means the binary is missing; anything else is still a runtime problem. */
export function spawnError(command: string, error: unknown): MediaError {
  const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return new MediaError({
    code: missing ? 'media_tool_missing' : 'media_tool_failed',
    message: missing ? `${command} was not found` : `could not start ${command}`,
    hint: 'install ffmpeg (apt-get install ffmpeg) or set CLIPBENCH_FFMPEG / CLIPBENCH_FFPROBE',
    cause: error,
  });
}

/**
 * Many files at once for `analyze` and `gate`: glob expansion (an existing path is taken as-is,
 * even with glob characters in its name) and a bounded-concurrency run that keeps per-file errors
 * instead of failing the whole batch.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import PQueue from 'p-queue';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors/input-error.ts';

/** Expands paths and globs (relative to `cwd`) into a de-duplicated list of absolute file paths. */
export async function expandInputs(patterns: readonly string[], cwd: string): Promise<string[]> {
  if (patterns.length === 0) {
    throw new InputError({
      code: 'usage',
      message: 'no video given',
      hint: 'pass one or more files or globs',
    });
  }
  const out: string[] = [];
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
    if (exists(absolute) || !isDynamicPattern(pattern)) {
      out.push(absolute);
      continue;
    }
    const matches = await glob([pattern], { cwd, absolute: true, onlyFiles: true });
    if (matches.length === 0) {
      throw new InputError({
        code: 'no_match',
        message: `no file matches ${pattern}`,
        file: pattern,
        hint: 'check the glob',
      });
    }
    out.push(...matches.sort());
  }
  return [...new Set(out)];
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export type BatchItem<T> = { file: string; ok: true; value: T } | { file: string; ok: false; error: unknown };

/** Runs `work` over `files`, `concurrency` at a time, in input order; errors are kept per file. */
export async function runBatch<T>(
  files: readonly string[],
  work: (file: string) => Promise<T>,
  options: { concurrency?: number; onDone?: (item: BatchItem<T>) => void } = {},
): Promise<Array<BatchItem<T>>> {
  const queue = new PQueue({ concurrency: options.concurrency ?? 2 });
  const items = await Promise.all(
    files.map((file) =>
      queue.add(async (): Promise<BatchItem<T>> => {
        let item: BatchItem<T>;
        try {
          item = { file, ok: true, value: await work(file) };
        } catch (error) {
          item = { file, ok: false, error };
        }
        options.onDone?.(item);
        return item;
      }),
    ),
  );
  return items as Array<BatchItem<T>>;
}

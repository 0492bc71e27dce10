import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderLavfiClip } from './ffmpeg-run.ts';

/**
 * Test support: a temp dir plus tiny lavfi clips. Lives in media because only media spawns ffmpeg.
 * Not part of the public API.
 */
export type FixtureDir = {
  dir: string;
  path: (name: string) => string;
  clip: (name: string, video: string, extra?: { audio?: string; outputArgs?: string[] }) => Promise<string>;
  remove: () => Promise<void>;
};

export async function makeFixtureDir(prefix: string): Promise<FixtureDir> {
  const base = join(tmpdir(), 'clipbench-tests');
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, `${prefix}-`));
  return {
    dir,
    path: (name) => join(dir, name),
    clip: async (name, video, extra = {}) => {
      const file = join(dir, name);
      await renderLavfiClip(file, { video, audio: extra.audio, outputArgs: extra.outputArgs });
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

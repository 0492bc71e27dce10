import type { ChildProcess } from 'node:child_process';
import { spawn as nodeSpawn } from 'node:child_process';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureDir, makeFixtureDir } from '../media/test-fixtures.ts';
import { analyzeFileDetailed } from './analyze.ts';

describe('analyzeFileDetailed (warm-up wiring)', () => {
  let fx: FixtureDir;
  beforeAll(async () => {
    fx = await makeFixtureDir('analyze-file');
  });
  afterAll(async () => {
    await fx.remove();
  });

  it('gives the same records with and without the warm-up', async () => {
    const file = await fx.clip('pan.mp4', 'testsrc2=size=320x180:rate=24:duration=1.5');
    const warm = await analyzeFileDetailed(file);
    const cold = await analyzeFileDetailed(file, { warmUp: false });
    expect(warm).toEqual(cold);
    expect(warm.records.length).toBe(36);
  });

  it('ends ffmpeg when the analysis stops at the first frame', async () => {
    const file = await fx.clip('long.mp4', 'testsrc2=size=320x180:rate=24:duration=20');
    const children: ChildProcess[] = [];
    const error = await analyzeFileDetailed(file, {
      spawn: (command, args, options) => {
        const child = nodeSpawn(command, args, options);
        if (basename(command).startsWith('ffmpeg')) children.push(child);
        return child;
      },
      onFrame: () => {
        throw new Error('stop at the first frame');
      },
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('stop at the first frame');
    const ffmpeg = children[0];
    expect(ffmpeg).toBeDefined();
    // Killed, not left blocked on its full pipe (a 20 s clip is far from decoded by now).
    const ended = await new Promise<boolean>((resolve) => {
      if (ffmpeg?.exitCode !== null || ffmpeg.signalCode !== null) resolve(true);
      ffmpeg?.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 5000);
    });
    expect(ended).toBe(true);
    expect(ffmpeg?.signalCode).toBe('SIGKILL');
  });
});

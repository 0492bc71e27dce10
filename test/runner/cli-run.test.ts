import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import type { FakeController } from '../../src/fakes/fake-controller.ts';
import { renderSynthClip } from '../../src/synth/render.ts';
import { KLING_BASE, klingFake, openStoreAt, tempDir, writeExperiment } from './helpers.ts';

const BIN = resolve(import.meta.dirname, '../../bin/clipbench.js');
const SWEEP = {
  base: KLING_BASE,
  vary: { path: 'motion.motion_score', values: [1, 2, 3] },
  providers: ['kling'],
  seeds: [0, 1],
};

async function cli(dir: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const ctx = memoryContext({ cwd: dir, env });
  const code = await main(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

function runCount(dir: string): number {
  const store = openStoreAt(dir);
  const n = store.experiments.list().length;
  store.close();
  return n;
}

describe('clipbench run: bad input costs nothing', () => {
  it('an unknown provider is exit 2 with the known ids, nothing journaled', async () => {
    const dir = tempDir('cli-unknown');
    const file = writeExperiment(dir, { ...SWEEP, providers: ['klingg'] });
    const r = await cli(dir, ['run', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown_provider');
    expect(r.err).toContain('known providers');
    expect(runCount(dir)).toBe(0);
  });

  it('a real provider without keys is exit 2 naming the setting, nothing submitted', async () => {
    const dir = tempDir('cli-keys');
    const r = await cli(dir, ['run', writeExperiment(dir, SWEEP)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('KLING_ACCESS_KEY');
    expect(r.err).toContain('hint:');
    expect(runCount(dir)).toBe(0);
  });

  it('a budget of 0 is exit 2, from the flag or the file', async () => {
    const dir = tempDir('cli-budget');
    const file = writeExperiment(dir, { ...SWEEP, providers: ['simulator'] });
    expect((await cli(dir, ['run', file, '--budget', '0'])).err).toContain('invalid_budget');
    const zero = writeExperiment(dir, { ...SWEEP, providers: ['simulator'], budget_usd: 0 }, 'zero.yaml');
    const r = await cli(dir, ['run', zero]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('budget_usd');
    expect(runCount(dir)).toBe(0);
  });

  it('an unreadable reference video is exit 2 naming the file', async () => {
    const dir = tempDir('cli-ref');
    writeFileSync(join(dir, 'broken.mp4'), 'not a video at all');
    const file = writeExperiment(dir, { ...SWEEP, providers: ['simulator'], references: ['broken.mp4'] });
    const r = await cli(dir, ['run', file, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error).toMatchObject({
      code: 'reference_unreadable',
      field: 'motion_source.reference_video',
    });
    expect(runCount(dir)).toBe(0);
  });

  it('a corrupt database is exit 3 (store_corrupt) with a hint, and the file is left alone', async () => {
    const dir = tempDir('cli-corrupt');
    const file = writeExperiment(dir, { ...SWEEP, providers: ['simulator'] });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, '.clipbench'), { recursive: true });
    writeFileSync(join(dir, '.clipbench', 'clipbench.db'), 'garbage '.repeat(600));
    const r = await cli(dir, ['run', file]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('store_corrupt');
    expect(r.err).toContain('move it aside');
  });

  it('a database locked by another writer is exit 3 (store_locked)', async () => {
    const dir = tempDir('cli-locked');
    const file = writeExperiment(dir, { ...SWEEP, providers: ['simulator'] });
    openStoreAt(dir).close();
    const holder = new Database(join(dir, '.clipbench', 'clipbench.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const r = await cli(dir, ['run', file]);
      expect(r.code).toBe(3);
      expect(r.err).toContain('store_locked');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(runCount(dir)).toBe(0);
  }, 20_000);
});

describe('clipbench run: kill -9 mid-run, then re-run', () => {
  let fake: FakeController;
  beforeAll(async () => {
    const dir = tempDir('clip');
    const clip = join(dir, 'result.mp4');
    await renderSynthClip(
      { seed: 3, width: 160, height: 90, fps: 12, durationS: 1, camera: { move: 'static' } },
      clip,
    );
    fake = await klingFake({ resultFile: clip, stageMs: 30 });
  });
  afterAll(async () => fake.stop());

  it('submits no job twice and loses no result', async () => {
    const dir = tempDir('cli-kill');
    const file = writeExperiment(dir, SWEEP);
    const env = { ...process.env, ...fake.config, CLIPBENCH_HOME: join(dir, 'ws') };
    const args = [BIN, 'run', file, '--poll-ms', '10', '--concurrency', '2'];
    const killed = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let seen = '';
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('[2/')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => done(signal === 'SIGKILL' ? 9 : null));
    });
    expect(killed).toBe(9);
    const before = fake.counters().tasksCreated;
    expect(before).toBeGreaterThanOrEqual(2);
    const rerun = await new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, [...args, '--json'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('exit', (code) => done({ code, out }));
    });
    expect(rerun.code).toBe(0);
    const json = JSON.parse(rerun.out);
    expect(json.resumed).toBe(true);
    expect(json.status).toBe('completed');
    expect(json.summary.judged).toBe(6);
    expect(fake.counters().tasksCreated).toBe(6);
  }, 60_000);
});

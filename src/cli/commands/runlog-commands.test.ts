import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedRun } from '../../../test/helpers/seed-run.ts';
import { openStore } from '../../store/store.ts';
import { memoryContext } from '../context.ts';
import { main } from '../main.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace under a temp cwd holding one seeded run (with real media files for two clips). */
function workspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'clipbench-cli-'));
  dirs.push(cwd);
  const root = join(cwd, '.clipbench');
  const store = openStore({ path: join(root, 'clipbench.db') });
  const seeded = seedRun(store);
  const clips = store.views.runView(seeded.runId).jobs.flatMap((j) => (j.clip === null ? [] : [j.clip.path]));
  store.close();
  mkdirSync(join(root, 'media'), { recursive: true });
  for (const path of clips.slice(0, 2)) writeFileSync(join(root, path), Buffer.from('fake mp4 bytes'));
  return { cwd, root, ...seeded };
}

async function run(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const ctx = memoryContext({ cwd, env });
  const code = await main(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe('clipbench review', () => {
  it('stores a human verdict that becomes the effective verdict', async () => {
    const { cwd, jobIds } = workspace();
    const id = String(jobIds[0]);
    const res = await run(cwd, ['review', id, '--verdict', 'fail', '--note', 'logo warps', '--json']);
    expect(res.code).toBe(0);
    const body = JSON.parse(res.out) as {
      effective: string;
      automatic: string;
      previous: { source: string };
    };
    expect(body).toMatchObject({ effective: 'fail', automatic: 'pass', previous: { source: 'auto' } });
    const show = JSON.parse((await run(cwd, ['runs', 'show', 'latest', '--json'])).out) as {
      jobs: { id: number; verdict: string; verdict_source: string }[];
    };
    expect(show.jobs.find((j) => String(j.id) === id)).toMatchObject({
      verdict: 'fail',
      verdict_source: 'human',
    });
  });

  it('rejects a bad verdict (exit 2) and an unknown job (exit 2) with one clear message', async () => {
    const { cwd, jobIds } = workspace();
    const bad = await run(cwd, ['review', String(jobIds[0]), '--verdict', 'meh']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('invalid_verdict');
    const missing = await run(cwd, ['review', '9999', '--verdict', 'pass']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('store_not_found');
  });

  it('reports a corrupt database as store_corrupt (exit 3)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clipbench-cli-'));
    dirs.push(cwd);
    mkdirSync(join(cwd, 'ws'));
    writeFileSync(join(cwd, 'ws', 'clipbench.db'), 'garbage '.repeat(1000));
    const res = await run(cwd, ['runs', 'list'], { CLIPBENCH_HOME: join(cwd, 'ws') });
    expect(res.code).toBe(3);
    expect(res.err).toContain('store_corrupt');
    expect(res.err).toContain('hint:');
  });
});

describe('clipbench report / runs / stats', () => {
  it('writes a self-contained HTML report with relative clip links, and other formats to stdout', async () => {
    const { cwd, root } = workspace();
    const res = await run(cwd, [
      'report',
      'latest',
      '--format',
      'html',
      '--out',
      'out/report.html',
      '--json',
    ]);
    expect(res.code).toBe(0);
    const html = readFileSync(join(cwd, 'out', 'report.html'), 'utf8');
    expect(html).toContain('SIMULATED');
    expect(html.match(/<video src="\.\.\/\.clipbench\/media\//g)).toHaveLength(2); // only clips that exist
    const embedded = await run(cwd, [
      'report',
      'latest',
      '--out',
      join(root, '..', 'r2.html'),
      '--embed-media',
    ]);
    expect(embedded.code).toBe(0);
    expect(readFileSync(join(cwd, 'r2.html'), 'utf8')).toContain('src="data:video/mp4;base64,');
    const junit = await run(cwd, ['report', 'latest', '--format', 'junit']);
    expect(junit.out).toContain('<testsuites name="clipbench" tests="12" failures="4"');
    const md = await run(cwd, ['report', 'latest']);
    expect(md.out).toContain('recommended approved range: 2–6');
  });

  it('lists and shows runs, and prints weekly stats', async () => {
    const { cwd, runId } = workspace();
    const list = JSON.parse((await run(cwd, ['runs', 'list', '--json'])).out) as {
      runs: { id: string; usable: number }[];
    };
    expect(list.runs).toEqual([expect.objectContaining({ id: runId, usable: 8, jobs: 12 })]);
    const text = await run(cwd, ['runs', 'show', runId]);
    expect(text.out).toContain('SIMULATED');
    expect(text.out).toContain('edit: trim frames 0–5: flicker');
    const stats = JSON.parse((await run(cwd, ['stats', '--json'])).out) as {
      weekly: { usable_rate: number }[];
    };
    expect(stats.weekly[0]?.usable_rate).toBeCloseTo(8 / 11);
    const statsText = await run(cwd, ['stats']);
    expect(statsText.out).toContain('product@1');
  });

  it('says clearly when there is no workspace yet', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clipbench-cli-'));
    dirs.push(cwd);
    const res = await run(cwd, ['report', 'latest']);
    expect(res.code).toBe(2);
    expect(res.err).toContain('no clipbench workspace');
  });
});

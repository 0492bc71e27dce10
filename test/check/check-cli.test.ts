/**
 * `clipbench check` end to end on the real simulator, analyser, judge and SQLite store: the shipped
 * example passes; after approving its run, a variant whose sweep sits past the simulator's sweet spot
 * fails with JUnit evidence; the preset lifecycle (diff, retire) and bad input behave. The tests
 * share one workspace and run in order (clips are reused, so only ~10 clips are ever rendered).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const example = join(repo, 'examples/ci/clipbench.check.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'clipbench-check-'));
const home = join(tmp, 'ws');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const ctx = memoryContext({ cwd: options.cwd ?? repo, env: { CLIPBENCH_HOME: home, ...options.env } });
  const code = await main(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** A project dir with a variant preset (presets/product-fast.yaml = product@2) whose sweep sits past the sweet spot (3). */
function variantProject(): { dir: string; config: string } {
  const dir = join(tmp, 'variant');
  rmSync(dir, { recursive: true, force: true });
  const presetFile = join(dir, 'presets', 'product-fast.yaml');
  const config = join(dir, 'clipbench.check.yaml');
  const text = readFileSync(example, 'utf8')
    .replace(/^preset: product$/m, 'preset: product@2')
    .replace('files:\n', 'files:\n  - presets/product-fast.yaml\n')
    .replaceAll('../../presets/', `${repo}/presets/`)
    .replaceAll('../', `${repo}/examples/`);
  mkdirSync(join(dir, 'presets'), { recursive: true });
  writeFileSync(
    presetFile,
    [
      'id: product',
      'version: 2',
      'status: draft',
      'extends: product@1',
      'motion_score: { min: 4.5, max: 7.5 }',
      'sweep: { baseline: 4.5, mid: 6, stress: 7.5, max_increment: 1.5 }',
      '',
    ].join('\n'),
  );
  writeFileSync(config, text);
  return { dir, config };
}

const mkdirSync_ = (dir: string) => mkdirSync(dir, { recursive: true });

let firstRun = '';

describe('clipbench check (simulator, real analysis, real store)', () => {
  it('passes on the shipped example; with no approved version the regression is a visible skip with the approve command', async () => {
    const junit = join(tmp, 'first.xml');
    const res = await cli(['check', example, '--junit', junit]);
    expect(res.err).not.toContain('error [');
    expect(res.code).toBe(0);
    expect(res.out).toContain('SIMULATED');
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('failures="0" errors="0" skipped="1"');
    const run = /clipbench presets approve product --from (run-[\w-]+)/.exec(xml);
    expect(run).not.toBeNull();
    firstRun = run?.[1] ?? '';
    expect(xml).toMatch(/<skipped message="skipped: no approved baseline for product/);
  });

  it('approves the run as product@1 with evidence, then the unchanged check passes the regression (clips reused)', async () => {
    const approved = await cli(['presets', 'approve', 'product', '--from', firstRun, '--json']);
    expect(approved.code).toBe(0);
    const record = JSON.parse(approved.out).approved;
    expect(record).toMatchObject({ preset_id: 'product', version: 1, run_id: firstRun });
    expect(record.range_max).toBeGreaterThanOrEqual(record.range_min);
    expect(record.evidence.run.by_motion_score.length).toBe(3);
    const again = await cli(['presets', 'approve', 'product', '--from', firstRun]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already approved');

    const res = await cli(['check', example, '--json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out);
    expect(report.checks.map((c: { status: string }) => c.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    const sweep = report.checks.find((c: { name: string }) => c.name === 'sweep');
    expect(sweep.evidence[0]).toMatch(/0 generated, 6 reused/);
  });

  it('FAILS a regressed preset (sweep past the sweet spot): exit 1, JUnit failure with evidence, GitHub annotations', async () => {
    const { dir, config } = variantProject();
    const junit = join(dir, 'report.xml');
    const res = await cli(['check', config, '--junit', junit], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(res.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    const regression = /<testcase[^>]*\(regression\)[\s\S]*?<\/testcase>/.exec(xml)?.[0] ?? '';
    expect(regression).toContain('<failure message="usable_rate');
    expect(regression).toMatch(/baseline product@1 \(approved [^)]*run run-[\w-]+\) vs candidate product@2/);
    expect(regression).toMatch(
      /usable_rate: \d+\.\d% → \d+\.\d% \(drop \d+\.\d pts &gt; tolerance 5\.0 pts\) REGRESSED/,
    );
    expect(res.out).toMatch(/^::error title=clipbench check%3A regression vs last approved::usable_rate/m);
  });

  it('diffs and retires versions; a retired version is refused for new runs, naming the replacement', async () => {
    const { dir, config } = variantProject();
    const diff = await cli(['presets', 'diff', 'product@1', 'product@2', '--json'], { cwd: dir });
    expect(diff.code).toBe(0);
    const changes = JSON.parse(diff.out).changes.map((c: { path: string }) => c.path);
    expect(changes).toEqual(
      expect.arrayContaining(['sweep.baseline', 'sweep.mid', 'sweep.stress', 'motion_score.min']),
    );

    const noTty = await cli(['presets', 'retire', 'product@2'], { cwd: dir });
    expect(noTty.code).toBe(2);
    expect(noTty.err).toContain('--yes');

    // By usage statistics: this week product@2 had 0% usable, product@1 well above 60%.
    const retired = await cli(
      ['presets', 'retire', 'product', '--below', '0.6', '--weeks', '1', '--yes', '--json'],
      { cwd: dir },
    );
    expect(retired.code).toBe(0);
    expect(JSON.parse(retired.out).retired).toEqual([
      expect.objectContaining({ ref: 'product@2', replacement: 'product@1' }),
    ]);
    const refused = await cli(['check', config], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /preset product@2 is retired \(usable rate under 60%.*\); use product@1 instead/,
    );
    writeFileSync(
      join(dir, 'exp.yaml'),
      `preset: product@2\nthree_pass: true\nreferences: [${repo}/examples/media/ref-a.mp4]\n`,
    );
    const run = await cli(['run', 'exp.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.err).toContain('preset product@2 is retired');
    const list = await cli(['presets', 'list', '--json'], { cwd: dir });
    const statuses = Object.fromEntries(
      JSON.parse(list.out).presets.map((p: { ref: string; status: string }) => [p.ref, p.status]),
    );
    expect(statuses).toMatchObject({ 'product@1': 'approved', 'product@2': 'retired' });
  });
});

describe('clipbench check: bad input', () => {
  it('a config naming a missing file is a config error (exit 2) and still writes a JUnit error', async () => {
    const dir = join(tmp, 'bad');
    mkdirSync_(dir);
    writeFileSync(join(dir, 'c.yaml'), 'preset: product\nfiles: [nope/request.yaml]\n');
    const junit = join(dir, 'r.xml');
    const res = await cli(['check', 'c.yaml', '--junit', junit], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.err).toContain('error [file_not_found] c.yaml: files[0]: `nope/request.yaml` does not exist');
    expect(readFileSync(junit, 'utf8')).toContain('<error message="[file_not_found]');
  });

  it('no config in the directory: says how to create one', async () => {
    const res = await cli(['check'], { cwd: tmp });
    expect(res.code).toBe(2);
    expect(res.err).toContain('examples/ci/clipbench.check.yaml');
  });

  it('an invalid request fails the schema check with file and line (exit 1); nothing is generated', async () => {
    const dir = join(tmp, 'invalid');
    mkdirSync_(dir);
    writeFileSync(join(dir, 'req.yaml'), 'identity:\n  prompt: a cat\nmotion:\n  motion_score: 14\n');
    writeFileSync(join(dir, 'c.yaml'), 'preset: product\nfiles: [req.yaml]\n');
    const res = await cli(['check', 'c.yaml', '--json'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report.checks[0]).toMatchObject({ name: 'schema', status: 'failed' });
    expect(report.checks[0].evidence.join('\n')).toContain('req.yaml:4 motion.motion_score');
    expect(report.checks.slice(2).map((c: { status: string }) => c.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(report.runId).toBeNull();
    expect(res.err).toMatch(
      /^::error file=req\.yaml,line=4,title=clipbench check%3A schema validation::motion\.motion_score/m,
    );
  });

  it('an unknown preset or provider in the config is a config error (exit 2)', async () => {
    const dir = join(tmp, 'unknown');
    mkdirSync_(dir);
    writeFileSync(join(dir, 'c.yaml'), 'preset: nosuch\n');
    const preset = await cli(['check', 'c.yaml'], { cwd: dir });
    expect(preset.code).toBe(2);
    expect(preset.err).toContain('unknown preset `nosuch`');
    writeFileSync(
      join(dir, 'c.yaml'),
      `preset: product\nprovider: nosuch\nreferences: [${repo}/examples/media/ref-a.mp4]\n`,
    );
    const provider = await cli(['check', 'c.yaml'], { cwd: dir });
    expect(provider.code).toBe(2);
    expect(provider.err).toContain('unknown provider');
  });

  it('the sweep stops at the budget: the sweep fails with the reason, the regression is skipped, nothing past the cap', async () => {
    const res = await cli(['check', example, '--budget', '0.1', '--json'], {
      env: { CLIPBENCH_HOME: join(tmp, 'budget-ws') },
    });
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    const byName = Object.fromEntries(report.checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.sweep.status).toBe('failed');
    expect(byName.sweep.message).toContain('stopped at the budget');
    expect(byName.regression.status).toBe('skipped');
    expect(report.costUsd).toBeLessThanOrEqual(0.1);
    const bad = await cli(['check', example, '--budget', '-1']);
    expect(bad.code).toBe(2);
  });

  it('a corrupt database is a runtime error (exit 3) naming the file', async () => {
    const dir = join(tmp, 'corrupt');
    mkdirSync_(join(dir, 'ws'));
    writeFileSync(join(dir, 'ws', 'clipbench.db'), 'this is not a sqlite database'.repeat(200));
    const res = await cli(['check', example], { env: { CLIPBENCH_HOME: join(dir, 'ws') } });
    expect(res.code).toBe(3);
    expect(res.err).toContain('store_corrupt');
  });
});

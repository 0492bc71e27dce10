import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../contract/json-schema.ts';
import { memoryContext } from '../context.ts';
import { main } from '../main.ts';

const repo = resolve(import.meta.dirname, '../../..');

async function run(argv: string[], cwd = repo) {
  const ctx = memoryContext({ cwd });
  const code = await main(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

function scratch(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'clipbench-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('validate / hash / diff', () => {
  it('validates the example request and prints it normalised', async () => {
    const r = await run(['validate', 'examples/request.yaml', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.kind).toBe('request');
    expect(body.request.output.fps).toBe(24);
    expect(body.request.identity.prompt).toContain('matte black wireless headphone');
    expect(body.camera).toMatchObject({ move: 'push_in', speed: 'slow', stability: 'locked' });
  });

  it('lists every problem of the invalid example with its path and exits 2', async () => {
    const r = await run(['validate', 'examples/invalid-request.yaml']);
    expect(r.code).toBe(2);
    for (const path of [
      'motion.motion_score',
      'motion.motoin_strength',
      'camera.intent',
      'output.resolution',
    ])
      expect(r.err).toContain(`${path}:`);
    expect(r.err).toContain('did you mean `strength`');
    expect(r.err).not.toContain('    at ');
    const json = await run(['validate', 'examples/invalid-request.yaml', '--json']);
    expect(JSON.parse(json.out).error.problems).toHaveLength(4);
  });

  it('validates every example experiment and builtin preset', async () => {
    for (const name of ['ad', 'dance', 'product', 'narrative']) {
      expect((await run(['validate', `examples/experiments/${name}.yaml`])).code).toBe(0);
      expect((await run(['validate', `presets/${name}.yaml`])).code).toBe(0);
    }
  });

  it('hashes the same request identically across formatting, key order, defaults and media paths', async () => {
    const dir = scratch({
      'a.yaml': 'identity: {prompt: hi}\nmotion_source: {reference_video: clips/one.mp4}\n',
      'b.json':
        '{"output": {"fps": 24, "duration_s": 5}, "motion_source": {"reference_video": "two.mp4", "reference_id": "auto"},\n "identity": {"prompt": "hi"}}',
      'c.yaml':
        'identity: {prompt: hi}\nmotion: {motion_score: 6}\nmotion_source: {reference_video: clips/one.mp4}\n',
      'clips/one.mp4': 'same bytes',
      'two.mp4': 'same bytes',
    });
    const a = JSON.parse((await run(['hash', 'a.yaml', '--json'], dir)).out).hash;
    const b = JSON.parse((await run(['hash', 'b.json', '--json'], dir)).out).hash;
    const c = JSON.parse((await run(['hash', 'c.yaml', '--json'], dir)).out).hash;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const diff = await run(['diff', 'a.yaml', 'c.yaml'], dir);
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('motion.motion_score: 5 → 6');
    expect((await run(['diff', 'a.yaml', 'b.json'], dir)).out).toContain('no differences');
    expect((await run(['diff', 'a.yaml', 'c.yaml', '--exit-code'], dir)).code).toBe(1);
  });

  it('names a missing media file by its field', async () => {
    const dir = scratch({ 'r.yaml': 'identity: {prompt: hi}\nmotion_source: {reference_video: gone.mp4}\n' });
    const r = await run(['hash', 'r.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('motion_source.reference_video');
  });
});

describe('bad input exits 2 with the field or file named and a hint', () => {
  const dir = scratch({
    'ok.yaml': 'identity: {prompt: hi}\n',
    'empty.yaml': '',
    'broken.yaml': 'identity:\n  prompt: [unclosed\n',
    'types.yaml': 'identity: {prompt: 42}\noutput: {fps: "fast"}\n',
    'range.yaml': 'identity: {prompt: hi}\nmotion: {motion_score: -1}\n',
    'camera.yaml': 'identity: {prompt: hi}\ncamera: {intent: "spin wildly"}\n',
    'preset.yaml': 'preset: prodct\nthree_pass: true\nbase: {identity: {subject: s, scene: t}}\n',
    'vary.yaml':
      'preset: ad\nbase: {identity: {subject: s, scene: t}}\nvary: {path: motion.motion_scroe, values: [2, 3]}\n',
    'step.yaml':
      'preset: product\nbase: {identity: {subject: s, scene: t}}\nvary: {path: motion.motion_score, values: [1, 5]}\n',
    'sub/keep.txt': 'x',
  });
  const cases: Array<[string, string[], string]> = [
    ['missing file', ['validate', 'nope.yaml'], 'nope.yaml'],
    ['a directory', ['hash', 'sub'], 'sub'],
    ['an empty file', ['validate', 'empty.yaml'], 'empty.yaml'],
    ['invalid YAML', ['validate', 'broken.yaml'], 'line'],
    ['wrong types', ['validate', 'types.yaml'], 'output.fps'],
    ['out-of-range motion_score', ['validate', 'range.yaml'], 'motion.motion_score'],
    ['unknown camera phrase', ['validate', 'camera.yaml'], 'camera.intent'],
    ['unknown camera phrase (camera)', ['camera', 'spin', 'wildly'], 'closest known phrases'],
    ['unknown preset (plan)', ['plan', 'preset.yaml'], 'did you mean `product`'],
    ['unknown preset (presets show)', ['presets', 'show', 'dnace'], 'did you mean `dance`'],
    ['vary path that does not exist', ['plan', 'vary.yaml'], 'vary.path'],
    ['motion_score step too large', ['plan', 'step.yaml'], '1 → 5'],
    ['diff with a missing side', ['diff', 'ok.yaml', 'nope.yaml'], 'nope.yaml'],
  ];
  it.each(cases)('%s', async (_name, argv, mentions) => {
    const r = await run(argv, dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(mentions);
    expect(r.err).toContain('hint:');
    const json = await run([...argv, '--json'], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error.kind).toBe('input');
  });
});

describe('camera / presets / plan / schema', () => {
  it('parses a camera phrase into the structured move and provider phrasing', async () => {
    const r = await run(['camera', 'gentle pan right', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ move: 'pan_right', speed: 'slow', modifiers: [], stability: null });
    expect(body.providers.kling.camera_control).toEqual({
      type: 'simple',
      config: { horizontal: 0, vertical: 0, pan: 0, tilt: 3, roll: 0, zoom: 0 },
    });
    expect(body.providers.text).toBe('[Slow pan right]');
    expect((await run(['camera', '--list'])).out).toContain('orbit around the subject');
  });

  it('lists and shows presets', async () => {
    const list = JSON.parse((await run(['presets', 'list', '--json'])).out);
    expect(list.presets.map((p: { ref: string }) => p.ref)).toEqual([
      'ad@1',
      'dance@1',
      'narrative@1',
      'product@1',
    ]);
    const show = JSON.parse((await run(['presets', 'show', 'dance@1', '--json'])).out);
    expect(show.sweep).toEqual({ baseline: 4, mid: 6, stress: 8, max_increment: 2 });
    expect(show.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('plans the product three-pass experiment on the simulator with keys and cost', async () => {
    const r = await run(['plan', 'examples/experiments/product.yaml', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.jobs).toHaveLength(3 * 2 * 2); // passes × references × repeats
    expect(new Set(plan.jobs.map((j: { pass: string }) => j.pass))).toEqual(
      new Set(['baseline', 'mid', 'stress']),
    );
    expect(new Set(plan.jobs.map((j: { jobKey: string }) => j.jobKey)).size).toBe(12);
    // The simulator prices its clips (basis `simulated`) so cost accounting is exercised offline.
    expect(plan.jobs.every((j: { costBasis: string }) => j.costBasis === 'simulated')).toBe(true);
    const sum = plan.jobs.reduce((total: number, j: { costUsd: number }) => total + j.costUsd, 0);
    expect(plan.totalCostUsd).toBeGreaterThan(0);
    expect(plan.totalCostUsd).toBeCloseTo(sum, 3);
    expect(plan.overBudget).toBe(false);
    const again = JSON.parse((await run(['plan', 'examples/experiments/product.yaml', '--json'])).out);
    expect(again.jobs.map((j: { jobKey: string }) => j.jobKey)).toEqual(
      plan.jobs.map((j: { jobKey: string }) => j.jobKey),
    );
    const human = await run(['plan', 'examples/experiments/narrative.yaml']);
    expect(human.out).toMatch(/6 jobs, est\. \$[\d.]+ of \$5 budget/);
    expect(human.out).toContain('kling/kling-v2-1');
  });

  it('keeps the job keys the same when the experiment moves to another folder', async () => {
    const dir = scratch();
    cpSync(join(repo, 'examples'), join(dir, 'examples'), { recursive: true });
    const here = JSON.parse((await run(['plan', 'examples/experiments/ad.yaml', '--json'])).out);
    const there = JSON.parse((await run(['plan', 'examples/experiments/ad.yaml', '--json'], dir)).out);
    expect(there.jobs.map((j: { jobKey: string }) => j.jobKey)).toEqual(
      here.jobs.map((j: { jobKey: string }) => j.jobKey),
    );
  });

  it('ships schema files that are current', async () => {
    for (const [name, text] of Object.entries(jsonSchemaFiles())) {
      expect(
        readFileSync(join(repo, 'schema', name), 'utf8'),
        `schema/${name} is stale: run \`clipbench schema\``,
      ).toBe(text);
    }
    expect((await run(['schema', '--check'])).code).toBe(0);
    const dir = scratch();
    expect((await run(['schema'], dir)).code).toBe(0);
    expect((await run(['schema', '--check', '--json'], dir)).out).toContain('"current": true');
  });
});

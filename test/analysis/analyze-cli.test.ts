/**
 * Real ffmpeg, real CLI: tiny lavfi clips (a textured still panned by an exact 2 px per frame).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { type FixtureDir, makeFixtureDir } from '../../src/media/test-fixtures.ts';

const TEXTURE =
  "nullsrc=s=480x180:r=24,geq=lum='128+50*sin(X/5)*cos(Y/7)+40*sin((X+2*Y)/11)+25*cos(X*Y/900)+22*sin(X*1.3)*sin(Y*1.1)':cb=128:cr=128";

let fx: FixtureDir;
let pan: string;
let short: string;

beforeAll(async () => {
  fx = await makeFixtureDir('analysis-cli');
  // crop x grows 2 px per frame: content slides left → pan_right at 48/320 = 0.15 frame/s (fast).
  pan = await fx.clip('pan.mp4', `${TEXTURE},crop=320:180:x='2*n':y=0,trim=duration=2.5`);
  short = await fx.clip('short.mp4', `${TEXTURE},crop=320:180:x='2*n':y=0,trim=duration=1`);
});

afterAll(async () => {
  await fx?.remove();
});

async function run(argv: string[]) {
  const ctx = memoryContext({ cwd: fx.dir });
  const code = await main(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe('clipbench analyze / gate on real clips', () => {
  it('analyze --json reports the pan, its speed and the video facts', async () => {
    const r = await run(['analyze', pan, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.camera).toMatchObject({ move: 'pan_right', speed: 'fast' });
    expect(result.cuts).toEqual([]);
    expect(result.video).toMatchObject({ frames: 60, fps: 24, width: 320, height: 180 });
    expect(result.defects).toEqual([]);
  });

  it('--expect mismatch exits 1 and reports the intent match; a glob analyses many files', async () => {
    const r = await run(['analyze', '*.mp4', '--json', '--expect', 'slow pan left']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.out);
    expect(results).toHaveLength(2);
    expect(results[0].intent_match).toMatchObject({ move_match: false });
  });

  it('writes a contact sheet PNG', async () => {
    const sheet = fx.path('sheet.png');
    const r = await run(['analyze', pan, '--contact-sheet', sheet]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('pan_right');
    const png = await readFile(sheet);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('gate rejects a 1 s reference as too short (exit 1) and accepts it with --min-duration 0.5', async () => {
    const reject = await run(['gate', short, '--json']);
    expect(reject.code).toBe(1);
    expect(JSON.parse(reject.out)).toMatchObject({ verdict: 'reject', reasons: [{ code: 'too_short' }] });
    const accept = await run(['gate', short, '--json', '--min-duration', '0.5']);
    expect(JSON.parse(accept.out)).toEqual({ verdict: 'accept', reasons: [] });
    expect(accept.code).toBe(0);
  });

  it('gate takes its thresholds from a preset; an explicit flag wins over the preset', async () => {
    // The dance preset's reference_gate asks for ≥ 3 s (Kling motion control's minimum); the pan is 2.5 s.
    const dance = await run(['gate', pan, '--json', '--preset', 'dance']);
    expect(dance.code).toBe(1);
    const codes = (JSON.parse(dance.out) as { reasons: { code: string }[] }).reasons.map((r) => r.code);
    expect(codes).toContain('too_short');
    const flag = await run(['gate', pan, '--json', '--preset', 'dance', '--min-duration', '2']);
    const flagCodes = (JSON.parse(flag.out) as { reasons: { code: string }[] }).reasons.map((r) => r.code);
    expect(flagCodes).not.toContain('too_short');
    const unknown = await run(['gate', pan, '--preset', 'no-such-preset']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown_preset');
  });

  it('bad input is a typed error with exit 2, never a stack trace', async () => {
    const notVideo = fx.path('notes.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(notVideo, 'hello'));
    const r = await run(['analyze', notVideo]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error \[media_/);
    expect(r.err).not.toContain('    at ');
    const missing = await run(['gate', 'nothing-*.mp4']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no_match');
  });
});

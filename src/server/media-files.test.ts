import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupMedia, parseRange } from './media-files.ts';

describe('parseRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=50-10', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ])('%s on 1000 bytes → %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('lookupMedia', () => {
  const root = mkdtempSync(join(tmpdir(), 'clipbench-media-lookup-'));
  const media = join(root, 'media');
  mkdirSync(join(media, 'sub'), { recursive: true });
  writeFileSync(join(media, 'sub', 'a b.mp4'), 'clip');
  writeFileSync(join(root, 'outside.mp4'), 'outside');
  symlinkSync(join(root, 'outside.mp4'), join(media, 'out.mp4'));
  symlinkSync(join(media, 'sub', 'a b.mp4'), join(media, 'in.mp4'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds files under the media dir (encoded names, symlinks that stay inside)', () => {
    expect(lookupMedia(media, 'sub/a%20b.mp4')).toMatchObject({
      ok: true,
      bytes: 4,
      contentType: 'video/mp4',
    });
    expect(lookupMedia(media, 'in.mp4')).toMatchObject({ ok: true });
  });
  it.each([
    '..%2foutside.mp4',
    '%2F',
    '%2froot%2foutside.mp4',
    'sub/..%2f..%2foutside.mp4',
    'out.mp4',
    'a%5cb',
    '%E0%A4%A',
  ])('refuses %s (400)', (tail) => {
    expect(lookupMedia(media, tail)).toMatchObject({ ok: false, status: 400, code: 'media_path_refused' });
  });
  it('is 404 for missing files and directories', () => {
    expect(lookupMedia(media, 'nope.mp4')).toMatchObject({ ok: false, status: 404 });
    expect(lookupMedia(media, 'sub')).toMatchObject({ ok: false, status: 404 });
  });
});

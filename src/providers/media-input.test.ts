import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaInputUrl } from './media-input.ts';

describe('mediaInputUrl', () => {
  it('passes URLs through, inlines small files as data URIs, refuses big, missing and unknown files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clipbench-media-input-'));
    try {
      expect(await mediaInputUrl('https://x.test/a.png', 'f', 10)).toBe('https://x.test/a.png');
      const png = join(dir, 'a.png');
      await writeFile(png, Buffer.from([1, 2, 3]));
      expect(await mediaInputUrl(png, 'identity.reference_image', 10)).toBe('data:image/png;base64,AQID');
      await expect(mediaInputUrl(png, 'identity.reference_image', 2)).rejects.toMatchObject({
        code: 'file_too_large',
        field: 'identity.reference_image',
      });
      await expect(mediaInputUrl(join(dir, 'nope.mp4'), 'f', 10)).rejects.toMatchObject({
        code: 'file_not_found',
      });
      await expect(mediaInputUrl(join(dir, 'a.gif'), 'f', 10)).rejects.toMatchObject({
        code: 'unsupported_media_type',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

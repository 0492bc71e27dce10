import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKlingTokenSource } from './auth.ts';

describe('Kling token source', () => {
  it('mints HS256 with iss=access key, exp=now+1800, nbf=now-5 and re-mints near expiry', async () => {
    let nowMs = 1_700_000_000_000;
    const source = createKlingTokenSource('ak-test', 'sk-test-secret', () => nowMs);
    const first = await source.token();
    expect(decodeProtectedHeader(first)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(first)).toMatchObject({
      iss: 'ak-test',
      exp: 1_700_000_000 + 1800,
      nbf: 1_700_000_000 - 5,
    });
    nowMs += 60_000;
    expect(await source.token()).toBe(first);
    nowMs += 1500 * 1000;
    const second = await source.token();
    expect(second).not.toBe(first);
    source.invalidate();
    expect(decodeJwt(await source.token()).iat).toBe(Math.floor(nowMs / 1000));
  });
});

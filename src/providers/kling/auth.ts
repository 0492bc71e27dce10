/**
 * Kling auth: a JWT signed HS256 with the secret key, `iss` = access key, `exp` = now + 1800 s,
 * `nbf` = now − 5 s, minted locally (there is no token endpoint) and re-minted 5 minutes before
 * expiry or when the API answers 1003/1004. Keys never leave this closure.
 */
import { SignJWT } from 'jose';
import type { Clock } from '../../http/timing.ts';

export const KLING_TOKEN_TTL_S = 1800;
const REMINT_MARGIN_S = 300;

export type KlingTokenSource = {
  /** A valid bearer token (cached until close to expiry). */
  token(): Promise<string>;
  /** Drops the cached token so the next call mints a fresh one. */
  invalidate(): void;
};

/** Mints one Kling JWT at `nowS` (seconds since the epoch). */
export async function mintKlingToken(accessKey: string, secretKey: string, nowS: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(accessKey)
    .setIssuedAt(nowS)
    .setNotBefore(nowS - 5)
    .setExpirationTime(nowS + KLING_TOKEN_TTL_S)
    .sign(new TextEncoder().encode(secretKey));
}

/** A cached token source over injected time. */
export function createKlingTokenSource(accessKey: string, secretKey: string, clock: Clock): KlingTokenSource {
  let cached: { token: string; expS: number } | undefined;
  return {
    async token() {
      const nowS = Math.floor(clock() / 1000);
      if (cached === undefined || nowS >= cached.expS - REMINT_MARGIN_S) {
        cached = { token: await mintKlingToken(accessKey, secretKey, nowS), expS: nowS + KLING_TOKEN_TTL_S };
      }
      return cached.token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/**
 * Opt-in live tests against the real provider APIs (`npm run test:live`, keys from the environment).
 * Never part of `npm test`: they need network and keys, and generation costs money. Credential checks
 * use each provider's cheapest call; one real generation runs only with CLIPBENCH_LIVE_GENERATE=1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VideoRequestSchema } from '../../src/contract/request.ts';
import { createProvider, defaultProviderDeps, loadProviderConfig } from '../../src/providers/registry.ts';
import { runJob } from '../../src/providers/run-job.ts';

const LIVE: ReadonlyArray<{ id: string; keys: readonly string[] }> = [
  { id: 'kling', keys: ['KLING_ACCESS_KEY', 'KLING_SECRET_KEY'] },
  { id: 'fal', keys: ['FAL_KEY'] },
  { id: 'replicate', keys: ['REPLICATE_API_TOKEN'] },
];

for (const { id, keys } of LIVE) {
  const missing = keys.filter((k) => !process.env[k]);
  const reason = `${id}: set ${missing.join(', ')} to run its live tests`;
  describe.skipIf(missing.length > 0)(`${id} live (${missing.length > 0 ? reason : 'keys found'})`, () => {
    it('accepts the credentials with the cheapest call', async () => {
      const provider = createProvider(
        id,
        await loadProviderConfig({ env: process.env }),
        defaultProviderDeps(),
      );
      const check = await provider.checkCredentials({});
      expect(check.ok).toBe(true);
    });

    it.skipIf(process.env['CLIPBENCH_LIVE_GENERATE'] !== '1')(
      'generates one 5 s clip and downloads it (costs money: CLIPBENCH_LIVE_GENERATE=1)',
      async () => {
        const provider = createProvider(
          id,
          await loadProviderConfig({ env: process.env }),
          defaultProviderDeps(),
        );
        const request = VideoRequestSchema.parse({
          identity: { prompt: 'a red kite over a green hill, clear sky' },
          camera: { intent: 'slow pan right' },
          provider: { id },
        });
        const mediaDir = mkdtempSync(join(tmpdir(), `clipbench-live-${id}-`));
        const outcome = await runJob(
          provider,
          request,
          { jobKey: `live-${Date.now()}`, mediaDir },
          {
            intervalMs: 5000,
            backoff: 1.2,
            maxIntervalMs: 20_000,
            deadlineMs: 15 * 60_000,
          },
        );
        expect(outcome.media.bytes).toBeGreaterThan(10_000);
      },
      16 * 60_000,
    );
  });
}

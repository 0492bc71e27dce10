import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { listProviders } from '../helpers/providers-list.ts';

describe.each(['fal', 'replicate'])('clipbench fake-provider %s / providers', (id) => {
  it('serves the fake; providers check passes against it and the stop line reports counters', async () => {
    const ctx = memoryContext({ env: {} });
    const running = main(['fake-provider', id, '--port', '0', '--stage-ms', '20', '--for-ms', '800'], ctx);
    for (let i = 0; i < 100 && !ctx.out().includes('export'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const env = Object.fromEntries(
      [...ctx.out().matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect(Object.keys(env).length).toBeGreaterThanOrEqual(2);
    const check = memoryContext({ env });
    expect(await main(['providers', 'check', id, '--json'], check)).toBe(0);
    expect(JSON.parse(check.out())).toMatchObject({ provider: id, ok: true });
    expect(await running).toBe(0);
    expect(ctx.out()).toContain(`fake ${id} stopped`);
  });

  it('is listed with idempotency none, prices, and the missing secret named (never a value)', async () => {
    const providers = await listProviders();
    const entry = providers.find((p) => p.id === id);
    expect(entry).toMatchObject({ configured: false, capabilities: { idempotency: 'none' } });
    expect(entry?.missing).toEqual([id === 'fal' ? 'FAL_KEY' : 'REPLICATE_API_TOKEN']);
    expect(entry?.priceTable.length).toBeGreaterThanOrEqual(3);
  });
});

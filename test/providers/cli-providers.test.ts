import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { listProviders } from '../helpers/providers-list.ts';

describe('clipbench providers / fake-provider', () => {
  it('lists kling as not configured without keys, with capabilities and prices', async () => {
    const providers = await listProviders();
    const kling = providers.find((p) => p.id === 'kling');
    expect(kling).toMatchObject({ configured: false, missing: ['KLING_ACCESS_KEY', 'KLING_SECRET_KEY'] });
    expect(kling?.capabilities.layers.motion).toBe('prompt');
    expect(kling?.priceTable.length).toBeGreaterThan(5);
  });

  it('check without keys is an input error naming the setting (exit 2)', async () => {
    const ctx = memoryContext({ env: {} });
    expect(await main(['providers', 'check', 'kling'], ctx)).toBe(2);
    expect(ctx.err()).toContain('KLING_ACCESS_KEY');
    const unknown = memoryContext({ env: {} });
    expect(await main(['providers', 'check', 'nope'], unknown)).toBe(2);
    expect(unknown.err()).toContain('known providers');
  });

  it('fake-provider serves Kling and stops', async () => {
    const ctx = memoryContext({ env: {} });
    const running = main(['fake-provider', 'kling', '--port', '0', '--for-ms', '1500', '--json'], ctx);
    for (let i = 0; i < 100 && ctx.out() === ''; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const info = JSON.parse(ctx.out()) as { baseUrl: string; config: Record<string, string> };
    const check = memoryContext({ env: info.config });
    expect(await main(['providers', 'check', 'kling', '--json'], check)).toBe(0);
    expect(JSON.parse(check.out())).toMatchObject({ provider: 'kling', ok: true });
    expect(await running).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryContext } from './context.ts';
import { main } from './main.ts';

describe('cli main', () => {
  it('exits 2 on an unknown command and names it', async () => {
    const ctx = memoryContext();
    expect(await main(['definitely-not-a-command'], ctx)).toBe(2);
    expect(ctx.err()).toContain("unknown command 'definitely-not-a-command'");
  });

  it('exits 0 on --help and lists commands', async () => {
    const ctx = memoryContext();
    expect(await main(['--help'], ctx)).toBe(0);
    expect(ctx.out()).toContain('validate');
  });
});

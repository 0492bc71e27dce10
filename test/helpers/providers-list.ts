/** `clipbench providers list --json` run in-process, for tests that inspect what it reports. */
import { expect } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import type { ProviderSummary } from '../../src/providers/registry.ts';

/** The providers `providers list --json` reports under `env` (empty: nothing configured); asserts exit 0. */
export async function listProviders(env: NodeJS.ProcessEnv = {}): Promise<ProviderSummary[]> {
  const ctx = memoryContext({ env });
  expect(await main(['providers', 'list', '--json'], ctx)).toBe(0);
  return (JSON.parse(ctx.out()) as { providers: ProviderSummary[] }).providers;
}

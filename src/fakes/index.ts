/**
 * Registry of local fake provider servers by provider id, for `clipbench fake-provider <id>` and
 * the conformance tests. Add one line per fake.
 */
import type { FakeServerFactory } from './fake-controller.ts';
import { startKlingFake } from './kling/server.ts';

export const FAKE_SERVERS: Readonly<Record<string, FakeServerFactory>> = {
  kling: startKlingFake,
};

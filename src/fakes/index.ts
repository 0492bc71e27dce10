/**
 * Registry of local fake provider servers by provider id, for `clipbench fake-provider <id>` and
 * the conformance tests. Add one line per fake.
 */
import type { FakeServerFactory } from './fake-controller.ts';
import { startFalFake } from './fal/fal-fake.ts';
import { startKlingFake } from './kling/server.ts';
import { startReplicateFake } from './replicate/replicate-fake.ts';

export const FAKE_SERVERS: Readonly<Record<string, FakeServerFactory>> = {
  fal: startFalFake,
  kling: startKlingFake,
  replicate: startReplicateFake,
};

/**
 * The controller side every harness-based fake (fal, Replicate) shares: start the wire server with
 * the fake's options, then expose its fault book, counters and result expiry as a FakeController.
 */
import type { FakeController, FakeCounters, FakeServerOptions } from './fake-controller.ts';
import type { FaultBook } from './fault-book.ts';
import { startWireServer, type WireHandler } from './wire-server.ts';

export type WireFakeParts = {
  provider: string;
  faults: FaultBook;
  counters: FakeCounters;
  handler: WireHandler;
  /** Settings pointing an adapter at the fake, from its base URL. */
  config: (baseUrl: string) => Record<string, string>;
  /** Makes every result URL answer as expired from now on. */
  expireResults: () => void;
};

/** Starts a fake on the wire-server harness (127.0.0.1, port 0 unless told) and returns its controller. */
export async function startWireFake(
  options: FakeServerOptions,
  parts: WireFakeParts,
): Promise<FakeController> {
  const { faults, counters } = parts;
  const server = await startWireServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    faults,
    counters,
    rateLimitPerS: options.rateLimitPerS ?? 0,
    handler: parts.handler,
  });
  return {
    provider: parts.provider,
    baseUrl: server.baseUrl,
    config: parts.config(server.baseUrl),
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    counters: () => ({ ...counters }),
    expireResults: parts.expireResults,
    stop: () => server.stop(),
  };
}

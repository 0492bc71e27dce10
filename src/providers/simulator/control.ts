/**
 * The simulator's "server side" state that is not on disk: programmable faults (the same
 * provider-neutral `FakeFault`s the HTTP fakes take), counters, result expiry and the rate-limit
 * window. It implements `FakeController`, so the shared conformance suite drives the simulator the
 * way it drives a fake server — in-process, with no wire in between.
 */
import {
  emptyCounters,
  type FakeController,
  type FakeCounters,
  type FakeFault,
} from '../../fakes/fake-controller.ts';
import { FaultBook } from '../../fakes/fault-book.ts';

export type SimulatorControl = {
  readonly faults: FaultBook;
  readonly counters: FakeCounters;
  /** Result files answer as expired once set (provider-side deletion). */
  expired: boolean;
  /** Creation times of recent tasks, for the per-minute rate limit. */
  readonly recentCreationsMs: number[];
  /** End time (ms) of every unfinished task created by this process, for the concurrency limit. */
  readonly openTasks: Map<string, number>;
};

export function createSimulatorControl(): SimulatorControl {
  return {
    faults: new FaultBook(),
    counters: emptyCounters(),
    expired: false,
    recentCreationsMs: [],
    openTasks: new Map(),
  };
}

export type SimulatorController = FakeController & { control: SimulatorControl };

/**
 * A `FakeController` over a fresh control: what the conformance suite and tests use. `config`
 * holds the settings that make task stages last about `stageMs` each (queued, then running).
 */
export async function startSimulatorController(
  options: { stageMs?: number | undefined } = {},
): Promise<SimulatorController> {
  const control = createSimulatorControl();
  return {
    provider: 'simulator',
    baseUrl: 'simulator://in-process',
    config: { CLIPBENCH_SIM_LATENCY_MS: String(2 * (options.stageMs ?? 50)) },
    control,
    setFault(fault: FakeFault) {
      control.faults.add(fault);
    },
    clearFaults() {
      control.faults.clear();
    },
    counters() {
      return { ...control.counters };
    },
    expireResults() {
      control.expired = true;
    },
    async stop() {
      control.faults.clear();
    },
  };
}

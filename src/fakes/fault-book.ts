/**
 * A fake server's programmable faults: the first queued fault matching a route fires and counts
 * down its `times` (default 1; `Infinity` = until cleared). Shared by every fake.
 */
import type { FakeFault, FakeRoute } from './fake-controller.ts';

export class FaultBook {
  private faults: { fault: FakeFault; remaining: number }[] = [];

  add(fault: FakeFault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the next fault for a request on `route` (`task_fails` faults never match a route). */
  take(route: Exclude<FakeRoute, 'any'>): FakeFault | undefined {
    return this.takeWhere(
      (f) => f.kind !== 'task_fails' && (f.on === undefined || f.on === 'any' || f.on === route),
    );
  }

  /** Takes the next `task_fails` fault (applied when a task is created). */
  takeTaskFailure(): Extract<FakeFault, { kind: 'task_fails' }> | undefined {
    const fault = this.takeWhere((f) => f.kind === 'task_fails');
    return fault?.kind === 'task_fails' ? fault : undefined;
  }

  private takeWhere(match: (fault: FakeFault) => boolean): FakeFault | undefined {
    const entry = this.faults.find((e) => e.remaining > 0 && match(e.fault));
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    return entry.fault;
  }
}

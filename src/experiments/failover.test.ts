import { describe, expect, it } from 'vitest';
import { parseRequest } from '../contract/normalise.ts';
import type { JobRecord } from '../contract/run.ts';
import { parseBudgetUsd } from './budget.ts';
import { failoverStep } from './failover.ts';
import { passHealth, stressGate } from './three-pass.ts';

const request = parseRequest({
  identity: { prompt: 'a mug' },
  motion: { motion_score: 4.5 },
  output: { duration_s: 10 },
  provider: { id: 'kling', model: 'kling-v2-1', options: { mode: 'pro' } },
});
const settings = {
  lower_motion_score_by: 1,
  shorter_duration_s: 5,
  fallback: { provider: 'simulator' },
  max_attempts: 2,
};

describe('failoverStep', () => {
  it('lowers motion_score and shortens first, then falls back on the last attempt', () => {
    const one = failoverStep(request, settings, 1, 'verdict fail');
    expect(one?.request.motion.motion_score).toBe(3.5);
    expect(one?.request.output.duration_s).toBe(5);
    expect(one?.request.provider.id).toBe('kling');
    expect(one?.reason).toBe('failover 1/2 after verdict fail: motion_score 4.5 → 3.5, duration 10 s → 5 s');
    const two = failoverStep(one!.request, settings, 2, 'verdict fail');
    expect(two?.request.provider).toEqual({ id: 'simulator', options: {} });
    expect(failoverStep(request, settings, 3, 'x')).toBeNull();
  });

  it('returns null when nothing would change', () => {
    const none = { lower_motion_score_by: 0, max_attempts: 2 };
    expect(failoverStep(request, none, 1, 'x')).toBeNull();
  });
});

const job = (id: number, verdict: JobRecord['verdict'], failoverOf: number | null = null) =>
  ({
    id,
    verdict,
    failover_of: failoverOf,
    motion_score: 3,
    state: verdict === null ? 'failed' : 'judged',
  }) as JobRecord;

describe('three-pass gate', () => {
  it('is healthy at the bar, ignores failover jobs, and names the unhealthy pass', () => {
    const mid = passHealth(
      'mid',
      [job(1, 'pass'), job(2, 'pass_with_edits'), job(3, 'fail'), job(4, 'pass', 3)],
      0.6,
    );
    expect(mid).toMatchObject({ usable: 2, judged: 3, healthy: true });
    const baseline = passHealth('baseline', [job(5, 'fail'), job(6, null)], 0.6);
    expect(baseline.healthy).toBe(false);
    const gate = stressGate([baseline, mid], 0.6);
    expect(gate.run).toBe(false);
    expect(gate.reason).toContain('baseline usable rate 0% (0/1)');
    expect(stressGate([mid], 0.6).run).toBe(true);
  });
});

describe('parseBudgetUsd', () => {
  it('refuses 0, negatives and junk with a typed input error', () => {
    expect(parseBudgetUsd('2.5')).toBe(2.5);
    for (const bad of ['0', '-1', 'abc'])
      expect(() => parseBudgetUsd(bad)).toThrow(
        expect.objectContaining({ code: 'invalid_budget', kind: 'input' }),
      );
  });
});

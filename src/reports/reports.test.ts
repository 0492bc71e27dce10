import { describe, expect, it } from 'vitest';
import { seedRun } from '../../test/helpers/seed-run.ts';
import { openStore } from '../store/store.ts';
import { isSafeMediaHref, renderHtml } from './html.ts';
import { renderJson } from './json-report.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { computeStats } from './stats.ts';
import {
  costPerUsable,
  recommendRange,
  reusedCostNote,
  summarizeRun,
  usableRateByMotionScore,
} from './summary.ts';

function seeded() {
  const store = openStore({ path: ':memory:', now: () => new Date('2026-11-26T10:00:00Z') });
  const { runId } = seedRun(store);
  return { store, run: store.views.runView(runId) };
}

describe('run summary', () => {
  it('leaves reused clips out of the cost per usable clip: a full re-run reads "—", not $0', () => {
    const job = (cost: number, reused: number | null) =>
      ({ motion_score: 3, state: 'judged', verdict: 'pass', cost_usd: cost, reused_from: reused }) as const;
    const mixed = costPerUsable([job(0.3, null), job(0, 1), job(0.3, null)]);
    expect(mixed).toEqual({ total_cost_usd: 0.6, usable: 2, cost_per_usable_usd: 0.3, reused: 1 });
    expect(reusedCostNote(mixed)).toContain('1 reused clip cost nothing new');
    const rerun = costPerUsable([job(0, 1), job(0, 2)]);
    expect(rerun.cost_per_usable_usd).toBeNull();
    expect(reusedCostNote(costPerUsable([job(0.3, null)]))).toBe('');
  });

  it('gives usable rate per motion_score, cost per usable clip and the recommended range with evidence', () => {
    const { run } = seeded();
    const s = summarizeRun(run);
    expect(s.by_motion_score.map((p) => [p.motion_score, p.usable, p.judged])).toEqual([
      [2, 3, 3],
      [4, 3, 3],
      [6, 2, 3],
      [8, 0, 2],
    ]);
    expect(s.by_motion_score[3]?.failed_jobs).toBe(1);
    expect(s.verdicts).toEqual({ pass: 7, pass_with_edits: 1, fail: 3 });
    expect(s.cost.total_cost_usd).toBeCloseTo(5.5);
    expect(s.cost.cost_per_usable_usd).toBeCloseTo(5.5 / 8);
    expect(s.usable_rate_min).toBe(0.6); // from the run plan
    expect(s.recommendation).toMatchObject({ min: 2, max: 6 });
    expect(s.recommendation?.evidence).toHaveLength(3);
    expect(s.simulated).toBe(true);
  });

  it('picks the widest contiguous healthy range, and none when nothing clears the bar', () => {
    const point = (motion_score: number, usable: number, judged: number) => ({
      motion_score,
      jobs: judged,
      judged,
      pass: usable,
      pass_with_edits: 0,
      fail: judged - usable,
      failed_jobs: 0,
      usable,
      usable_rate: usable / judged,
      cost_usd: 0,
    });
    const points = [point(1, 3, 3), point(2, 0, 3), point(3, 3, 3), point(4, 3, 3), point(5, 2, 3)];
    expect(recommendRange(points, 0.8)).toMatchObject({ min: 3, max: 4 });
    expect(recommendRange(points, 0.6)).toMatchObject({ min: 3, max: 5 });
    expect(recommendRange([point(1, 0, 2)], 0.5)).toBeNull();
    expect(
      usableRateByMotionScore([{ motion_score: null, state: 'judged', verdict: 'pass', cost_usd: 1 }]),
    ).toEqual([]);
  });
});

describe('renderers', () => {
  it('renders a self-contained HTML report with chart, SIMULATED label and playable clips', () => {
    const { run } = seeded();
    const html = renderHtml(run, { mediaHref: (asset) => `../${asset.path}` });
    expect(html).toContain('SIMULATED');
    expect(html).toContain('<svg');
    expect(html.match(/<video /g)).toHaveLength(11);
    expect(html).toContain('trim frames 0–5: flicker');
    expect(html).toContain('subject_consistency frames 0–47: 0.40 &lt; min 0.60');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script');
    const external = renderHtml(run, { mediaHref: () => 'https://cdn.example/clip.mp4' });
    expect(external).not.toContain('cdn.example');
    expect(isSafeMediaHref('data:video/mp4;base64,AAAA')).toBe(true);
    expect(isSafeMediaHref('/etc/passwd')).toBe(false);
  });

  it('renders Markdown and JSON with the summary and every job', () => {
    const { run } = seeded();
    const md = renderMarkdown(run);
    expect(md).toContain('**SIMULATED**');
    expect(md).toContain('| 6 | 3 | 1 | 1 | 1 | 0 | 67% |');
    expect(md).toContain('recommended approved range: 2–6');
    const json = JSON.parse(renderJson(run)) as {
      simulated: boolean;
      jobs: unknown[];
      summary: { usable: number };
    };
    expect(json.simulated).toBe(true);
    expect(json.jobs).toHaveLength(12);
    expect(json.summary.usable).toBe(8);
  });

  it('renders JUnit with one testcase per job and evidence in failures', () => {
    const { run } = seeded();
    const xml = renderJunit(run);
    expect(xml.match(/<testcase /g)).toHaveLength(12);
    expect(xml).toContain('tests="12" failures="4" skipped="0"');
    expect(xml).toContain('type="job_failed"');
    expect(xml).toContain('cut at frame 24 cannot be edited out');
  });
});

describe('stats', () => {
  it('aggregates usable rate and cost per usable clip per ISO week, preset and provider', () => {
    const { store } = seeded();
    const stats = computeStats(store.views.statRows());
    expect(stats.weekly).toHaveLength(1);
    expect(stats.weekly[0]).toMatchObject({
      iso_week: '2026-W48',
      preset: 'product@1',
      provider: 'simulator',
      judged: 11,
      usable: 8,
      failed_jobs: 1,
    });
    expect(stats.weekly[0]?.usable_rate).toBeCloseTo(8 / 11);
    expect(stats.weekly[0]?.cost_per_usable_usd).toBeCloseTo(5.5 / 8);
    expect(stats.overall[0]?.iso_week).toBe('all');
  });
});

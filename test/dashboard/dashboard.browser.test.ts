/**
 * The dashboard in a real browser (playwright-core + Debian's Chromium): every page loads, clips
 * play in sync, a keyboard review persists (page reload, API, store), agreement updates, live
 * progress updates while a run is going, and no request leaves 127.0.0.1. Screenshots go to
 * test-artifacts/dashboard/ (and docs/dashboard.png when CLIPBENCH_UPDATE_DOCS_SCREENSHOT=1).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDashboard, startDashboard } from '../../src/server/listen.ts';
import { openStoreHandle, type StoreHandle } from '../../src/server/store-handle.ts';
import { findChromium, launchTestBrowser, type TestBrowser } from './browser.ts';
import { type DashboardFixture, makeDashboardFixture } from './fixture.ts';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');
const chromiumPath = findChromium().path;
const inCi = process.env['CI'] === 'true';

if (chromiumPath === null && inCi) {
  describe('dashboard in a real browser', () => {
    it('needs Chromium under CI=true', () => {
      throw new Error(
        `no Chromium found (looked at ${findChromium().looked.join(', ')}); CI=true requires the browser tests to run — install Debian's chromium or set CLIPBENCH_CHROMIUM`,
      );
    });
  });
} else if (chromiumPath === null) {
  const reason = `dashboard browser tests SKIPPED: no Chromium at ${findChromium().looked.join(', ')} (install Debian's chromium or set CLIPBENCH_CHROMIUM)`;
  // Visible in the run's output, not only as a skip count.
  console.warn(reason);
  describe.skip(reason, () => {
    it('skipped', () => {});
  });
} else {
  describe('dashboard in a real browser', () => {
    let fixture: DashboardFixture;
    let handle: StoreHandle;
    let dashboard: RunningDashboard;
    let browser: TestBrowser;
    let page: Page;
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      fixture = await makeDashboardFixture('dash-browser');
      handle = openStoreHandle({ cwd: fixture.dir, env: {}, workspace: fixture.store.workspace.root });
      dashboard = await startDashboard({ handle, cwd: fixture.dir, port: 0, reviewer: 'browser-test' });
      browser = await launchTestBrowser(chromiumPath);
      page = await browser.context.newPage();
    });
    afterAll(async () => {
      await browser?.close();
      await dashboard?.close();
      handle?.close();
      await fixture?.remove();
    });

    it('opens on the latest experiment with chart, SIMULATED label and a clip grid', async () => {
      await page.goto(dashboard.url);
      expect(new URL(page.url()).pathname).toBe(`/experiments/${fixture.seeded.runId}`);
      await expect(page.locator('#chart svg circle').count()).resolves.toBe(4);
      await expect(page.locator('.sim').first().textContent()).resolves.toBe('SIMULATED');
      await expect(page.locator('.col').count()).resolves.toBe(4);
      await expect(page.locator('.clip[data-job]').count()).resolves.toBe(12);
      await expect(page.locator('video[data-sync]').count()).resolves.toBe(11);
      // The moderated job has no clip: its card says why instead of showing a player.
      await expect(page.locator('.noclip').textContent()).resolves.toContain('provider_moderation');
    });

    it('plays every clip from one control and scrubs them together', async () => {
      const codecs = await page.evaluate(() => {
        const v = document.createElement('video');
        return {
          h264: v.canPlayType('video/mp4; codecs="avc1.42E01E"'),
          vp8: v.canPlayType('video/webm; codecs="vp8"'),
        };
      });
      // Either the H.264 original plays, or the server's WebM/VP8 rendition (listed second) does.
      expect(codecs.h264 !== '' || codecs.vp8 !== '').toBe(true);
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('video')).every((v) => v.readyState >= 2),
      );
      await page.keyboard.press('Space');
      await page.waitForFunction(
        () => Array.from(document.querySelectorAll('video')).every((v) => !v.paused && v.currentTime > 0.3),
        undefined,
        { timeout: 5000 },
      );
      const state = await page.evaluate(() =>
        Array.from(document.querySelectorAll('video')).map((v) => ({
          paused: v.paused,
          t: v.currentTime,
          src: v.currentSrc,
        })),
      );
      expect(state.every((s) => !s.paused)).toBe(true);
      expect(Math.max(...state.map((s) => s.t)) - Math.min(...state.map((s) => s.t))).toBeLessThan(0.5);
      expect(state[0]?.src).toContain(codecs.h264 !== '' ? '/media/' : '/renditions/webm/');
      await shot('experiment-playing');
      await page.click('#sync-play');
      await page.waitForFunction(() => Array.from(document.querySelectorAll('video')).every((v) => v.paused));
      await page.$eval('#sync-scrub', (el) => {
        const input = el as HTMLInputElement;
        input.value = '1.25';
        input.dispatchEvent(new Event('input'));
      });
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll('video')).every((v) => Math.abs(v.currentTime - 1.25) < 0.05),
      );
    });

    it('records a review with the keyboard; it persists and agreement updates', async () => {
      const [first, second] = fixture.seeded.jobIds as [number, number];
      const autoFirst = fixture.store.verdicts.latestAuto(first)?.verdict;
      const autoSecond = fixture.store.verdicts.latestAuto(second)?.verdict;
      expect(autoFirst).toBe('pass');
      expect(autoSecond).toBe('pass');
      await expect(page.locator('#agreement').textContent()).resolves.toBe('no human reviews yet');

      await page.keyboard.press('j');
      await expect(page.locator('.clip.sel').getAttribute('data-job')).resolves.toBe(String(first));
      await page.keyboard.press('3');
      await page.keyboard.press('n');
      await page.keyboard.type('edges wobble at 1.5 s');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() =>
        document.querySelector('#review-status')?.textContent?.startsWith('saved'),
      );
      await expect(page.locator('#agreement').textContent()).resolves.toBe('0/1 agree (0%)');

      await page.keyboard.press('j');
      await page.keyboard.press('p');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (id) => document.querySelector('#review-status')?.textContent === `saved ✓ pass for #${id}`,
        second,
      );
      await expect(page.locator('#agreement').textContent()).resolves.toBe('1/2 agree (50%)');
      await expect(page.locator('#usable-rate').textContent()).resolves.toBe('64% (7/11)');
      await expect(page.locator('#spend').textContent()).resolves.toBe('$5.50 · $0.79 per usable clip');
      await page.keyboard.press('k');
      await expect(page.locator('.clip.sel').getAttribute('data-job')).resolves.toBe(String(first));
      await shot('experiment-reviewed');
      if (process.env['CLIPBENCH_UPDATE_DOCS_SCREENSHOT'] === '1')
        await page.screenshot({
          path: join(process.cwd(), 'docs', 'dashboard.png'),
          fullPage: true,
          clip: { x: 0, y: 0, width: 1280, height: 1040 },
        });

      // Persisted: reload, API, store.
      await page.reload();
      const card = page.locator(`.clip[data-job="${first}"]`);
      await expect(card.getAttribute('data-verdict')).resolves.toBe('fail');
      await expect(card.locator('[data-field=note]').textContent()).resolves.toBe(
        'note: edges wobble at 1.5 s',
      );
      await expect(page.locator('#agreement').textContent()).resolves.toBe('1/2 agree (50%)');
      const api = (await (await page.request.get(`${dashboard.url}api/jobs/${first}`)).json()) as {
        job: { verdict: string; human_verdict: { verdict: string; note: string; reviewer: string } };
      };
      expect(api.job.verdict).toBe('fail');
      expect(api.job.human_verdict).toMatchObject({
        verdict: 'fail',
        note: 'edges wobble at 1.5 s',
        reviewer: 'browser-test',
      });
      expect(fixture.store.verdicts.effective(first)).toMatchObject({ source: 'human', verdict: 'fail' });
      expect(fixture.store.verdicts.agreement(fixture.seeded.runId)).toEqual({
        compared: 2,
        agreed: 1,
        rate: 0.5,
      });
    });

    it('shows trends and presets', async () => {
      await page.goto(`${dashboard.url}trends`);
      const weekly = await page.locator('#trends-weekly tbody tr').allTextContents();
      expect(weekly).toHaveLength(1);
      expect(weekly[0]).toContain('product@1');
      expect(weekly[0]).toContain('simulator');
      // 11 judged, 7 usable after the review (the fail overrode a pass); $5.50 spent → $0.79 per usable clip.
      expect(weekly[0]).toContain('64% (7/11)');
      expect(weekly[0]).toContain('$0.79');
      await shot('trends');
      fixture.store.approvals.approve({
        presetId: 'product',
        rangeMin: 2,
        rangeMax: 4,
        runId: fixture.seeded.runId,
      });
      await page.goto(`${dashboard.url}presets`);
      await expect(page.locator('section[data-preset-id]').count()).resolves.toBeGreaterThanOrEqual(4);
      const approval = await page.locator('tr[data-approval="product@1"]').textContent();
      expect(approval).toContain('2–4');
      expect(approval).toContain('active');
      fixture.store.approvals.retire('product', {
        reason: 'usable rate under 60% for 2 weeks',
        replacement: 'product@2',
      });
      await page.reload();
      const retired = await page.locator('tr[data-approval="product@1"]').textContent();
      expect(retired).toContain('retired');
      expect(retired).toContain('product@2');
      expect(retired).toContain('usable rate under 60% for 2 weeks');
      await expect(page.locator('section[data-preset-id="product"] h2').textContent()).resolves.toContain(
        'retired',
      );
      await shot('presets');
    });

    it('updates live progress on the experiments list while a run is going', async () => {
      const run = fixture.store.experiments.create({
        name: 'live sweep',
        provider: 'simulator',
        status: 'running',
        simulated: true,
      });
      const jobs = [0, 1].map((seed) =>
        fixture.store.jobs.plan({
          experimentId: run.id,
          jobKey: `live-${seed}`,
          provider: 'simulator',
          motionScore: 3,
          seed,
          request: {},
        }),
      );
      await page.goto(`${dashboard.url}experiments`);
      const row = page.locator(`tr[data-run="${run.id}"]`);
      await expect(row.locator('[data-field=progress]').textContent()).resolves.toBe('0/2');
      const first = jobs[0] as { id: number };
      fixture.store.jobs.transition(first.id, 'planned', 'submitting');
      fixture.store.jobs.fail(first.id, { code: 'provider_timeout', message: 'timed out' });
      await page.waitForFunction(
        (id) => document.querySelector(`tr[data-run="${id}"] [data-field=progress]`)?.textContent === '1/2',
        run.id,
        { timeout: 6000 },
      );
      fixture.store.experiments.setStatus(run.id, 'stopped');
      await page.waitForFunction(
        (id) => document.querySelector(`tr[data-run="${id}"] [data-field=status]`)?.textContent === 'stopped',
        run.id,
        { timeout: 6000 },
      );
      await shot('experiments');
    });

    it('shows the empty state for a workspace without runs', async () => {
      const emptyHandle = openStoreHandle({
        cwd: fixture.dir,
        env: {},
        workspace: join(fixture.dir, 'nothing-here'),
      });
      const empty = await startDashboard({ handle: emptyHandle, cwd: fixture.dir, port: 0 });
      try {
        await page.goto(empty.url);
        await expect(page.locator('#empty-state h1').textContent()).resolves.toBe('No experiments yet');
        await shot('empty');
      } finally {
        await empty.close();
        emptyHandle.close();
      }
    });

    it('made no request outside 127.0.0.1', () => {
      expect(browser.external).toEqual([]);
    });
  });
}

/**
 * Real-browser support for the dashboard tests: finds Debian's Chromium (or CLIPBENCH_CHROMIUM),
 * launches it headless with a fresh profile, and records every request that would leave 127.0.0.1
 * (and aborts it). Where no Chromium is found the tests skip with the reason, except under CI=true.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive, or null with the places looked at. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): {
  path: string | null;
  looked: string[];
} {
  // An explicit CLIPBENCH_CHROMIUM is the only candidate (so a wrong path is reported, not papered over).
  const explicit = env['CLIPBENCH_CHROMIUM'];
  const looked =
    explicit !== undefined && explicit !== ''
      ? [explicit]
      : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return { path: looked.find((p) => existsSync(p)) ?? null, looked };
}

export type TestBrowser = {
  context: BrowserContext;
  /** URLs the page tried to load from anywhere but 127.0.0.1 (all aborted). */
  external: string[];
  close(): Promise<void>;
};

/** Launches Chromium with a new empty user-data-dir and a route guard keeping every request local. */
export async function launchTestBrowser(executablePath: string): Promise<TestBrowser> {
  const base = join(tmpdir(), 'clipbench-tests');
  await mkdir(base, { recursive: true });
  const profile = mkdtempSync(join(base, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '127.0.0.1') {
      external.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  return {
    context,
    external,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

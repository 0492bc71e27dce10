/**
 * `clipbench serve` as a user runs it: a real process on port 0 that starts on an empty workspace
 * (friendly page, nothing created), picks up a run once one exists, and exits 0 on SIGINT; plus the
 * bad-input paths through `main`: port in use (exit 2, `port_in_use`), corrupt database (exit 3,
 * `store_corrupt`), invalid --port (exit 2).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.ts';
import { main } from '../../src/cli/main.ts';
import { openWorkspaceStore } from '../../src/store/store.ts';
import { seedRun } from '../helpers/seed-run.ts';

let dir: string;
beforeAll(async () => {
  mkdirSync(join(tmpdir(), 'clipbench-tests'), { recursive: true });
  dir = await mkdtemp(join(tmpdir(), 'clipbench-tests', 'serve-cmd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address !== null ? address.port : 0 });
    });
  });
}

function readJsonLine(child: ChildProcess): Promise<{ url: string; port: number; workspace: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      try {
        const parsed = JSON.parse(out) as { url: string; port: number; workspace: string };
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        // not complete yet
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}: ${out}`)));
  });
}

describe('clipbench serve', () => {
  it('starts on an empty workspace, picks up a run once it exists, and exits 0 on SIGINT', async () => {
    const workspace = join(dir, 'ws');
    const child = spawn(
      process.execPath,
      ['bin/clipbench.js', 'serve', '--port', '0', '--json', '--workspace', workspace],
      {
        cwd: process.cwd(),
        env: { ...process.env, CLIPBENCH_HOME: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const info = await readJsonLine(child);
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(info.workspace).toBe(workspace);
      const empty = await fetch(info.url);
      expect(empty.status).toBe(200);
      expect(await empty.text()).toContain('No experiments yet');
      expect(existsSync(join(workspace, 'clipbench.db'))).toBe(false);

      const store = openWorkspaceStore({ cwd: dir, env: {}, workspace });
      const { runId } = seedRun(store);
      store.close();
      const latest = await fetch(info.url, { redirect: 'manual' });
      expect(latest.status).toBe(302);
      expect(latest.headers.get('location')).toBe(`/experiments/${runId}`);
      expect((await fetch(`${info.url}experiments/${runId}`)).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('names a port in use with a typed error and exit 2', async () => {
    const { server, port } = await occupyPort();
    try {
      const ctx = memoryContext({ cwd: dir, env: {} });
      const code = await main(['serve', '--port', String(port), '--workspace', join(dir, 'ws-port')], ctx);
      expect(code).toBe(2);
      expect(ctx.err()).toContain(`error [port_in_use]`);
      expect(ctx.err()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(ctx.err()).toContain('hint:');
      const json = memoryContext({ cwd: dir, env: {} });
      expect(
        await main(['serve', '--port', String(port), '--json', '--workspace', join(dir, 'ws-port')], json),
      ).toBe(2);
      expect(JSON.parse(json.out())).toMatchObject({
        error: { code: 'port_in_use', kind: 'input', field: '--port' },
      });
    } finally {
      server.close();
    }
  });

  it('reports a corrupt database as store_corrupt (exit 3) without starting', async () => {
    const workspace = join(dir, 'ws-corrupt');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, 'clipbench.db'), 'this is not a sqlite database, just text '.repeat(200));
    const ctx = memoryContext({ cwd: dir, env: {} });
    expect(await main(['serve', '--port', '0', '--workspace', workspace], ctx)).toBe(3);
    expect(ctx.err()).toContain('error [store_corrupt]');
    expect(ctx.err()).toContain('hint: move it aside');
  });

  it('rejects an invalid --port (exit 2)', async () => {
    const ctx = memoryContext({ cwd: dir, env: {} });
    expect(await main(['serve', '--port', 'eighty', '--workspace', join(dir, 'ws-x')], ctx)).toBe(2);
    expect(ctx.err()).toContain('error [invalid_port]');
  });
});

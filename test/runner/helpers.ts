/** Shared setup for runner integration tests: a Kling fake, a temp workspace, experiment files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fileMediaHasher } from '../../src/contract/media-hash.ts';
import { rubricJudge } from '../../src/experiments/default-assessors.ts';
import { planExperiment } from '../../src/experiments/plan.ts';
import { type RunExperimentOptions, runExperiment } from '../../src/experiments/runner.ts';
import { scriptedAnalyser } from '../../src/experiments/scripted-analyser.ts';
import type { FakeController, FakeServerOptions } from '../../src/fakes/fake-controller.ts';
import { startKlingFake } from '../../src/fakes/kling/server.ts';
import { loadPresetCatalog } from '../../src/presets/catalog.ts';
import { resolvePreset } from '../../src/presets/resolve.ts';
import { createProvider, defaultProviderDeps } from '../../src/providers/registry.ts';
import { openWorkspaceStore } from '../../src/store/store.ts';

export const FAST_POLL = { intervalMs: 5, backoff: 1, maxIntervalMs: 5, deadlineMs: 20_000 };

export function tempDir(prefix: string): string {
  mkdirSync('/tmp/runner-eng', { recursive: true });
  return mkdtempSync(join('/tmp/runner-eng', `${prefix}-`));
}

export async function klingFake(options: FakeServerOptions = {}): Promise<FakeController> {
  return startKlingFake({ stageMs: 5, ...options });
}

/** Providers resolved against the fake, with fast retries. */
export function fakeProviders(fake: FakeController) {
  const deps = { ...defaultProviderDeps(), retry: { baseDelayMs: 2, maxDelayMs: 10, maxServerDelayMs: 20 } };
  const cache = new Map<string, ReturnType<typeof createProvider>>();
  return (id: string) => {
    let p = cache.get(id);
    if (p === undefined) {
      p = createProvider(id, fake.config, deps);
      cache.set(id, p);
    }
    return p;
  };
}

export function writeExperiment(dir: string, doc: Record<string, unknown>, name = 'experiment.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

export const KLING_BASE = {
  identity: { prompt: 'a ceramic mug on a wooden table, studio light' },
  camera: { intent: 'locked frame' },
  output: { duration_s: 5, resolution: '720p', aspect: '16:9', fps: 24 },
  provider: { id: 'kling', model: 'kling-v2-1' },
};

type RunFileExtra = Partial<RunExperimentOptions> & { cutAbove?: number };

/** Runs an experiment file against the fake with the scripted analyser (fast) unless overridden. */
export async function runFile(
  workspaceDir: string,
  file: string,
  fake: FakeController,
  extra: RunFileExtra = {},
) {
  const store = openStoreAt(workspaceDir);
  try {
    return await runFileOn(store, workspaceDir, file, fake, extra);
  } finally {
    store.close();
  }
}

/** `runFile` on a store the test opened itself (e.g. one with a capped page count); the caller closes it. */
export async function runFileOn(
  store: ReturnType<typeof openStoreAt>,
  workspaceDir: string,
  file: string,
  fake: FakeController,
  extra: RunFileExtra = {},
) {
  const presets = loadPresetCatalog({ cwd: workspaceDir });
  const plan = planExperiment(file, { cwd: workspaceDir, presets });
  const preset =
    plan.preset === undefined ? undefined : resolvePreset(presets, plan.preset, { forNewRun: false });
  const { cutAbove, ...rest } = extra;
  return runExperiment({
    store,
    workspace: store.workspace,
    source: { kind: 'plan', plan, preset, hashMedia: fileMediaHasher(workspaceDir) },
    providers: fakeProviders(fake),
    analyse: scriptedAnalyser({ cutAboveMotionScore: cutAbove }),
    judge: rubricJudge,
    poll: FAST_POLL,
    concurrency: 4,
    ...rest,
  });
}

export function openStoreAt(workspaceDir: string) {
  return openWorkspaceStore({ cwd: workspaceDir, env: {} });
}

/**
 * `clipbench demo`: the main job, offline. Renders a procedural reference clip (src/synth), writes
 * an experiment running the `product` preset's three-pass motion_score sweep on the simulator with
 * three seeds, runs it (judge, log), and writes the self-contained HTML report. Every file it
 * writes is deterministic, so running it again plans the same job keys and reuses every clip.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { fileMediaHasher } from '../contract/media-hash.ts';
import type { AssetRecord } from '../contract/run.ts';
import { loadPresetCatalog } from '../presets/catalog.ts';
import { resolvePreset } from '../presets/resolve.ts';
import { renderHtml } from '../reports/html.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../store/workspace.ts';
import { renderSynthClip } from '../synth/render.ts';
import { fileAnalyser, rubricJudge } from './default-assessors.ts';
import { planExperiment } from './plan.ts';
import { runExperiment } from './runner.ts';
import type { ProviderResolver, RunnerTuning, RunOutcome } from './runner-types.ts';

export const DEMO_DIR_NAME = 'clipbench-demo';

/** The demo experiment: product preset, three passes, three seeds, one procedural reference. */
export const DEMO_EXPERIMENT = {
  name: 'demo: product three-pass sweep (simulator)',
  description: 'clipbench demo — offline, simulated clips',
  preset: 'product',
  three_pass: true,
  providers: ['simulator'],
  seeds: [1, 2, 3],
  references: ['reference.mp4'],
  base: {
    identity: { subject: 'a matte ceramic coffee mug', scene: 'a walnut table by a window' },
    output: { duration_s: 3, resolution: '480p', fps: 24 },
  },
} as const;

export type DemoOptions = RunnerTuning & {
  cwd: string;
  store: Store;
  workspace: Workspace;
  providers: ProviderResolver;
  /** Demo folder (reference, experiment file, report). @default `<cwd>/clipbench-demo` */
  dir?: string | undefined;
};

export type DemoResult = {
  outcome: RunOutcome;
  dir: string;
  referencePath: string;
  experimentPath: string;
  reportPath: string;
};

/** Renders the procedural reference once (deterministic: same bytes every time). */
async function ensureReference(file: string): Promise<void> {
  if (existsSync(file)) return;
  const temp = `${file}.${process.pid}.tmp.mp4`;
  await renderSynthClip(
    {
      seed: 7,
      width: 320,
      height: 180,
      fps: 24,
      durationS: 3,
      camera: { move: 'push_in', speed: 'slow' },
      scene: { texture: 'interior' },
      subject: { size: 0.45, motion: 'held' },
    },
    temp,
  );
  renameSync(temp, file);
}

function mediaLinker(root: string, fromDir: string): (asset: AssetRecord) => string | null {
  return (asset) => {
    const file = isAbsolute(asset.path) ? asset.path : join(root, asset.path);
    if (!existsSync(file)) return null;
    return relative(fromDir, file).split(sep).map(encodeURIComponent).join('/');
  };
}

/** Runs the demo end to end and writes `report.html` into the demo folder. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const dir = resolve(options.cwd, options.dir ?? DEMO_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  const referencePath = join(dir, 'reference.mp4');
  await ensureReference(referencePath);
  const experimentPath = join(dir, 'experiment.yaml');
  writeFileSync(
    experimentPath,
    `# Written by \`clipbench demo\`. Run it yourself with: clipbench run ${relative(options.cwd, experimentPath) || experimentPath}\n${stringify(DEMO_EXPERIMENT)}`,
  );
  const presets = loadPresetCatalog({ cwd: options.cwd });
  const plan = planExperiment(experimentPath, { cwd: options.cwd, presets });
  const preset =
    plan.preset === undefined ? undefined : resolvePreset(presets, plan.preset, { forNewRun: false });
  const { cwd: _cwd, store, workspace, providers, dir: _dir, ...tuning } = options;
  const outcome = await runExperiment({
    ...tuning,
    store,
    workspace,
    providers,
    source: { kind: 'plan', plan, preset, hashMedia: fileMediaHasher(dir), name: DEMO_EXPERIMENT.name },
    analyse: fileAnalyser(workspace.mediaDir),
    judge: rubricJudge,
  });
  const reportPath = join(dir, 'report.html');
  const html = renderHtml(store.views.runView(outcome.runId), {
    mediaHref: mediaLinker(workspace.root, dir),
    generatedAt: new Date().toISOString(),
  });
  const temp = `${reportPath}.${process.pid}.tmp`;
  writeFileSync(temp, html);
  renameSync(temp, reportPath);
  return { outcome, dir, referencePath, experimentPath, reportPath };
}

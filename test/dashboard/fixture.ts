/**
 * A real workspace for the dashboard tests: the seeded run (real store + real judge) with a real clip
 * rendered by src/synth behind every stored asset path, so pages can play them.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openWorkspaceStore, type Store } from '../../src/store/store.ts';
import type { Workspace } from '../../src/store/workspace.ts';
import { renderSynthClip } from '../../src/synth/render.ts';
import type { SynthArtifact } from '../../src/synth/spec.ts';
import { type SeededRun, seedRun } from '../helpers/seed-run.ts';

export type DashboardFixture = {
  dir: string;
  store: Store & { workspace: Workspace };
  seeded: SeededRun;
  remove(): Promise<void>;
};

function artifactsFor(motionScore: number): SynthArtifact[] {
  if (motionScore === 6) return [{ kind: 'flicker', startFrame: 4, endFrame: 10, strength: 0.6 }];
  if (motionScore === 8) return [{ kind: 'shake', startFrame: 0, endFrame: 23, strength: 0.8 }];
  return [];
}

/** Renders one tiny clip per motion_score and copies it behind each seeded asset of that score. */
export async function makeDashboardFixture(prefix = 'dash'): Promise<DashboardFixture> {
  const base = join(tmpdir(), 'clipbench-tests');
  await mkdir(base, { recursive: true });
  const dir = await mkdtemp(join(base, `${prefix}-`));
  const store = openWorkspaceStore({ cwd: dir, env: {}, workspace: join(dir, '.clipbench') });
  const seeded = seedRun(store);
  const rendered = new Map<number, string>();
  await Promise.all(
    [2, 4, 6, 8].map(async (motionScore) => {
      const file = join(dir, `clip-${motionScore}.mp4`);
      await renderSynthClip(
        {
          seed: motionScore,
          width: 160,
          height: 90,
          fps: 12,
          durationS: 2,
          camera: { move: 'push_in', speed: motionScore >= 6 ? 'fast' : 'slow' },
          subject: { size: 0.45, motion: 'held' },
          artifacts: artifactsFor(motionScore),
        },
        file,
        { preset: 'ultrafast' },
      );
      rendered.set(motionScore, file);
    }),
  );
  for (const id of seeded.jobIds) {
    const job = store.views.jobView(id);
    if (job.clip === null || job.motion_score === null) continue;
    const target = join(store.workspace.root, job.clip.path);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(rendered.get(job.motion_score) as string, target);
  }
  return {
    dir,
    store,
    seeded,
    remove: async () => {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

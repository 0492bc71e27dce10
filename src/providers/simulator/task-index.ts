/**
 * The simulator's on-disk task index: one JSON record per task under `<stateDir>/tasks/`, where
 * stateDir defaults to `<mediaDir>/.simulator`. A record is published with link(2) from a temp
 * file, which fails if the name exists — so two submits of one job key (even from two processes)
 * create one task. Updates are temp-file + rename. It outlives the process, which is what the
 * runner's crash-resume relies on: `findByJobKey` and `status` read it back.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VideoRequest } from '../../contract/request.ts';
import type { SynthTruth } from '../../synth/spec.ts';

export type TaskFate =
  | { kind: 'succeed' }
  | { kind: 'fail'; code: 'content_policy' | 'server_error'; message: string };

export type RenderRecord = {
  contentHash: string;
  bytes: number;
  truth: SynthTruth;
};

export type TaskRecord = {
  version: 1;
  taskId: string;
  jobKey: string;
  model: string;
  submittedAtMs: number;
  queueMs: number;
  runMs: number;
  request: VideoRequest;
  sceneSeed: number;
  takeSeed: number;
  sweetSpot: number;
  renderShortSidePx: number;
  fate: TaskFate;
  costUsd: number;
  /** Set once the clip is rendered (the file is `<stateDir>/renders/<taskId>.mp4` until downloaded). */
  render?: RenderRecord | undefined;
  renderError?: string | undefined;
};

/** Task ids are derived from the job key, so a lookup by key needs no scan. */
export function taskIdFor(jobKey: string): string {
  return `sim_${createHash('sha256').update(jobKey).digest('hex').slice(0, 24)}`;
}

export type TaskIndex = {
  dir: string;
  rendersDir: string;
  /** Creates the record; returns the existing one instead if the task already exists. */
  create(record: TaskRecord): Promise<{ record: TaskRecord; created: boolean }>;
  get(taskId: string): Promise<TaskRecord | null>;
  put(record: TaskRecord): Promise<void>;
  renderPath(taskId: string): string;
};

async function readRecord(path: string): Promise<TaskRecord | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as TaskRecord;
  return parsed.version === 1 ? parsed : null;
}

/** Opens (lazily creating) the index under `stateDir`. */
export function openTaskIndex(stateDir: string): TaskIndex {
  const dir = join(stateDir, 'tasks');
  const rendersDir = join(stateDir, 'renders');
  const pathOf = (taskId: string) => join(dir, `${taskId}.json`);
  const writeTemp = async (record: TaskRecord): Promise<string> => {
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.tmp-${randomUUID()}`);
    await writeFile(tmp, `${JSON.stringify(record, null, 1)}\n`);
    return tmp;
  };
  return {
    dir,
    rendersDir,
    async create(record) {
      const tmp = await writeTemp(record);
      try {
        await link(tmp, pathOf(record.taskId));
        return { record, created: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const existing = await readRecord(pathOf(record.taskId));
        if (existing === null) throw error;
        return { record: existing, created: false };
      } finally {
        await rm(tmp, { force: true });
      }
    },
    get: (taskId) => readRecord(pathOf(taskId)),
    async put(record) {
      await rename(await writeTemp(record), pathOf(record.taskId));
    },
    renderPath: (taskId) => join(rendersDir, `${taskId}.mp4`),
  };
}

/** Builds the pages' and API's plain data from the store, reusing the reports' summaries. */
import { isAbsolute, join, relative, sep } from 'node:path';
import type { AssetRecord, JobView } from '../contract/run.ts';
import { formatRate } from '../reports/summary.ts';
import type { Store } from '../store/store.ts';
import type { Workspace } from '../store/workspace.ts';
import type { ClipSources } from '../web/clip-card.ts';
import { type ExperimentRow, experimentRow } from '../web/experiments-page.ts';

/** Every run, newest first, with totals and progress. */
export function experimentRows(store: Store): ExperimentRow[] {
  const totals = store.views.runTotals();
  return store.experiments.list().map((e) => experimentRow(e, totals.get(e.id)));
}

/**
 * The dashboard URL of an asset, or null when its file is not inside the workspace media directory
 * (such files are never served).
 */
export function mediaPath(workspace: Workspace, asset: AssetRecord): string | null {
  const absolute = isAbsolute(asset.path) ? asset.path : join(workspace.root, asset.path);
  const rel = relative(workspace.mediaDir, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/** The original clip first, then a WebM rendition for browsers without H.264. */
export function clipSources(workspace: Workspace, job: JobView): ClipSources {
  if (job.clip === null) return [];
  const path = mediaPath(workspace, job.clip);
  if (path === null) return [];
  if (/\.webm$/i.test(path)) return [{ src: `/media/${path}`, type: 'video/webm' }];
  return [
    { src: `/media/${path}`, type: job.clip.content_type ?? 'video/mp4' },
    { src: `/renditions/webm/${path}`, type: 'video/webm' },
  ];
}

/** "75% (3/4)" for the run header after a review changes the effective verdicts. */
export function usableRateText(usable: number, judged: number): string {
  return `${formatRate(judged === 0 ? null : usable / judged)} (${usable}/${judged})`;
}

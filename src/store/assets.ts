/** Assets repository: content-addressed media files (clips, contact sheets, references). */
import type { AssetRecord } from '../contract/run.ts';
import type { StoreDb } from './db.ts';
import { bool, num, numOrNull, type Row, str, strOrNull } from './rows.ts';

export type NewAsset = {
  contentHash: string;
  kind: AssetRecord['kind'];
  /** Relative to the workspace root when inside it (portable workspaces), else absolute. */
  path: string;
  bytes: number;
  durationS?: number | null | undefined;
  contentType?: string | null | undefined;
  simulated?: boolean | undefined;
};

/** An `assets` row as a record (shared with the read models in run-views.ts). */
export function assetFromRow(row: Row): AssetRecord {
  return {
    content_hash: str(row['content_hash']),
    kind: str(row['kind']) as AssetRecord['kind'],
    path: str(row['path']),
    bytes: num(row['bytes']),
    duration_s: numOrNull(row['duration_s']),
    content_type: strOrNull(row['content_type']),
    simulated: bool(row['simulated']),
    created_at: str(row['created_at']),
  };
}

export function createAssetsRepo(db: StoreDb) {
  const get = (contentHash: string): AssetRecord | null => {
    const row = db.sql.prepare('SELECT * FROM assets WHERE content_hash = ?').get(contentHash) as
      | Row
      | undefined;
    return row === undefined ? null : assetFromRow(row);
  };
  return {
    get,
    /** Records an asset; the same content hash twice keeps the first row (content addressing). */
    put(input: NewAsset): AssetRecord {
      db.sql
        .prepare(
          `INSERT OR IGNORE INTO assets (content_hash, kind, path, bytes, duration_s, content_type, simulated, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.contentHash,
          input.kind,
          input.path,
          input.bytes,
          input.durationS ?? null,
          input.contentType ?? null,
          input.simulated === true ? 1 : 0,
          db.now().toISOString(),
        );
      return get(input.contentHash) as AssetRecord;
    },
  };
}

export type AssetsRepo = ReturnType<typeof createAssetsRepo>;

/** Preset approvals repository: immutable approved versions with evidence, and retirement. */
import type { PresetApprovalRecord } from '../contract/run.ts';
import type { StoreDb } from './db.ts';
import { bool, jsonOrNull, num, numOrNull, type Row, str, strOrNull, toJson } from './rows.ts';
import { StoreError } from './store-error.ts';

export type NewApproval = {
  presetId: string;
  /** Defaults to the next version after the highest recorded one. */
  version?: number | undefined;
  rangeMin?: number | null | undefined;
  rangeMax?: number | null | undefined;
  runId?: string | null | undefined;
  evidence?: Record<string, unknown> | undefined;
  /** The preset document as approved (kept immutable). */
  preset?: Record<string, unknown> | null | undefined;
};

function toRecord(row: Row): PresetApprovalRecord {
  return {
    id: num(row['id']),
    preset_id: str(row['preset_id']),
    version: num(row['version']),
    range_min: numOrNull(row['range_min']),
    range_max: numOrNull(row['range_max']),
    run_id: strOrNull(row['run_id']),
    evidence: jsonOrNull<Record<string, unknown>>(row['evidence']) ?? {},
    preset: jsonOrNull<Record<string, unknown>>(row['preset']),
    approved_at: str(row['approved_at']),
    retired: bool(row['retired']),
    retired_at: strOrNull(row['retired_at']),
    retired_reason: strOrNull(row['retired_reason']),
    replacement: strOrNull(row['replacement']),
  };
}

export function createPresetApprovalsRepo(db: StoreDb) {
  const list = (presetId?: string): PresetApprovalRecord[] =>
    (
      db.sql
        .prepare(
          'SELECT * FROM preset_approvals WHERE (? IS NULL OR preset_id = ?) ORDER BY preset_id, version',
        )
        .all(presetId ?? null, presetId ?? null) as Row[]
    ).map(toRecord);
  return {
    /** Records a new approved version (a version number that exists already is a `store_conflict`). */
    approve(input: NewApproval): PresetApprovalRecord {
      return db.tx(() => {
        const max = db.sql
          .prepare('SELECT max(version) AS v FROM preset_approvals WHERE preset_id = ?')
          .get(input.presetId) as Row;
        const version = input.version ?? (numOrNull(max['v']) ?? 0) + 1;
        const clash = db.sql
          .prepare('SELECT 1 FROM preset_approvals WHERE preset_id = ? AND version = ?')
          .get(input.presetId, version);
        if (clash !== undefined)
          throw new StoreError({
            code: 'store_conflict',
            message: `preset ${input.presetId}@${version} is already approved; approved versions are immutable`,
            hint: 'approve a new version instead',
          });
        db.sql
          .prepare(
            `INSERT INTO preset_approvals (preset_id, version, range_min, range_max, run_id, evidence, preset, approved_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            input.presetId,
            version,
            input.rangeMin ?? null,
            input.rangeMax ?? null,
            input.runId ?? null,
            JSON.stringify(input.evidence ?? {}),
            toJson(input.preset),
            db.now().toISOString(),
          );
        return toRecord(
          db.sql
            .prepare('SELECT * FROM preset_approvals WHERE preset_id = ? AND version = ?')
            .get(input.presetId, version) as Row,
        );
      });
    },
    /** All approvals (or one preset's), by preset then version. */
    list,
    /** The newest approved version of a preset, skipping retired ones unless asked. */
    latest(presetId: string, options: { includeRetired?: boolean } = {}): PresetApprovalRecord | null {
      const rows = list(presetId).filter((r) => options.includeRetired === true || !r.retired);
      return rows.at(-1) ?? null;
    },
    /** Retires one version, or every version of the preset when `version` is omitted. History is kept. */
    retire(
      presetId: string,
      options: { version?: number | undefined; reason: string; replacement?: string | null | undefined },
    ): PresetApprovalRecord[] {
      return db.tx(() => {
        db.sql
          .prepare(
            `UPDATE preset_approvals SET retired = 1, retired_at = ?, retired_reason = ?, replacement = ?
             WHERE preset_id = ? AND retired = 0 AND (? IS NULL OR version = ?)`,
          )
          .run(
            db.now().toISOString(),
            options.reason,
            options.replacement ?? null,
            presetId,
            options.version ?? null,
            options.version ?? null,
          );
        return list(presetId);
      });
    },
  };
}

export type PresetApprovalsRepo = ReturnType<typeof createPresetApprovalsRepo>;

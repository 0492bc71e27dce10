/** Experiments (runs) repository. */
import { randomBytes } from 'node:crypto';
import type { ExperimentRecord, ExperimentStatus } from '../contract/run.ts';
import type { StoreDb } from './db.ts';
import { isoWeek } from './iso-week.ts';
import { bool, jsonOrNull, numOrNull, type Row, str, strOrNull, toJson } from './rows.ts';
import { StoreError } from './store-error.ts';

export type NewExperiment = {
  /** Run id; generated (`run-20261126-101500-a1b2`) when absent. */
  id?: string | undefined;
  name: string;
  presetId?: string | null | undefined;
  presetVersion?: number | null | undefined;
  provider: string;
  model?: string | null | undefined;
  /** Swept variable path, e.g. `motion.motion_score`. */
  variable?: string | null | undefined;
  configHash?: string | null | undefined;
  budgetUsd?: number | null | undefined;
  simulated?: boolean | undefined;
  config?: Record<string, unknown> | undefined;
  plan?: Record<string, unknown> | undefined;
  status?: ExperimentStatus | undefined;
};

export type ExperimentFilter = {
  preset?: string | undefined;
  provider?: string | undefined;
  limit?: number | undefined;
};

export function experimentFromRow(row: Row): ExperimentRecord {
  return {
    id: str(row['id']),
    name: str(row['name']),
    preset_id: strOrNull(row['preset_id']),
    preset_version: numOrNull(row['preset_version']),
    preset: strOrNull(row['preset']),
    provider: str(row['provider']),
    model: strOrNull(row['model']),
    variable: strOrNull(row['variable']),
    config_hash: strOrNull(row['config_hash']),
    status: str(row['status']) as ExperimentStatus,
    budget_usd: numOrNull(row['budget_usd']),
    simulated: bool(row['simulated']),
    config: jsonOrNull<Record<string, unknown>>(row['config']) ?? {},
    plan: jsonOrNull<Record<string, unknown>>(row['plan']) ?? {},
    summary: jsonOrNull<Record<string, unknown>>(row['summary']),
    created_at: str(row['created_at']),
    updated_at: str(row['updated_at']),
    finished_at: strOrNull(row['finished_at']),
    iso_week: str(row['iso_week']),
  };
}

/** A sortable, readable run id: `run-YYYYMMDD-HHMMSS-xxxx`. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(2).toString('hex')}`;
}

export function createExperimentsRepo(db: StoreDb) {
  const get = (id: string): ExperimentRecord | null => {
    const row = db.sql.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? null : experimentFromRow(row);
  };
  const require = (id: string): ExperimentRecord => {
    const found = get(id);
    if (found === null)
      throw new StoreError({
        code: 'store_not_found',
        message: `no run with id "${id}"`,
        hint: 'list runs with `clipbench runs list`',
      });
    return found;
  };
  const touch = (id: string, sets: string, values: unknown[]): ExperimentRecord => {
    const info = db.sql
      .prepare(`UPDATE experiments SET ${sets}, updated_at = ? WHERE id = ?`)
      .run(...values, db.now().toISOString(), id);
    if (info.changes === 0) return require(id);
    return require(id);
  };

  return {
    /** Inserts a run and returns it. */
    create(input: NewExperiment): ExperimentRecord {
      const now = db.now();
      const id = input.id ?? newRunId(now);
      const presetId = input.presetId ?? null;
      const presetVersion = input.presetVersion ?? null;
      const preset =
        presetId === null ? null : presetVersion === null ? presetId : `${presetId}@${presetVersion}`;
      db.sql
        .prepare(
          `INSERT INTO experiments (id, name, preset_id, preset_version, preset, provider, model, variable,
             config_hash, status, budget_usd, simulated, config, plan, created_at, updated_at, iso_week)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.name,
          presetId,
          presetVersion,
          preset,
          input.provider,
          input.model ?? null,
          input.variable ?? null,
          input.configHash ?? null,
          input.status ?? 'planned',
          input.budgetUsd ?? null,
          input.simulated === true ? 1 : 0,
          JSON.stringify(input.config ?? {}),
          JSON.stringify(input.plan ?? {}),
          now.toISOString(),
          now.toISOString(),
          isoWeek(now),
        );
      return require(id);
    },
    get,
    /** Like `get`, but a missing run is a `store_not_found` error (exit 2). */
    require,
    /**
     * Resolves a user's run reference: an exact id, `latest`, or a unique id prefix/suffix.
     * Throws `store_not_found` otherwise.
     */
    resolve(ref: string): ExperimentRecord {
      if (ref === 'latest' || ref === 'last') {
        const row = db.sql
          .prepare('SELECT * FROM experiments ORDER BY created_at DESC, rowid DESC LIMIT 1')
          .get() as Row | undefined;
        if (row === undefined)
          throw new StoreError({
            code: 'store_not_found',
            message: 'no runs in this workspace yet',
            hint: 'run an experiment first (`clipbench run <experiment.yaml>` or `clipbench demo`)',
          });
        return experimentFromRow(row);
      }
      const exact = get(ref);
      if (exact !== null) return exact;
      const rows = db.sql
        .prepare("SELECT * FROM experiments WHERE id LIKE ? || '%' OR id LIKE '%' || ? LIMIT 3")
        .all(ref, ref) as Row[];
      if (rows.length === 1 && rows[0] !== undefined) return experimentFromRow(rows[0]);
      throw new StoreError({
        code: 'store_not_found',
        message:
          rows.length === 0
            ? `no run matches "${ref}"`
            : `"${ref}" matches several runs; give more of the id`,
        hint: 'list runs with `clipbench runs list`',
      });
    },
    /** Runs, newest first. */
    list(filter: ExperimentFilter = {}): ExperimentRecord[] {
      const where: string[] = [];
      const values: unknown[] = [];
      if (filter.preset !== undefined) {
        where.push('(preset = ? OR preset_id = ?)');
        values.push(filter.preset, filter.preset);
      }
      if (filter.provider !== undefined) {
        where.push('provider = ?');
        values.push(filter.provider);
      }
      const sql = `SELECT * FROM experiments ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, rowid DESC LIMIT ?`;
      return (db.sql.prepare(sql).all(...values, filter.limit ?? -1) as Row[]).map(experimentFromRow);
    },
    /** The newest run of the same experiment document (resume by re-running the same file). */
    findByConfigHash(configHash: string): ExperimentRecord | null {
      const row = db.sql
        .prepare(
          'SELECT * FROM experiments WHERE config_hash = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
        )
        .get(configHash) as Row | undefined;
      return row === undefined ? null : experimentFromRow(row);
    },
    /** Sets the status; `completed`, `stopped` and `failed` also stamp `finished_at`. */
    setStatus(id: string, status: ExperimentStatus): ExperimentRecord {
      const finished = status === 'completed' || status === 'stopped' || status === 'failed';
      return touch(id, 'status = ?, finished_at = ?', [status, finished ? db.now().toISOString() : null]);
    },
    setPlan(id: string, plan: Record<string, unknown>): ExperimentRecord {
      return touch(id, 'plan = ?', [JSON.stringify(plan)]);
    },
    setSummary(id: string, summary: Record<string, unknown> | null): ExperimentRecord {
      return touch(id, 'summary = ?', [toJson(summary)]);
    },
  };
}

export type ExperimentsRepo = ReturnType<typeof createExperimentsRepo>;

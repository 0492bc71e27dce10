/**
 * Ordered schema migrations. Append only: never edit a shipped migration, add a new one. Each runs
 * once, inside one immediate transaction, and is recorded in `migrations`. Scalar columns carry what
 * is filtered or sorted (and are indexed); JSON text columns carry payloads.
 */
export type Migration = { version: number; name: string; sql: string };

const INITIAL = `
CREATE TABLE experiments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  preset_id TEXT,
  preset_version INTEGER,
  preset TEXT,                      -- "id@version", what reports group by
  provider TEXT NOT NULL,
  model TEXT,
  variable TEXT,                    -- the swept variable's path, e.g. motion.motion_score
  config_hash TEXT,                 -- hash of the experiment document, for resume
  status TEXT NOT NULL DEFAULT 'planned',
  budget_usd REAL,
  simulated INTEGER NOT NULL DEFAULT 0,
  config TEXT NOT NULL DEFAULT '{}',   -- JSON: the experiment document
  plan TEXT NOT NULL DEFAULT '{}',     -- JSON: expanded plan / runner notes
  summary TEXT,                        -- JSON: summary computed at the end of the run
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT,
  iso_week TEXT NOT NULL
);
CREATE INDEX experiments_created ON experiments(created_at);
CREATE INDEX experiments_config_hash ON experiments(config_hash);
CREATE INDEX experiments_preset ON experiments(preset);

CREATE TABLE assets (
  content_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL,               -- clip | contact_sheet | reference | other
  path TEXT NOT NULL,               -- relative to the workspace root when inside it
  bytes INTEGER NOT NULL,
  duration_s REAL,
  content_type TEXT,
  simulated INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  experiment_id TEXT NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
  job_key TEXT NOT NULL,
  state TEXT NOT NULL,
  parked_from TEXT,
  preset TEXT,
  provider TEXT NOT NULL,
  model TEXT,
  prompt_hash TEXT,
  request_hash TEXT,
  skeleton_id TEXT,
  reference_id TEXT,
  motion_score REAL,
  camera_intent TEXT,
  seed INTEGER,
  repeat_index INTEGER NOT NULL DEFAULT 0,
  pass_name TEXT,                   -- baseline | mid | stress (three-pass), or null
  sweep_value TEXT,                 -- JSON value of the swept variable at this point
  failover_of INTEGER REFERENCES jobs(id),
  failover_reason TEXT,
  reused_from INTEGER REFERENCES jobs(id),
  provider_task_id TEXT,
  clip_hash TEXT REFERENCES assets(content_hash),
  thumb_hash TEXT REFERENCES assets(content_hash),
  estimated_cost_usd REAL,
  cost_usd REAL,
  cost_basis TEXT,
  verdict TEXT,                     -- effective verdict (human wins), kept in step by the verdicts repository
  simulated INTEGER NOT NULL DEFAULT 0,
  request TEXT NOT NULL,            -- JSON: normalised request
  task_meta TEXT,                   -- JSON: provider task data (SubmittedJob)
  error TEXT,                       -- JSON: {code, message, ...} of the last failure
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  finished_at TEXT,
  iso_week TEXT NOT NULL,
  UNIQUE (experiment_id, job_key)
);
CREATE INDEX jobs_key ON jobs(job_key);
CREATE INDEX jobs_state ON jobs(experiment_id, state);
CREATE INDEX jobs_preset ON jobs(preset);
CREATE INDEX jobs_provider_model ON jobs(provider, model);
CREATE INDEX jobs_prompt_hash ON jobs(prompt_hash);
CREATE INDEX jobs_skeleton ON jobs(skeleton_id);
CREATE INDEX jobs_reference ON jobs(reference_id);
CREATE INDEX jobs_motion_score ON jobs(motion_score);
CREATE INDEX jobs_camera_intent ON jobs(camera_intent);
CREATE INDEX jobs_verdict ON jobs(verdict);
CREATE INDEX jobs_cost ON jobs(cost_usd);
CREATE INDEX jobs_week ON jobs(iso_week);
CREATE INDEX jobs_failover_of ON jobs(failover_of);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  phase TEXT NOT NULL,              -- submit | status | download | lookup | analyze
  attempts INTEGER NOT NULL,        -- tries made by the one retry layer (1 = no retry)
  total_delay_ms INTEGER NOT NULL DEFAULT 0,
  latency_ms INTEGER,
  outcome TEXT NOT NULL,            -- ok | error
  error_code TEXT,
  http_status INTEGER,
  detail TEXT,                      -- JSON: delays, retry-after values, provider request ids
  created_at TEXT NOT NULL
);
CREATE INDEX attempts_job ON attempts(job_id);

CREATE TABLE analyses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  clip_hash TEXT REFERENCES assets(content_hash),
  camera_move TEXT,
  camera_speed TEXT,
  result TEXT NOT NULL,             -- JSON: AnalysisResult
  created_at TEXT NOT NULL
);
CREATE INDEX analyses_job ON analyses(job_id);
CREATE INDEX analyses_clip ON analyses(clip_hash);

CREATE TABLE verdicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('auto', 'human')),
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'pass_with_edits', 'fail')),
  temporal_score REAL,
  subject_score REAL,
  camera_score REAL,
  rubric TEXT,                      -- JSON: Rubric (auto) or null (human)
  note TEXT,
  reviewer TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX verdicts_job ON verdicts(job_id, source);

-- Effective verdict per job: the latest human verdict when one exists, else the latest automatic one.
CREATE VIEW effective_verdicts AS
SELECT v.* FROM verdicts v
WHERE v.id = (
  SELECT v2.id FROM verdicts v2 WHERE v2.job_id = v.job_id
  ORDER BY (v2.source = 'human') DESC, v2.id DESC LIMIT 1
);

CREATE TABLE preset_approvals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  preset_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  range_min REAL,
  range_max REAL,
  run_id TEXT REFERENCES experiments(id) ON DELETE SET NULL,
  evidence TEXT NOT NULL DEFAULT '{}',  -- JSON: usable rate per motion_score, counts, notes
  preset TEXT,                          -- JSON: the approved preset document (immutable)
  approved_at TEXT NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0,
  retired_at TEXT,
  retired_reason TEXT,
  replacement TEXT,
  UNIQUE (preset_id, version)
);
CREATE INDEX preset_approvals_preset ON preset_approvals(preset_id, retired);
`;

/** Every migration, in order. The highest version is what this clipbench understands. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial run log', sql: INITIAL }];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * The preset catalog: builtin presets (`presets/*.yaml` in this package) plus user presets from the
 * project (`<cwd>/presets/*.yaml`, `<cwd>/.clipbench/presets/*.yaml`). Each file is one immutable
 * version record; `extends` is resolved here; two records claiming the same `id@version` with
 * different content are rejected, because an approved version must never change underfoot.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalHash } from '../contract/canonical.ts';
import { deepMerge } from '../contract/diff.ts';
import { loadDocument } from '../contract/load.ts';
import {
  PRESET_LIFECYCLE_FIELDS,
  type Preset,
  type PresetFile,
  PresetFileSchema,
  PresetSchema,
  parsePresetRef,
} from '../contract/preset.ts';
import { invalidDocumentError, problemsError } from '../contract/zod-issues.ts';
import { InputError } from '../errors/input-error.ts';

/** One resolved preset version and where it came from. */
export type PresetRecord = {
  preset: Preset;
  /** sha256 of the version's content (everything except lifecycle fields). */
  contentHash: string;
  file: string;
  source: 'builtin' | 'user';
};

export type PresetCatalog = { records: readonly PresetRecord[] };

/** Where the builtin preset files live (the package's `presets/` folder). */
export function builtinPresetsDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../presets');
}

/** The user preset folders searched under a project directory, in order. */
export function userPresetDirs(cwd: string): string[] {
  return [join(cwd, 'presets'), join(cwd, '.clipbench', 'presets')];
}

function yamlFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

type RawRecord = { file: PresetFile; path: string; shown: string; source: 'builtin' | 'user' };

function readRaw(path: string, shown: string, source: RawRecord['source']): RawRecord {
  const doc = loadDocument(path, '/');
  const parsed = PresetFileSchema.safeParse(doc.data);
  if (!parsed.success)
    throw invalidDocumentError(parsed.error, PresetFileSchema, { file: shown, what: 'the preset' });
  return { file: parsed.data, path, shown, source };
}

/** Content hash of a preset version: lifecycle fields excluded so retiring does not change it. */
export function presetContentHash(preset: Preset): string {
  const content: Record<string, unknown> = { ...preset };
  for (const field of PRESET_LIFECYCLE_FIELDS) delete content[field];
  return canonicalHash(content);
}

function findRaw(raws: readonly RawRecord[], ref: string): RawRecord | undefined {
  const { id, version } = parsePresetRef(ref);
  const matching = raws.filter(
    (r) => r.file.id === id && (version === undefined || r.file.version === version),
  );
  return matching.sort((a, b) => b.file.version - a.file.version)[0];
}

function resolveRaw(raw: RawRecord, raws: readonly RawRecord[], seen: readonly string[]): Preset {
  const key = `${raw.file.id}@${raw.file.version}`;
  if (seen.includes(key)) {
    throw new InputError({
      code: 'preset_extends_cycle',
      message: `preset extends itself: ${[...seen, key].join(' → ')}`,
      file: raw.shown,
      field: 'extends',
      hint: 'break the cycle by removing one `extends`',
    });
  }
  let merged: Record<string, unknown> = { ...raw.file };
  if (raw.file.extends !== undefined) {
    if (raw.file.status === 'approved' && parsePresetRef(raw.file.extends).version === undefined) {
      throw new InputError({
        code: 'preset_extends_unpinned',
        message: `an approved preset must extend a pinned version, got \`${raw.file.extends}\``,
        file: raw.shown,
        field: 'extends',
        hint: `write \`extends: ${raw.file.extends}@<version>\` so this version can never change underfoot`,
      });
    }
    const parentRaw = findRaw(raws, raw.file.extends);
    if (parentRaw === undefined) {
      throw new InputError({
        code: 'unknown_preset',
        message: `\`extends: ${raw.file.extends}\` names no known preset`,
        file: raw.shown,
        field: 'extends',
        hint: `known presets: ${[...new Set(raws.map((r) => r.file.id))].join(', ')}`,
      });
    }
    const parent = resolveRaw(parentRaw, raws, [...seen, key]);
    const { status: _s, replaced_by: _r, retired_reason: _rr, extends: _e, ...inherited } = parent;
    merged = { ...inherited, ...merged, request: deepMerge(parent.request, raw.file.request ?? {}) };
  }
  const parsed = PresetSchema.safeParse(merged);
  if (!parsed.success)
    throw invalidDocumentError(parsed.error, PresetSchema, { file: raw.shown, what: 'the preset' });
  return checkSweep(parsed.data, raw.shown);
}

/** The preset's own sweep must respect its max increment and stay inside 0..10. */
function checkSweep(preset: Preset, shown: string): Preset {
  const { baseline, mid, stress, max_increment } = preset.sweep;
  const problems = [
    [baseline, mid, 'sweep.mid'],
    [mid, stress, 'sweep.stress'],
  ]
    .filter(([from, to]) => (to as number) - (from as number) > max_increment + 1e-9)
    .map(([from, to, path]) => ({
      path: path as string,
      message: `step ${from} → ${to} exceeds sweep.max_increment ${max_increment}`,
      hint: 'add an intermediate point or raise max_increment',
    }));
  if (problems.length > 0) throw problemsError(problems, { file: shown, what: 'the preset' });
  return preset;
}

/** Loads builtin and project presets under `cwd`, resolving `extends` and checking immutability. */
export function loadPresetCatalog(options: {
  cwd: string;
  builtinDir?: string;
  /** Extra preset files (e.g. one being validated outside the preset folders). */
  extraFiles?: readonly string[];
}): PresetCatalog {
  const builtin = options.builtinDir ?? builtinPresetsDir();
  const seenDirs = new Set<string>();
  const raws: RawRecord[] = [];
  const dirs: Array<[string, RawRecord['source']]> = [
    [builtin, 'builtin'],
    ...userPresetDirs(options.cwd).map((d): [string, RawRecord['source']] => [d, 'user']),
  ];
  for (const [dir, source] of dirs) {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue;
    }
    // Running inside this repository makes `<cwd>/presets` the builtin folder: read it once.
    if (seenDirs.has(real)) continue;
    seenDirs.add(real);
    for (const path of yamlFiles(real)) {
      const shown =
        source === 'builtin' ? `builtin:presets/${basename(path)}` : relative(options.cwd, path) || path;
      raws.push(readRaw(path, shown, source));
    }
  }
  const loaded = new Set(raws.map((r) => r.path));
  for (const extra of options.extraFiles ?? []) {
    const real = realpathSync(extra);
    if (!loaded.has(real)) raws.push(readRaw(real, relative(options.cwd, real) || real, 'user'));
  }
  const records: PresetRecord[] = [];
  for (const raw of raws) {
    const preset = resolveRaw(raw, raws, []);
    const record: PresetRecord = {
      preset,
      contentHash: presetContentHash(preset),
      file: raw.shown,
      source: raw.source,
    };
    const twin = records.find((r) => r.preset.id === preset.id && r.preset.version === preset.version);
    if (twin !== undefined && twin.contentHash !== record.contentHash) {
      throw new InputError({
        code: 'preset_version_conflict',
        message: `${preset.id}@${preset.version} is defined twice with different content (${twin.file} and ${raw.shown})`,
        file: raw.shown,
        field: 'version',
        hint: 'preset versions are immutable: give your changed copy a new version number',
      });
    }
    if (twin === undefined) records.push(record);
  }
  records.sort((a, b) => a.preset.id.localeCompare(b.preset.id) || a.preset.version - b.preset.version);
  return { records };
}

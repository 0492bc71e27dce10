/**
 * Picking a preset version from the catalog: `id` means the newest approved version, `id@N` means
 * exactly that version. Retired versions cannot start new runs; the error names the replacement.
 */
import { type Preset, parsePresetRef, presetRef } from '../contract/preset.ts';
import { didYouMean } from '../contract/suggest.ts';
import { InputError } from '../errors/input-error.ts';
import { loadPresetCatalog, type PresetCatalog, type PresetRecord } from './catalog.ts';

export type ResolveOptions = {
  /** True (default) when the preset is about to be used for a new run: retired versions are refused. */
  forNewRun?: boolean;
  field?: string | undefined;
  file?: string | undefined;
};

function retiredError(record: PresetRecord, options: ResolveOptions): InputError {
  const preset = record.preset;
  const replacement = preset.replaced_by;
  return new InputError({
    code: 'preset_retired',
    message: `preset ${presetRef(preset)} is retired${preset.retired_reason ? ` (${preset.retired_reason})` : ''}${
      replacement ? `; use ${replacement} instead` : ''
    }`,
    field: options.field,
    file: options.file,
    hint: replacement
      ? `replace \`${presetRef(preset)}\` with \`${replacement}\``
      : 'run `clipbench presets list` to pick an approved preset',
  });
}

/** Finds the record for `ref` (`id` or `id@version`). */
export function resolvePresetRecord(
  catalog: PresetCatalog,
  ref: string,
  options: ResolveOptions = {},
): PresetRecord {
  const forNewRun = options.forNewRun ?? true;
  const { id, version } = parsePresetRef(ref);
  const versions = catalog.records.filter((r) => r.preset.id === id);
  if (versions.length === 0) {
    const ids = [...new Set(catalog.records.map((r) => r.preset.id))];
    throw new InputError({
      code: 'unknown_preset',
      message: `unknown preset \`${ref}\``,
      field: options.field,
      file: options.file,
      hint: didYouMean(id, ids) ?? `known presets: ${ids.join(', ')}`,
    });
  }
  if (version !== undefined) {
    const exact = versions.find((r) => r.preset.version === version);
    if (exact === undefined) {
      throw new InputError({
        code: 'unknown_preset_version',
        message: `preset ${id} has no version ${version}`,
        field: options.field,
        file: options.file,
        hint: `known versions: ${versions.map((r) => presetRef(r.preset)).join(', ')}`,
      });
    }
    if (forNewRun && exact.preset.status === 'retired') throw retiredError(exact, options);
    return exact;
  }
  const newestFirst = [...versions].sort((a, b) => b.preset.version - a.preset.version);
  const approved = newestFirst.find((r) => r.preset.status === 'approved');
  if (approved !== undefined) return approved;
  const newest = newestFirst[0] as PresetRecord;
  if (!forNewRun) return newest;
  if (newest.preset.status === 'retired') throw retiredError(newest, options);
  throw new InputError({
    code: 'preset_not_approved',
    message: `preset ${id} has no approved version (newest: ${presetRef(newest.preset)}, ${newest.preset.status})`,
    field: options.field,
    file: options.file,
    hint: `name the draft explicitly as \`${presetRef(newest.preset)}\` to try it`,
  });
}

/** Resolves `ref` to a preset. */
export function resolvePreset(catalog: PresetCatalog, ref: string, options: ResolveOptions = {}): Preset {
  return resolvePresetRecord(catalog, ref, options).preset;
}

/** Loads the catalog under `cwd` and resolves one preset. */
export function loadPreset(
  id: string,
  options: { cwd: string; version?: number; forNewRun?: boolean },
): Preset {
  const ref = options.version === undefined ? id : `${id}@${options.version}`;
  return resolvePreset(loadPresetCatalog({ cwd: options.cwd }), ref, {
    forNewRun: options.forNewRun ?? true,
  });
}

/** Every preset version known under `cwd`, sorted by id then version. */
export function listPresets(options: { cwd: string }): PresetRecord[] {
  return [...loadPresetCatalog(options).records];
}

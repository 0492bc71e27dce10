import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../test/helpers/thrown.ts';
import { parseCameraIntent } from '../camera/parse.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { loadPresetCatalog } from './catalog.ts';
import { listPresets, loadPreset, resolvePreset } from './resolve.ts';

function project(files: Record<string, string>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'clipbench-presets-'));
  mkdirSync(join(cwd, 'presets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, 'presets', name), text);
  return cwd;
}

const failure = (fn: () => unknown): ClipbenchError => thrownBy(fn, ClipbenchError);

const empty = mkdtempSync(join(tmpdir(), 'clipbench-nopresets-'));

describe('builtin presets', () => {
  const records = listPresets({ cwd: empty });

  it('ships ad, dance, product and narrative, approved at version 1', () => {
    expect(records.map((r) => `${r.preset.id}@${r.preset.version}`)).toEqual([
      'ad@1',
      'dance@1',
      'narrative@1',
      'product@1',
    ]);
    for (const r of records) expect(r.preset.status).toBe('approved');
  });

  it('keeps sweep points inside the 0–10 scale, rising, within the max increment', () => {
    for (const { preset } of records) {
      const { baseline, mid, stress, max_increment } = preset.sweep;
      expect(baseline).toBeLessThan(mid);
      expect(mid).toBeLessThan(stress);
      expect(mid - baseline).toBeLessThanOrEqual(max_increment);
      expect(stress - mid).toBeLessThanOrEqual(max_increment);
      expect(preset.motion_score.min).toBeLessThanOrEqual(preset.motion_score.max);
    }
  });

  it('gives each preset its own simulator sweet spot', () => {
    const spots = records.map((r) => r.preset.simulator.sweet_spot_motion_score);
    expect(new Set(spots).size).toBe(records.length);
  });

  it('only allows camera templates the parser understands', () => {
    for (const { preset } of records)
      for (const phrase of preset.camera_templates) expect(() => parseCameraIntent(phrase)).not.toThrow();
  });

  it('resolves by id and by id@version; unknown ids get a did-you-mean', () => {
    expect(loadPreset('product', { cwd: empty }).version).toBe(1);
    expect(loadPreset('product', { cwd: empty, version: 1 }).id).toBe('product');
    const error = failure(() => loadPreset('prodcut', { cwd: empty }));
    expect(error.code).toBe('unknown_preset');
    expect(error.hint).toContain('`product`');
    expect(failure(() => loadPreset('product', { cwd: empty, version: 9 })).code).toBe(
      'unknown_preset_version',
    );
  });
});

describe('user presets', () => {
  it('extends a builtin, inheriting sections and merging request defaults', () => {
    const cwd = project({
      'ad2.yaml':
        'id: ad\nversion: 2\nextends: ad@1\nsimulator: { sweet_spot_motion_score: 3.5 }\nrequest:\n  output: { duration_s: 10 }\n',
    });
    const preset = loadPreset('ad', { cwd });
    expect(preset.version).toBe(2);
    expect(preset.simulator.sweet_spot_motion_score).toBe(3.5);
    expect(preset.sweep.max_increment).toBe(2); // inherited from ad@1
    expect(preset.request).toMatchObject({ output: { duration_s: 10, resolution: '1080p' } });
  });

  it('refuses to redefine an existing version with different content (immutability)', () => {
    const cwd = project({
      'ad.yaml': 'id: ad\nversion: 1\nextends: ad@1\nsimulator: { sweet_spot_motion_score: 9 }\n',
    });
    const error = failure(() => loadPresetCatalog({ cwd }));
    expect(['preset_version_conflict', 'preset_extends_cycle']).toContain(error.code);
  });

  it('detects a different-content twin of a builtin version', () => {
    const cwd = project({
      'base.yaml': 'id: mine\nversion: 1\nextends: product@1\n',
      'twin.yaml': 'id: mine\nversion: 1\nextends: product@1\ndescription: changed\n',
    });
    const error = failure(() => loadPresetCatalog({ cwd }));
    expect(error.code).toBe('preset_version_conflict');
    expect(error.hint).toContain('new version');
  });

  it('refuses a retired preset for a new run, naming its replacement', () => {
    const cwd = project({
      'p1.yaml':
        'id: promo\nversion: 1\nextends: ad@1\nstatus: retired\nreplaced_by: promo@2\nretired_reason: low usable rate\n',
      'p2.yaml': 'id: promo\nversion: 2\nextends: ad@1\n',
    });
    const catalog = loadPresetCatalog({ cwd });
    const error = failure(() => resolvePreset(catalog, 'promo@1'));
    expect(error.code).toBe('preset_retired');
    expect(error.message).toContain('promo@2');
    expect(resolvePreset(catalog, 'promo@1', { forNewRun: false }).status).toBe('retired');
    expect(resolvePreset(catalog, 'promo').version).toBe(2);
  });

  it('requires an approved preset to extend a pinned version', () => {
    const cwd = project({ 'x.yaml': 'id: x\nversion: 1\nextends: ad\n' });
    expect(failure(() => loadPresetCatalog({ cwd })).code).toBe('preset_extends_unpinned');
  });

  it('reports schema problems with the file and field', () => {
    const cwd = project({
      'bad.yaml':
        'id: bad\nversion: 1\nextends: ad@1\nsweep: { baseline: 1, mid: 5, stress: 9, max_increment: 1 }\n',
    });
    const error = failure(() => loadPresetCatalog({ cwd }));
    expect(error.file).toBe(join('presets', 'bad.yaml'));
    expect(error.message).toContain('exceeds sweep.max_increment');
  });
});

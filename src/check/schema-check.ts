/**
 * Check 1 — schema validation of every request, experiment and preset file the check config names.
 * Each file is validated the way `clipbench validate` would (requests: schema, skeleton, camera
 * phrase, media present; experiments: full plan incl. single-variable rules and preset lifecycle;
 * presets: in the catalog, extends and immutability). Also collects the motion sources the files
 * name, for the reference gate.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { requestCameraMove } from '../camera/request-move.ts';
import { type DocumentKind, documentKind } from '../contract/document-kind.ts';
import { loadDocument } from '../contract/load.ts';
import { fileMediaHasher, isContentId, isUrl } from '../contract/media-hash.ts';
import { canonicalRequest, parseRequest } from '../contract/normalise.ts';
import { presetRef } from '../contract/preset.ts';
import { InvalidDocumentError } from '../contract/zod-issues.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { planExperiment } from '../experiments/plan.ts';
import { loadPresetCatalog, type PresetCatalog } from '../presets/catalog.ts';
import { type CheckAnnotation, type CheckResult, checkResult } from './result.ts';
import { lineOfPath } from './yaml-lines.ts';

export type FileVerdict = {
  /** Path relative to the working directory. */
  file: string;
  kind: DocumentKind | null;
  ok: boolean;
  /** What the file is (ok) or what is wrong with it. */
  message: string;
  hint?: string | undefined;
  problems: Array<{ path: string; message: string; line?: number | undefined }>;
};

export type SchemaCheckOutput = {
  result: CheckResult;
  files: FileVerdict[];
  /** Absolute paths of local motion sources named by valid files. */
  motionSources: string[];
  /** Absolute paths of the valid preset files (added to the catalog for the sweep). */
  presetFiles: string[];
};

function localMedia(ref: string | undefined, dir: string): string[] {
  if (ref === undefined || isUrl(ref) || isContentId(ref)) return [];
  return [isAbsolute(ref) ? ref : resolve(dir, ref)];
}

type Validated = { kind: DocumentKind; message: string; motionSources: string[] };

function validateFile(file: string, shown: string, cwd: string, catalogFor: () => PresetCatalog): Validated {
  const doc = loadDocument(file, cwd);
  const kind = documentKind(doc.data);
  if (kind === 'request') {
    const request = parseRequest(doc.data, { file: shown });
    const camera = requestCameraMove(request, shown);
    canonicalRequest(request, fileMediaHasher(doc.dir, { file: shown }));
    return {
      kind,
      message: `valid request (camera ${camera.move}${camera.speed ? ` ${camera.speed}` : ''})`,
      motionSources: localMedia(request.motion_source.reference_video, doc.dir),
    };
  }
  if (kind === 'experiment') {
    const plan = planExperiment(file, { cwd, presets: catalogFor() });
    const sources = new Set(
      plan.jobs.flatMap((j) => localMedia(j.request.motion_source.reference_video, doc.dir)),
    );
    return {
      kind,
      message: `valid experiment (${plan.jobs.length} jobs${plan.preset ? `, preset ${plan.preset}` : ''})`,
      motionSources: [...sources],
    };
  }
  const catalog = loadPresetCatalog({ cwd, extraFiles: [file] });
  const record = catalog.records.find(
    (r) => r.preset.id === doc.data['id'] && r.preset.version === doc.data['version'],
  );
  return {
    kind,
    message: `valid preset ${record ? presetRef(record.preset) : String(doc.data['id'])}`,
    motionSources: [],
  };
}

function problemsOf(error: ClipbenchError, absolute: string): FileVerdict['problems'] {
  const list =
    error instanceof InvalidDocumentError
      ? error.problems.map((p) => ({
          path: p.path,
          message: p.hint ? `${p.message} (${p.hint})` : p.message,
        }))
      : [{ path: error.field ?? '(root)', message: error.message }];
  return list.map((p) => ({ ...p, line: lineOfPath(absolute, p.path) }));
}

/**
 * Validates every file. Input errors in a file are findings (the check fails); anything else
 * (a bug, a broken disk) propagates.
 */
export function schemaCheck(options: {
  files: readonly string[];
  cwd: string;
  /** The catalog experiments resolve presets against (built after the preset files are validated). */
  catalog: (presetFiles: readonly string[]) => PresetCatalog;
}): SchemaCheckOutput {
  const { cwd } = options;
  const verdicts: FileVerdict[] = [];
  const motionSources = new Set<string>();
  const presetFiles: string[] = [];
  // Presets first, so experiments in the same change can name a preset version added in it.
  const presetsFirst = options.files.filter((f) => peekKind(f, cwd) === 'preset');
  const ordered = [...presetsFirst, ...options.files.filter((f) => !presetsFirst.includes(f))];
  let catalog: PresetCatalog | undefined;
  const catalogFor = () => {
    catalog ??= options.catalog(presetFiles);
    return catalog;
  };
  for (const file of ordered) {
    const shown = relative(cwd, file) || file;
    try {
      const v = validateFile(file, shown, cwd, catalogFor);
      if (v.kind === 'preset') presetFiles.push(file);
      for (const m of v.motionSources) motionSources.add(m);
      verdicts.push({ file: shown, kind: v.kind, ok: true, message: v.message, problems: [] });
    } catch (error) {
      if (!(error instanceof ClipbenchError) || error.kind !== 'input') throw error;
      verdicts.push({
        file: shown,
        kind: null,
        ok: false,
        message: error.message.split('\n')[0] ?? error.message,
        hint: error.hint,
        problems: problemsOf(error, file),
      });
    }
  }
  verdicts.sort((a, b) => a.file.localeCompare(b.file));
  const bad = verdicts.filter((v) => !v.ok);
  const evidence = verdicts.flatMap((v) =>
    v.ok
      ? [`${v.file}: ${v.message}`]
      : [
          `${v.file}: INVALID — ${v.message}`,
          ...v.problems.map((p) => `  ${v.file}${p.line ? `:${p.line}` : ''} ${p.path}: ${p.message}`),
          ...(v.hint ? [`  hint: ${v.hint}`] : []),
        ],
  );
  const annotations: CheckAnnotation[] = bad.flatMap((v) =>
    v.problems.map((p) => ({
      level: 'error' as const,
      file: v.file,
      line: p.line,
      message: `${p.path}: ${p.message}`,
    })),
  );
  const result = checkResult('schema', {
    status: bad.length > 0 ? 'failed' : verdicts.length === 0 ? 'skipped' : 'passed',
    message:
      verdicts.length === 0
        ? 'skipped: the check config lists no files'
        : bad.length > 0
          ? `${bad.length} of ${verdicts.length} files invalid: ${bad.map((b) => b.file).join(', ')}`
          : `${verdicts.length} files valid`,
    evidence,
    annotations,
    ...(verdicts.length === 0 ? { hint: 'list request, experiment and preset files under `files:`' } : {}),
    data: { files: verdicts },
  });
  return { result, files: verdicts, motionSources: [...motionSources].sort(), presetFiles };
}

/** The kind of a readable document, null when it does not load (its error is reported later). */
function peekKind(file: string, cwd: string): DocumentKind | null {
  try {
    return documentKind(loadDocument(file, cwd).data);
  } catch {
    return null;
  }
}

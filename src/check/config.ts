/**
 * Loading the check config: the YAML/JSON file, its schema, and every path it names. A missing
 * config, a file or glob that matches nothing, or a missing reference is a config error (exit 2) —
 * CI must not pass because it silently checked nothing.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type CheckConfig, CheckConfigSchema } from '../contract/check-config.ts';
import { loadDocument } from '../contract/load.ts';
import { isContentId, isUrl } from '../contract/media-hash.ts';
import { invalidDocumentError } from '../contract/zod-issues.ts';
import { InputError } from '../errors/input-error.ts';

export const DEFAULT_CHECK_CONFIG = 'clipbench.check.yaml';

export type LoadedCheckConfig = {
  config: CheckConfig;
  /** Absolute path of the config file. */
  file: string;
  /** As the user gave it (for messages). */
  shown: string;
  dir: string;
  /** Absolute paths of every file to schema-validate (globs expanded, sorted, de-duplicated). */
  files: string[];
  /** Absolute paths of the local motion sources the config names directly (both lists). */
  references: string[];
  /** The sweep's motion sources: `sweep.references`, else `references` (URLs kept as given). */
  sweepReferences: string[];
};

async function expand(pattern: string, dir: string, shown: string, field: string): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(dir, pattern);
  if (existsSync(absolute)) {
    if (statSync(absolute).isDirectory())
      throw new InputError({
        code: 'is_directory',
        message: `\`${pattern}\` is a directory`,
        file: shown,
        field,
        hint: `name files or a glob such as ${pattern.replace(/\/$/, '')}/*.yaml`,
      });
    return [absolute];
  }
  if (!isDynamicPattern(pattern))
    throw new InputError({
      code: 'file_not_found',
      message: `\`${pattern}\` does not exist (resolved to ${absolute})`,
      file: shown,
      field,
      hint: 'paths in the check config are relative to the config file',
    });
  const matches = await glob([pattern], { cwd: dir, absolute: true, onlyFiles: true });
  if (matches.length === 0)
    throw new InputError({
      code: 'no_match',
      message: `no file matches \`${pattern}\``,
      file: shown,
      field,
      hint: 'paths in the check config are relative to the config file',
    });
  return matches.sort();
}

/** Reads, validates and expands the check config (`clipbench.check.yaml` under `cwd` by default). */
export async function loadCheckConfig(path: string | undefined, cwd: string): Promise<LoadedCheckConfig> {
  const given = path ?? DEFAULT_CHECK_CONFIG;
  if (path === undefined && !existsSync(resolve(cwd, given)))
    throw new InputError({
      code: 'check_config_missing',
      message: `no ${DEFAULT_CHECK_CONFIG} in ${cwd}`,
      file: given,
      hint: 'pass the config path (`clipbench check ci/clipbench.check.yaml`) or copy examples/ci/clipbench.check.yaml',
    });
  const doc = loadDocument(given, cwd);
  const parsed = CheckConfigSchema.safeParse(doc.data);
  if (!parsed.success)
    throw invalidDocumentError(parsed.error, CheckConfigSchema, { file: given, what: 'the check config' });
  const config = parsed.data;
  const files: string[] = [];
  for (const [i, pattern] of config.files.entries())
    files.push(...(await expand(pattern, doc.dir, given, `files[${i}]`)));
  const expandRefs = async (field: string, list: readonly string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const [i, ref] of list.entries())
      out.push(
        ...(isUrl(ref) || isContentId(ref) ? [ref] : await expand(ref, doc.dir, given, `${field}[${i}]`)),
      );
    return out;
  };
  const top = await expandRefs('references', config.references);
  const sweep = await expandRefs('sweep.references', config.sweep.references);
  const local = (refs: string[]) => refs.filter((r) => !isUrl(r) && !isContentId(r));
  return {
    config,
    file: doc.file,
    shown: relative(cwd, doc.file) || given,
    dir: dirname(doc.file),
    files: [...new Set(files)],
    references: [...new Set([...local(top), ...local(sweep)])],
    sweepReferences: sweep.length > 0 ? sweep : top,
  };
}

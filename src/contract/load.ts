/**
 * Reading YAML/JSON documents from disk with errors a person can act on: missing file, a directory,
 * an empty file, a syntax error with line and column, a top level that is not a mapping. This is the
 * contract's only file-system edge besides media hashing.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { InputError } from '../errors/input-error.ts';

/** A parsed document and where it came from (relative media paths resolve against `dir`). */
export type LoadedDocument = { data: Record<string, unknown>; file: string; dir: string };

function statOrThrow(file: string, shown: string): void {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(file);
  } catch (cause) {
    throw new InputError({
      code: 'file_not_found',
      message: `file not found: ${shown}`,
      file: shown,
      hint: 'check the path; relative paths are resolved from the current directory',
      cause,
    });
  }
  if (stats.isDirectory()) {
    throw new InputError({
      code: 'is_directory',
      message: `expected a file but ${shown} is a directory`,
      file: shown,
      hint: 'name a .yaml or .json file inside it',
    });
  }
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
}

function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const position = /position (\d+)/.exec(message);
    const at = position ? lineCol(text, Number(position[1])) : undefined;
    throw new InputError({
      code: 'invalid_json',
      message: `invalid JSON${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${message}`,
      file: shown,
      hint: 'fix the syntax; YAML files (.yaml) are accepted too',
      cause,
    });
  }
}

function parseYaml(text: string, shown: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new InputError({
      code: 'invalid_yaml',
      message: `invalid YAML${where}: ${first.message.split('\n')[0]}`,
      file: shown,
      hint: 'check indentation and quoting near that line (quote values containing ": " or "#")',
      cause: first,
    });
  }
  if (!isMap(doc.contents) && doc.contents !== null) {
    throw new InputError({
      code: 'invalid_document',
      message: 'expected a mapping of keys to values at the top level',
      file: shown,
      hint: 'a request file starts with keys such as `identity:` and `motion:`',
    });
  }
  return doc.toJS();
}

/** Parses YAML or JSON text already read from `shown` (file name used in messages). */
export function parseDocumentText(text: string, shown: string): Record<string, unknown> {
  if (text.trim() === '') {
    throw new InputError({
      code: 'empty_file',
      message: `${shown} is empty`,
      file: shown,
      hint: 'see examples/request.yaml for a minimal request',
    });
  }
  const data = extname(shown).toLowerCase() === '.json' ? parseJson(text, shown) : parseYaml(text, shown);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError({
      code: 'invalid_document',
      message: 'expected a mapping of keys to values at the top level',
      file: shown,
      hint: 'a request file starts with keys such as `identity:` and `motion:`',
    });
  }
  return data as Record<string, unknown>;
}

/** Reads and parses a YAML/JSON document; `path` is resolved against `cwd`. */
export function loadDocument(path: string, cwd: string): LoadedDocument {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  statOrThrow(file, path);
  const text = readFileSync(file, 'utf8');
  return { data: parseDocumentText(text, path), file, dir: dirname(file) };
}

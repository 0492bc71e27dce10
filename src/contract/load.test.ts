import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../test/helpers/thrown.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { loadDocument } from './load.ts';
import { parseRequest } from './normalise.ts';
import { InvalidDocumentError } from './zod-issues.ts';

const dir = mkdtempSync(join(tmpdir(), 'clipbench-load-'));

const failure = (fn: () => unknown): ClipbenchError => thrownBy(fn, ClipbenchError);

describe('loadDocument', () => {
  it('names a missing file', () => {
    const error = failure(() => loadDocument('nope.yaml', dir));
    expect(error.code).toBe('file_not_found');
    expect(error.file).toBe('nope.yaml');
    expect(error.exitCode).toBe(2);
  });

  it('refuses a directory', () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    expect(failure(() => loadDocument('sub', dir)).code).toBe('is_directory');
  });

  it('refuses an empty file', () => {
    writeFileSync(join(dir, 'empty.yaml'), '  \n');
    expect(failure(() => loadDocument('empty.yaml', dir)).code).toBe('empty_file');
  });

  it('reports invalid YAML with line and column', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'identity:\n  prompt: "unclosed\nmotion: [1, 2\n');
    const error = failure(() => loadDocument('bad.yaml', dir));
    expect(error.code).toBe('invalid_yaml');
    expect(error.message).toMatch(/line \d+, column \d+/);
  });

  it('reports duplicate keys as invalid YAML', () => {
    writeFileSync(join(dir, 'dup.yaml'), 'a: 1\na: 2\n');
    expect(failure(() => loadDocument('dup.yaml', dir)).code).toBe('invalid_yaml');
  });

  it('reports invalid JSON with line and column', () => {
    writeFileSync(join(dir, 'bad.json'), '{\n  "identity": {,\n}');
    const error = failure(() => loadDocument('bad.json', dir));
    expect(error.code).toBe('invalid_json');
    expect(error.message).toContain('line 2');
  });

  it('refuses a top level that is not a mapping', () => {
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(failure(() => loadDocument('list.yaml', dir)).code).toBe('invalid_document');
  });

  it('reads YAML and JSON to the same data', () => {
    writeFileSync(join(dir, 'r.yaml'), 'identity:\n  prompt: hi\n');
    writeFileSync(join(dir, 'r.json'), '{"identity": {"prompt": "hi"}}');
    expect(loadDocument('r.yaml', dir).data).toEqual(loadDocument('r.json', dir).data);
  });
});

describe('parseRequest errors', () => {
  it('names every problem by path, with did-you-mean for unknown keys', () => {
    const error = failure(() =>
      parseRequest({
        identity: { prompt: 'x', subjcet: 'y' },
        motion: { motion_score: 11 },
        camera: { intent: 3 },
      }),
    );
    expect(error).toBeInstanceOf(InvalidDocumentError);
    const problems = (error as InvalidDocumentError).problems;
    expect(problems.map((p) => p.path)).toEqual(['identity.subjcet', 'motion.motion_score', 'camera.intent']);
    expect(problems[0]?.hint).toContain('`subject`');
    expect(problems[1]?.message).toBe('must be ≤ 10');
    expect(problems[1]?.hint).toContain('0–10');
    expect(error.message).toContain('camera.intent: expected string');
  });

  it('requires a prompt or a skeleton', () => {
    const error = failure(() => parseRequest({ identity: { subject: 'x' } }));
    expect(error.field).toBe('identity.prompt');
  });

  it('names a top-level unknown key', () => {
    const error = failure(() =>
      parseRequest({ identity: { prompt: 'x' }, moton: {} }),
    ) as InvalidDocumentError;
    expect(error.problems[0]).toMatchObject({ path: 'moton', message: 'unknown key' });
    expect(error.problems[0]?.hint).toContain('`motion`');
  });
});

describe('prompt skeleton', () => {
  const skeleton = { id: 'hero@1', template: '{subject} on {scene}. Camera: {camera}. {constraints}.' };

  it('renders the prompt from slots and keeps the skeleton id', () => {
    const req = parseRequest({
      identity: { skeleton, subject: 'a shoe', scene: 'a table' },
      negative: { constraints: ['no_cuts', 'no_text'] },
      camera: { intent: 'slow push-in' },
    });
    expect(req.identity.prompt).toBe('a shoe on a table. Camera: slow push-in. no cuts, no text.');
    expect(req.identity.skeleton?.id).toBe('hero@1');
    // Normalising the normalised request again changes nothing (idempotent).
    expect(parseRequest(JSON.parse(JSON.stringify(req)))).toEqual(req);
  });

  it('names the missing slot value by its request field', () => {
    const error = failure(() =>
      parseRequest({ identity: { skeleton, subject: 'a shoe' } }),
    ) as InvalidDocumentError;
    expect(error.problems.map((p) => p.path)).toContain('identity.scene');
  });

  it('rejects unknown slots and a written prompt that disagrees', () => {
    const unknown = failure(() => parseRequest({ identity: { skeleton: { id: 's', template: '{mood}' } } }));
    expect(unknown.message).toContain('unknown slot {mood}');
    const differs = failure(() =>
      parseRequest({ identity: { skeleton: { id: 's', template: '{subject}' }, subject: 'a', prompt: 'b' } }),
    );
    expect(differs.field).toBe('identity.prompt');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { canonicalHash, canonicalJson } from './canonical.ts';
import { parseDocumentText } from './load.ts';
import { fileMediaHasher, tableMediaHasher } from './media-hash.ts';
import { canonicalRequest, parseRequest, requestHash } from './normalise.ts';

/** Rebuilds an object with its keys in a shuffled order at every depth. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const order = keys.map((k, i) => ({ k, r: Math.sin(seed * 997 + i * 31) })).sort((a, b) => a.r - b.r);
  return Object.fromEntries(
    order.map(({ k }) => [k, shuffleKeys((value as Record<string, unknown>)[k], seed + 7)]),
  );
}

const requestArb = fc.record({
  identity: fc.record({
    prompt: fc.string({ minLength: 1, maxLength: 40 }),
    subject: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
  }),
  motion: fc.record({ motion_score: fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }) }),
  camera: fc.record({ intent: fc.constantFrom('slow push-in', 'locked frame', 'gentle pan right') }),
  output: fc.record({ fps: fc.integer({ min: 1, max: 120 }), duration_s: fc.integer({ min: 1, max: 50 }) }),
});
const noMedia = tableMediaHasher({});

describe('canonical hashing', () => {
  it('is stable under key order at every depth', () => {
    fc.assert(
      fc.property(requestArb, fc.integer(), (doc, seed) => {
        const a = requestHash(parseRequest(doc), noMedia);
        const b = requestHash(parseRequest(shuffleKeys(doc, seed)), noMedia);
        expect(b).toBe(a);
      }),
      { numRuns: 200 },
    );
  });

  it('is stable under file formatting: YAML block, YAML flow, JSON compact and indented', () => {
    fc.assert(
      fc.property(requestArb, (doc) => {
        const texts: Array<[string, string]> = [
          ['a.yaml', stringify(doc)],
          ['b.yaml', stringify(doc, { collectionStyle: 'flow' })],
          ['c.json', JSON.stringify(doc)],
          ['d.json', JSON.stringify(doc, null, 4)],
        ];
        const hashes = texts.map(([name, text]) =>
          requestHash(parseRequest(parseDocumentText(text, name)), noMedia),
        );
        expect(new Set(hashes).size).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it('is the same whether defaults are written out or omitted', () => {
    fc.assert(
      fc.property(requestArb, (doc) => {
        const normalised = parseRequest(doc);
        // Writing every default explicitly (the normalised form) must not change the hash.
        expect(requestHash(parseRequest(JSON.parse(JSON.stringify(normalised))), noMedia)).toBe(
          requestHash(normalised, noMedia),
        );
      }),
      { numRuns: 100 },
    );
    const minimal = parseRequest({ identity: { prompt: 'x' } });
    const explicit = parseRequest({
      identity: { prompt: 'x' },
      motion: { motion_score: 5 },
      camera: { intent: 'locked frame' },
      negative: { constraints: [] },
      output: { duration_s: 5, resolution: '720p', aspect: '16:9', fps: 24 },
      provider: { id: 'simulator', options: {} },
      motion_source: { reference_id: 'auto' },
    });
    expect(requestHash(explicit, noMedia)).toBe(requestHash(minimal, noMedia));
  });

  it('changes when a value changes', () => {
    fc.assert(
      fc.property(requestArb, fc.integer({ min: 1, max: 5 }), (doc, delta) => {
        const other = { ...doc, output: { ...doc.output, duration_s: doc.output.duration_s + delta } };
        expect(requestHash(parseRequest(other), noMedia)).not.toBe(requestHash(parseRequest(doc), noMedia));
      }),
      { numRuns: 50 },
    );
  });

  it('hashes media by content: same bytes under different paths hash the same, different bytes differ', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clipbench-canon-'));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        (bytes, other) => {
          writeFileSync(join(dir, 'one.mp4'), bytes);
          writeFileSync(join(dir, 'two.mp4'), bytes);
          writeFileSync(join(dir, 'three.mp4'), other);
          const req = (path: string) =>
            parseRequest({ identity: { prompt: 'p' }, motion_source: { reference_video: path } });
          const hasher = fileMediaHasher(dir);
          const one = requestHash(req('one.mp4'), fileMediaHasher(dir));
          expect(requestHash(req('two.mp4'), hasher)).toBe(one);
          expect(requestHash(req(join(dir, 'one.mp4')), fileMediaHasher('/'))).toBe(one);
          const same = Buffer.from(bytes).equals(Buffer.from(other));
          expect(requestHash(req('three.mp4'), hasher) === one).toBe(same);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('resolves reference_id auto to the content id and is idempotent', () => {
    const hasher = tableMediaHasher({ 'a.mp4': `sha256:${'a'.repeat(64)}` });
    const canon = canonicalRequest(
      parseRequest({ identity: { prompt: 'p' }, motion_source: { reference_video: 'a.mp4' } }),
      hasher,
    );
    expect(canon.motion_source.reference_id).toBe(`sha256:${'a'.repeat(64)}`);
    expect(canonicalRequest(canon, hasher)).toEqual(canon);
  });

  it('writes sorted keys without whitespace and folds -0', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: -0 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":0,"z":1}]},"b":1}',
    );
    expect(canonicalHash({ a: 1, b: 2 })).toBe(canonicalHash({ b: 2, a: 1 }));
  });
});

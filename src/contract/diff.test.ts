import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge, diffLeaves, formatChanges, getAtPath, setAtPath } from './diff.ts';

const leaf = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
);
const doc = fc.dictionary(
  fc.constantFrom('a', 'b', 'c'),
  fc.oneof(leaf, fc.dictionary(fc.constantFrom('x', 'y', 'z'), leaf, { minKeys: 1 })),
);

describe('diffLeaves', () => {
  it('finds nothing between a document and itself', () => {
    fc.assert(
      fc.property(doc, (d) => {
        expect(diffLeaves(d, structuredClone(d))).toEqual([]);
      }),
    );
  });

  it('reports exactly the one leaf that was set to a different value', () => {
    fc.assert(
      fc.property(
        doc,
        fc.constantFrom('a', 'b', 'c'),
        fc.constantFrom('x', 'y'),
        fc.integer(),
        (d, top, inner, value) => {
          const path = `${top}.${inner}`;
          const base = setAtPath(d, path, 'old');
          const changed = setAtPath(base, path, value);
          expect(diffLeaves(base, changed)).toEqual([{ path, old: 'old', new: value }]);
        },
      ),
    );
  });

  it('is symmetric: swapping sides swaps old and new', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const forward = diffLeaves(a, b);
        const backward = diffLeaves(b, a);
        expect(backward.map((c) => ({ path: c.path, old: c.new, new: c.old }))).toEqual(forward);
      }),
    );
  });

  it('applying every change to the old side yields the new side', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        let patched: unknown = a;
        for (const change of diffLeaves(a, b))
          if (change.new !== undefined) patched = setAtPath(patched, change.path, change.new);
        for (const change of diffLeaves(patched, b)) expect(change.new).toBeUndefined();
      }),
    );
  });

  it('treats arrays as leaves and prints old → new', () => {
    const changes = diffLeaves({ n: { c: ['a'] }, m: 3 }, { n: { c: ['a', 'b'] }, m: 5 });
    expect(formatChanges(changes)).toEqual(['m: 3 → 5', 'n.c: ["a"] → ["a","b"]']);
  });

  it('reads, sets and merges by path', () => {
    expect(getAtPath({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(getAtPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: 3 }, d: [2] })).toEqual({
      a: { b: 3, c: 2 },
      d: [2],
    });
  });
});

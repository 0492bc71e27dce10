/**
 * Line numbers for field paths in a YAML/JSON file, so CI annotations point at the offending line.
 * A path that does not exist (a missing required field) falls back to its nearest existing parent.
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';

/** `camera.intent` / `negative.constraints[1]` → ['camera', 'intent'] / ['negative', 'constraints', 1]. */
export function pathKeys(path: string): Array<string | number> {
  return path
    .split('.')
    .flatMap((part) => part.split(/\[(\d+)\]/).filter((s) => s !== ''))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** 1-based line of `path` in `file`, or undefined when the file cannot be read or parsed. */
export function lineOfPath(file: string, path: string | undefined): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    const pos = doc.errors[0]?.linePos?.[0];
    return pos?.line;
  }
  const keys = path === undefined || path === '(root)' ? [] : pathKeys(path);
  for (let n = keys.length; n > 0; n -= 1) {
    const node = doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    // A scalar found without its node wrapper, or a key with a null value: find the pair's key.
    const parent = n > 1 ? doc.getIn(keys.slice(0, n - 1), true) : doc.contents;
    if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
      const pair = parent.items.find(
        (item: unknown) =>
          item !== null &&
          typeof item === 'object' &&
          'key' in item &&
          isNode(item.key) &&
          String((item.key as { value?: unknown }).value) === String(keys[n - 1]),
      ) as { key: { range?: [number, number, number] } } | undefined;
      if (pair?.key.range) return counter.linePos(pair.key.range[0]).line;
    }
  }
  return undefined;
}

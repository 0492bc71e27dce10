import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as asc from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_URL } from './wasm.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));

describe('kernels.wasm', () => {
  it('is what `npm run build:wasm` compiles from assembly/ (a source edit without a rebuild fails here)', async () => {
    let built: Uint8Array | undefined;
    const result = await asc.main(
      ['assembly/index.ts', '--config', 'asconfig.json', '--target', 'release', '--baseDir', dir],
      {
        // Keep the output in memory: the committed file is what is compared, never overwritten.
        writeFile: (name, contents) => {
          if (name.endsWith('.wasm') && typeof contents !== 'string') built = contents;
        },
      },
    );
    expect(result.error?.message ?? null).toBeNull();
    expect(built).toBeDefined();
    const committed = new Uint8Array(readFileSync(KERNELS_WASM_URL));
    expect(Buffer.from(built as Uint8Array).equals(Buffer.from(committed))).toBe(true);
  }, 120_000);
});

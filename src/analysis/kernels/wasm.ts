/**
 * The WebAssembly analysis kernels (assembly/, compiled to kernels.wasm by `npm run build:wasm`)
 * and the linear memory they work in. The module is compiled and instantiated synchronously at
 * import: it is a few kB, and every analysis needs it from its first frame.
 *
 * Memory: named regions laid out once per size (a frame's images, a block's scratch). A region
 * only moves when it must grow, so memory stays flat over a clip and grows only with the analysis
 * size. Images reach the kernels by copy (`imagePtr`), which costs ~1/10 of what the kernels save;
 * copies made since the last `forgetImages()` are reused by identity (see `imagePtr`).
 */
import { readFileSync } from 'node:fs';
import type { GrayImage } from '../image.ts';

/** The compiled module's exports (assembly/index.ts); pointers are byte offsets into `memory`. */
export type KernelExports = {
  memory: WebAssembly.Memory;
  heapBase(): number;
  blockFlow(
    a: number,
    b: number,
    w: number,
    h: number,
    cxs: number,
    cys: number,
    count: number,
    half: number,
    gx: number,
    gy: number,
    scratch: number,
    u: number,
    v: number,
    residual: number,
    valid: number,
  ): void;
  /** frame-ingest.ts's fused pass: bytes (and the previous frame's, 0: none) → levels 0–1, histogram, sums. */
  ingest(
    src: number,
    prev: number,
    w: number,
    h: number,
    l0: number,
    l1: number,
    fine: number,
    sums: number,
  ): void;
  /** held-subject.ts's per-cell judgement of `cur` against `old` (level 1) through the camera map. */
  judgeCells(
    old: number,
    cur: number,
    w: number,
    h: number,
    m00: number,
    m01: number,
    m10: number,
    m11: number,
    tx: number,
    ty: number,
    cols: number,
    rows: number,
    verdicts: number,
  ): void;
  blockMisfit: MisfitKernel;
  affineMisfit: MisfitKernel;
};

/** layer-misfit.ts's kernels: images a, b (w×h), block centre and side, own and camera motion, scratch. */
type MisfitKernel = (
  a: number,
  b: number,
  w: number,
  h: number,
  cx: number,
  cy: number,
  size: number,
  ownDx: number,
  ownDy: number,
  camDx: number,
  camDy: number,
  scratch: number,
) => number;

/** Path of the committed module (the reproducibility test rebuilds it and compares the bytes). */
export const KERNELS_WASM_URL = new URL('./kernels.wasm', import.meta.url);

function instantiate(): KernelExports {
  const module = new WebAssembly.Module(readFileSync(KERNELS_WASM_URL));
  // Math.hypot from the engine: held-subject's kernel decides a bound with it as the TypeScript did.
  const imports = { env: { hypot: Math.hypot } };
  return new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
}

export const kernels: KernelExports = instantiate();

const PAGE = 65536;
const regions = new Map<string, { ptr: number; bytes: number }>();
let top = (kernels.heapBase() + 63) & ~63;

/**
 * Byte offset of region `name` of at least `bytes` bytes (64-byte aligned). A region
 * asked for larger than before gets a fresh place at the end (the old bytes are left unused).
 */
export function region(name: string, bytes: number): number {
  const known = regions.get(name);
  if (known !== undefined && known.bytes >= bytes) return known.ptr;
  const ptr = top;
  top = (top + bytes + 63) & ~63;
  const have = kernels.memory.buffer.byteLength;
  if (top > have) kernels.memory.grow(Math.ceil((top - have) / PAGE));
  regions.set(name, { ptr, bytes });
  return ptr;
}

let heapBuffer: ArrayBuffer = kernels.memory.buffer;
let f32 = new Float32Array(heapBuffer);
let u8 = new Uint8Array(heapBuffer);

/** A Float32Array over all of linear memory (index = byte offset / 4); renewed after a grow. */
export function heapF32(): Float32Array {
  if (kernels.memory.buffer !== heapBuffer) refresh();
  return f32;
}

/** A Uint8Array over all of linear memory; renewed after a grow. */
export function heapU8(): Uint8Array {
  if (kernels.memory.buffer !== heapBuffer) refresh();
  return u8;
}

function refresh(): void {
  heapBuffer = kernels.memory.buffer;
  f32 = new Float32Array(heapBuffer);
  u8 = new Uint8Array(heapBuffer);
}

/** Copies `data` to byte offset `ptr`. */
export function copyIn(ptr: number, data: Float32Array): void {
  heapF32().set(data, ptr >> 2);
}

/**
 * Image slots: copies of the images the current frame pair's kernels read. Three level-0 images
 * are live per pair (previous, current, and the misfit's frame a gap back).
 */
const SLOTS = 4;
const slotOf: Array<Float32Array | null> = new Array(SLOTS).fill(null);
const slotPtr = new Float64Array(SLOTS);
/** Last use of each slot: the least recently used one is refilled (never the other image of a call). */
const slotUse = new Float64Array(SLOTS);
let uses = 0;

/**
 * Byte offset of a copy of `img` in linear memory. An image already copied since the last
 * `forgetImages()` is not copied again: callers must call `forgetImages()` whenever an image they
 * pass may have changed since (block-flow.ts does at the start of each frame pair, before the
 * pair's misfit kernels read the same frames).
 */
export function imagePtr(img: GrayImage): number {
  const data = img.data;
  uses++;
  let s = 0;
  for (let k = 0; k < SLOTS; k++) {
    if (slotOf[k] === data) {
      slotUse[k] = uses;
      return slotPtr[k] as number;
    }
    if ((slotUse[k] as number) < (slotUse[s] as number)) s = k;
  }
  // A slot's region only moves when a larger image is copied into it, i.e. on a miss like this.
  const ptr = region(`image${s}`, data.length * 4);
  copyIn(ptr, data);
  slotOf[s] = data;
  slotPtr[s] = ptr;
  slotUse[s] = uses;
  return ptr;
}

/** Drops the image copies (the next `imagePtr` of any image copies it afresh). */
export function forgetImages(): void {
  slotOf.fill(null);
  slotUse.fill(0);
}

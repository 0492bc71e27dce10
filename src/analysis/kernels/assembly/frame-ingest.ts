// frame-ingest.ts's fused pass over a 1-byte gray frame in linear memory. Every figure is a sum
// of whole numbers (or whole numbers / 4), exact in i64/f64 in any order: the results equal the
// TypeScript's to the bit.

// Scratch 256-bin histograms of even and odd columns (two counters: runs of equal neighbouring
// pixels otherwise chain every increment on the previous one through memory).
const EVEN = memory.data(256 * 4, 16);
const ODD = memory.data(256 * 4, 16);

@inline function byte(p: usize, i: i32): i32 {
  return <i32>load<u8>(p + <usize>i);
}

@inline function bump(hist: usize, v: i32): void {
  const at = hist + (<usize>v << 2);
  store<u32>(at, load<u32>(at) + 1);
}

/**
 * Fills `l0` (w×h f32) and `l1` ((w>>1)×(h>>1) f32, 2×2 box) from the bytes at `src`, the 256-bin
 * histogram `fine` (u32) of alternate rows, and `sums` (6 f64): n, Σv, Σv², Σ|∇|² (forward
 * differences of alternate rows), its count, and Σ|src − prev| over alternate rows (`prev` 0: none).
 */
export function ingest(src: usize, prev: usize, w: i32, h: i32, l0: usize, l1: usize, fine: usize, sums: usize): void {
  memory.fill(EVEN, 0, 256 * 4);
  memory.fill(ODD, 0, 256 * 4);
  const w1 = w >> 1;
  const h1 = h >> 1;
  let s: i64 = 0;
  let ss: i64 = 0;
  let n: i64 = 0;
  let g0: i64 = 0;
  let g0n: i64 = 0;
  let mad: i64 = 0;
  for (let y = 0; y < h; y += 2) {
    const r0 = y * w;
    const end = r0 + w;
    let i = r0;
    for (; i + 1 < end; i += 2) {
      const v = byte(src, i);
      const u = byte(src, i + 1);
      store<f32>(l0 + (<usize>i << 2), <f32>v);
      store<f32>(l0 + (<usize>(i + 1) << 2), <f32>u);
      s += <i64>(v + u);
      ss += <i64>(v * v + u * u);
      bump(EVEN, v);
      bump(ODD, u);
    }
    if (i < end) {
      const v = byte(src, i);
      store<f32>(l0 + (<usize>i << 2), <f32>v);
      s += <i64>v;
      ss += <i64>(v * v);
      bump(EVEN, v);
    }
    n += <i64>w;
    if (prev != 0) {
      let rowMad: i32 = 0;
      for (let k = r0; k < end; k++) rowMad += abs<i32>(byte(src, k) - byte(prev, k));
      mad += <i64>rowMad;
    }
    if (y + 1 >= h) continue;
    // Row y + 1 into level 0, and the forward-difference gradient of row y (which needs it).
    let rowG: i64 = 0;
    for (let k = r0; k < end - 1; k++) {
      const v = byte(src, k);
      const below = byte(src, k + w);
      store<f32>(l0 + (<usize>(k + w) << 2), <f32>below);
      const gx = byte(src, k + 1) - v;
      const gy = below - v;
      rowG += <i64>(gx * gx + gy * gy);
    }
    g0 += rowG;
    store<f32>(l0 + (<usize>(end - 1 + w) << 2), <f32>byte(src, end - 1 + w));
    g0n += <i64>(w - 1);
    if (y >> 1 < h1) {
      for (let x = 0, o = (y >> 1) * w1, c = r0; x < w1; x++, o++, c += 2) {
        const box = byte(src, c) + byte(src, c + 1) + byte(src, c + w) + byte(src, c + w + 1);
        store<f32>(l1 + (<usize>o << 2), <f32>(0.25 * <f64>box));
      }
    }
  }
  for (let v = 0; v < 256; v++) {
    const at = <usize>v << 2;
    store<u32>(fine + at, load<u32>(EVEN + at) + load<u32>(ODD + at));
  }
  store<f64>(sums, <f64>n);
  store<f64>(sums + 8, <f64>s);
  store<f64>(sums + 16, <f64>ss);
  store<f64>(sums + 24, <f64>g0);
  store<f64>(sums + 32, <f64>g0n);
  store<f64>(sums + 40, <f64>mad);
}

// Pixel access shared by the kernels: f32 images in linear memory, read as f64 (as the TypeScript
// read Float32Arrays), stored rounded to f32 (as a Float32Array store rounds).

@inline export function px(img: usize, i: i32): f64 {
  return <f64>load<f32>(img + (<usize>i << 2));
}

@inline export function put(buf: usize, k: i32, v: f64): void {
  store<f32>(buf + (<usize>k << 2), <f32>v);
}

/** Bilinear sample without clamping (callers keep inside the image). */
@inline export function sample(d: usize, w: i32, x: f64, y: f64): f64 {
  const xf = Math.floor(x);
  const yf = Math.floor(y);
  const fx = x - xf;
  const fy = y - yf;
  const i = <i32>yf * w + <i32>xf;
  const p = px(d, i);
  const q = px(d, i + 1);
  const r = px(d, i + w);
  const t = px(d, i + w + 1);
  return p + fx * (q - p) + fy * (r - p) + fx * fy * (p - q - r + t);
}

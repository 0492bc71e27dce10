import { createImage, type Image } from './image.ts';
import { between, createRng } from './rng.ts';
import { fbm } from './texture.ts';

/** A figure's clothes and skin (RGB); draws the jacket then the trousers from the seed's stream. */
function figureColours(seed: number): { jacket: number[]; trousers: number[]; skin: number[] } {
  const rng = createRng(seed);
  const jacket = [between(rng, 120, 230), between(rng, 20, 90), between(rng, 30, 120)];
  const trousers = [between(rng, 20, 70), between(rng, 30, 80), between(rng, 80, 160)];
  return { jacket, trousers, skin: [210, 160, 130] };
}

/** Shade of the jacket's horizontal stripes at texture row `v` of a figure `h` px tall (1 = none). */
function stripeAt(v: number, h: number): number {
  const fy = v / h;
  return fy > 0.25 && fy < 0.6 && Math.floor(v / Math.max(2, h * 0.04)) % 3 === 0 ? 0.75 : 1;
}

/** Writes one RGBA sprite pixel at byte offset `o`: `base` colour × texture `n` × `stripe`, alpha from `edge` (0..1). */
function putFigurePixel(
  image: Image,
  o: number,
  base: number[],
  n: number,
  stripe: number,
  edge: number,
): void {
  image.data[o] = Math.min(255, (base[0] as number) * n * stripe);
  image.data[o + 1] = Math.min(255, (base[1] as number) * n * stripe);
  image.data[o + 2] = Math.min(255, (base[2] as number) * n * stripe);
  image.data[o + 3] = Math.round(edge * 255);
}

/**
 * A textured figure (head + torso + legs) as RGBA, `heightPx` tall. Colour is filled everywhere
 * (alpha only shapes it) so bilinear sampling has no dark fringes.
 */
export function makeFigureSprite(heightPx: number, seed: number): Image {
  const h = Math.max(8, Math.round(heightPx));
  const w = Math.max(6, Math.round(h * 0.5));
  const image = createImage(w, h, 4);
  const { jacket, trousers, skin } = figureColours(seed);
  const cx = w / 2;
  const headR = h * 0.1;
  const headY = headR * 1.1;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const fy = y / h;
      const head = Math.hypot(x - cx, y - headY) / headR;
      const torso = Math.hypot((x - cx) / (w * 0.42), (y - h * 0.4) / (h * 0.2));
      const legX = Math.abs(Math.abs(x - cx) - w * 0.14) / (w * 0.11);
      const legs = fy > 0.55 ? legX : 9;
      const inside = Math.min(head, torso, legs);
      // Soft 1.5 px edge.
      const edge = Math.max(0, Math.min(1, (1 - inside) * Math.min(headR, w * 0.1) * 0.7 + 0.5));
      const base = head < 1.2 ? skin : fy < 0.6 ? jacket : trousers;
      const n = 0.7 + 0.6 * fbm(x, y, 0.08, 4, seed);
      putFigurePixel(image, (y * w + x) * 4, base, n, stripeAt(y, h), edge);
    }
  }
  return image;
}

/**
 * The near depth layer for parallax: sparse posts and bushes over transparent space, covering
 * roughly a fifth of the view so the far layer stays dominant.
 */
export function makeNearLayer(width: number, height: number, seed: number): Image {
  const image = createImage(width, height, 4);
  const rng = createRng(seed);
  const data = image.data;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 40;
    data[i + 1] = 55;
    data[i + 2] = 35;
  }
  const posts = Math.max(2, Math.round(width / 260));
  for (let p = 0; p < posts; p += 1) {
    const x0 = Math.floor(rng() * width);
    const pw = Math.round(between(rng, 8, 22));
    const shade = between(rng, 50, 110);
    for (let y = 0; y < height; y += 1) {
      for (let x = x0; x < Math.min(width, x0 + pw); x += 1) {
        const o = (y * width + x) * 4;
        const n = 0.7 + 0.6 * fbm(x, y, 0.1, 3, seed + p);
        data[o] = shade * n;
        data[o + 1] = shade * 0.8 * n;
        data[o + 2] = shade * 0.6 * n;
        data[o + 3] = 255;
      }
    }
  }
  const bushes = Math.max(2, Math.round(width / 200));
  for (let b = 0; b < bushes; b += 1) {
    const cx = rng() * width;
    const cy = height * between(rng, 0.75, 1);
    const r = between(rng, 30, 70);
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(height, cy + r); y += 1) {
      for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(width, cx + r); x += 1) {
        const d = Math.hypot(x - cx, y - cy) / r;
        const n = fbm(x, y, 0.06, 4, seed + 99 + b);
        if (d < 0.7 + 0.5 * n) {
          const o = (y * width + x) * 4;
          data[o] = 30 + 60 * n;
          data[o + 1] = 70 + 90 * n;
          data[o + 2] = 25 + 30 * n;
          data[o + 3] = 255;
        }
      }
    }
  }
  return image;
}

/** Limb swing of an articulated walker, radians at the peak of the stride. */
const LEG_SWING_RAD = 0.45;
const ARM_SWING_RAD = 0.5;

/**
 * A walking figure at stride phase `phase` (radians): legs swing about the hip and arms about the
 * shoulders in opposition, as in real walking footage. Texture is looked up in each limb's own
 * (unrotated) coordinates, so a limb carries its pattern along — rigid parts moving, not a window
 * sliding over a fixed texture (which would be a shape change). Wider than the rigid figure
 * (0.75 × height) to leave room for the swing.
 */
export function makeWalkerSprite(heightPx: number, seed: number, phase: number): Image {
  const h = Math.max(8, Math.round(heightPx));
  const w = Math.max(6, Math.round(h * 0.75));
  const image = createImage(w, h, 4);
  const { jacket, trousers, skin } = figureColours(seed);
  const cx = w / 2;
  const headR = h * 0.1;
  const headY = headR * 1.1;
  const hipY = h * 0.55;
  const shoulderY = h * 0.27;
  const legAngles = [LEG_SWING_RAD * Math.sin(phase), -LEG_SWING_RAD * Math.sin(phase)];
  const armAngles = [-ARM_SWING_RAD * Math.sin(phase), ARM_SWING_RAD * Math.sin(phase)];
  const legHalfW = w * 0.07;
  const armHalfW = w * 0.045;
  const edgeK = Math.min(headR, h * 0.05) * 0.7;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      // Distance-like "inside" measures (< 1 inside) and the local texture coordinates of each part.
      let best = 9;
      let base = jacket;
      let tu = x;
      let tv = y;
      const head = Math.hypot(x - cx, y - headY) / headR;
      if (head < best) {
        best = head;
        base = skin;
      }
      const torso = Math.hypot((x - cx) / (h * 0.15), (y - h * 0.4) / (h * 0.2));
      if (torso < best) {
        best = torso;
        base = jacket;
      }
      for (let side = 0; side < 2; side += 1) {
        const sign = side === 0 ? -1 : 1;
        // Leg: a bar from the hip, rotated by its swing angle; (lu, lv) in the leg's own frame.
        const hx = cx + sign * h * 0.05;
        const la = legAngles[side] as number;
        const dx = x - hx;
        const dy = y - hipY;
        const lu = dx * Math.cos(la) + dy * Math.sin(la);
        const lv = -dx * Math.sin(la) + dy * Math.cos(la);
        const leg = lv < 0 || lv > h * 0.44 ? 9 : Math.abs(lu) / legHalfW;
        if (leg < best) {
          best = leg;
          base = trousers;
          tu = hx + lu;
          tv = hipY + lv;
        }
        // Arm: from the shoulder, swinging opposite the leg on the same side.
        const sx = cx + sign * h * 0.16;
        const aa = armAngles[side] as number;
        const ax = x - sx;
        const ay = y - shoulderY;
        const au = ax * Math.cos(aa) + ay * Math.sin(aa);
        const av = -ax * Math.sin(aa) + ay * Math.cos(aa);
        const arm = av < 0 || av > h * 0.3 ? 9 : Math.abs(au) / armHalfW;
        if (arm < best) {
          best = arm;
          base = av > h * 0.24 ? skin : jacket;
          tu = sx + au + 1000;
          tv = shoulderY + av;
        }
      }
      const edge = Math.max(0, Math.min(1, (1 - best) * edgeK + 0.5));
      const n = 0.7 + 0.6 * fbm(tu, tv, 0.08, 4, seed);
      putFigurePixel(image, (y * w + x) * 4, base, n, stripeAt(tv, h), edge);
    }
  }
  return image;
}

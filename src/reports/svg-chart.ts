/** Inline SVG chart: usable rate (0–100 %) against motion_score, with the bar and the recommended range. */
import { xmlEscape } from './junit.ts';
import type { RangeRecommendation, ValuePoint } from './summary.ts';

const WIDTH = 560;
const HEIGHT = 240;
const PAD = { left: 48, right: 16, top: 24, bottom: 40 };

/** Renders the chart as an `<svg>` element string (no external references). */
export function usableRateChart(
  points: readonly ValuePoint[],
  usableRateMin: number,
  recommendation: RangeRecommendation | null,
): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const scores = points.map((p) => p.motion_score);
  const lo = Math.min(0, ...scores);
  const hi = Math.max(10, ...scores);
  const x = (score: number) => PAD.left + ((score - lo) / (hi - lo || 1)) * plotW;
  const y = (rate: number) => PAD.top + (1 - rate) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="usable rate by motion_score">`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#ccc"/>`,
  ];
  if (recommendation !== null) {
    const x0 = x(recommendation.min) - 6;
    const x1 = x(recommendation.max) + 6;
    parts.push(
      `<rect x="${x0}" y="${PAD.top}" width="${x1 - x0}" height="${plotH}" fill="#d8f3dc"><title>recommended ${recommendation.min}–${recommendation.max}</title></rect>`,
    );
  }
  for (const tick of [0, 0.25, 0.5, 0.75, 1])
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>`,
      `<text x="${PAD.left - 6}" y="${y(tick) + 4}" font-size="11" text-anchor="end">${tick * 100}%</text>`,
    );
  for (let score = Math.ceil(lo); score <= hi; score++)
    parts.push(
      `<text x="${x(score)}" y="${HEIGHT - PAD.bottom + 16}" font-size="11" text-anchor="middle">${score}</text>`,
    );
  parts.push(
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 6}" font-size="12" text-anchor="middle">motion_score</text>`,
    `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(usableRateMin)}" y2="${y(usableRateMin)}" stroke="#c1121f" stroke-dasharray="5 4"><title>usable-rate bar ${Math.round(usableRateMin * 100)}%</title></line>`,
  );
  const judged = points.filter((p) => p.usable_rate !== null);
  if (judged.length > 1)
    parts.push(
      `<polyline fill="none" stroke="#1d3557" stroke-width="2" points="${judged.map((p) => `${x(p.motion_score)},${y(p.usable_rate ?? 0)}`).join(' ')}"/>`,
    );
  for (const p of judged) {
    const rate = p.usable_rate ?? 0;
    const label = xmlEscape(`motion_score ${p.motion_score}: ${p.usable}/${p.judged} usable`);
    parts.push(
      `<circle cx="${x(p.motion_score)}" cy="${y(rate)}" r="5" fill="${rate >= usableRateMin ? '#2a9d8f' : '#e76f51'}"><title>${label}</title></circle>`,
      `<text x="${x(p.motion_score)}" y="${y(rate) - 9}" font-size="10" text-anchor="middle">${p.usable}/${p.judged}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

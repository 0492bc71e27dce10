/**
 * The page shell every dashboard page shares: inline CSS, navigation, and ONE script loaded from our
 * own route (`/assets/dashboard.js`). No CDN, no web fonts, no external URL anywhere in the markup;
 * the server's Content-Security-Policy forbids other origins as a second line of defence.
 */
import { xmlEscape } from '../reports/junit.ts';

/** HTML-escapes text for element bodies and quoted attributes. */
export const esc = xmlEscape;

export type NavKey = 'experiments' | 'experiment' | 'trends' | 'presets';

const STYLE = `*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f4f5f7}
header{background:#1d3557;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center}
header .brand{font-weight:700;letter-spacing:.3px}header a{color:#dfe7f2;text-decoration:none;padding:4px 8px;border-radius:4px}
header a.on{background:#2d4d7a;color:#fff}main{padding:18px 20px;max-width:1400px;margin:0 auto}
h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:6px;overflow:hidden}
th,td{border-bottom:1px solid #e6e8eb;padding:7px 10px;text-align:left;vertical-align:top}th{background:#eef1f5;font-weight:600}
.muted{color:#6b7480}.num{text-align:right;font-variant-numeric:tabular-nums}
.sim{background:#ffb703;color:#000;font-weight:700;padding:2px 8px;border-radius:4px;font-size:12px;letter-spacing:.5px}
.banner{margin:0 0 12px}.status{padding:2px 8px;border-radius:10px;font-size:12px;background:#e6e8eb}
.status-running{background:#cfe8ff;color:#0b4f8a}.status-completed{background:#d8f3dc;color:#1b5e20}.status-failed{background:#ffd6d6;color:#8a0b0b}
.bar{height:8px;background:#e6e8eb;border-radius:4px;min-width:120px;overflow:hidden}.bar>span{display:block;height:100%;background:#2a9d8f}
.v{font-weight:600;padding:1px 6px;border-radius:4px;font-size:12px}.v-pass{background:#d8f3dc;color:#1b5e20}
.v-pass_with_edits{background:#fff1c2;color:#7a5200}.v-fail{background:#ffd6d6;color:#8a0b0b}.v-none{background:#e6e8eb}
.empty{background:#fff;border-radius:8px;padding:28px;max-width:720px}.empty code{background:#eef1f5;padding:1px 5px;border-radius:3px}
.cards{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}.panel{background:#fff;border-radius:8px;padding:12px 14px}
.kv{display:grid;grid-template-columns:max-content auto;gap:2px 12px}
.grid{display:grid;gap:10px;align-items:start}.colhead{font-weight:600;text-align:center;padding:4px;background:#eef1f5;border-radius:4px}
.clip{background:#fff;border:2px solid transparent;border-radius:8px;padding:6px;font-size:12px;cursor:pointer}
.clip.sel{border-color:#e76f51;box-shadow:0 0 0 3px rgba(231,111,81,.25)}
.clip video{width:100%;aspect-ratio:16/9;background:#000;border-radius:4px;display:block}
.clip .noclip{width:100%;aspect-ratio:16/9;background:#2b2f36;color:#ffb4a8;border-radius:4px;display:flex;align-items:center;justify-content:center;padding:6px;text-align:center}
.clip ul{margin:4px 0 0;padding-left:16px}.clip .sim{font-size:9px;padding:1px 4px;align-self:flex-start}.clip .row{display:flex;justify-content:space-between;gap:6px;margin-top:4px}
.scores span{margin-right:6px}.sync{display:flex;gap:10px;align-items:center;background:#fff;border-radius:8px;padding:8px 12px;margin:10px 0;position:sticky;top:0;z-index:2}
.sync input[type=range]{flex:1}button{font:inherit;padding:4px 10px;border-radius:4px;border:1px solid #b8c0cc;background:#fff;cursor:pointer}
button.on{background:#1d3557;color:#fff;border-color:#1d3557}.review{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.review input[type=text]{flex:1;min-width:200px;padding:4px 8px;border:1px solid #b8c0cc;border-radius:4px}
kbd{background:#eef1f5;border:1px solid #cfd5dd;border-radius:3px;padding:0 4px;font-size:11px}
.err{background:#ffd6d6;color:#8a0b0b;padding:10px 12px;border-radius:6px}`;

/** Wraps page content in the shared shell. `body` must already be escaped HTML. */
export function layout(options: { title: string; nav: NavKey; body: string; bodyData?: string }): string {
  const link = (key: NavKey, href: string, label: string) =>
    `<a href="${href}"${options.nav === key ? ' class="on"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(options.title)} · clipbench</title><link rel="icon" href="data:,"><style>${STYLE}</style></head>
<body${options.bodyData ?? ''}><header><span class="brand">clipbench</span>${link('experiments', '/experiments', 'Experiments')}${link('trends', '/trends', 'Trends')}${link('presets', '/presets', 'Presets')}</header>
<main>${options.body}</main><script src="/assets/dashboard.js"></script></body></html>`;
}

/** A verdict badge; `none` when the job has no verdict yet. */
export function verdictBadge(verdict: string | null, label?: string): string {
  return `<span class="v v-${esc(verdict ?? 'none')}">${esc(label ?? verdict ?? '—')}</span>`;
}

/** The SIMULATED label shown whenever clips came from the offline simulator. */
export const SIMULATED_LABEL =
  '<span class="sim" title="clips rendered by the offline simulator, not a real provider">SIMULATED</span>';

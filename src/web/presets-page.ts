/** Presets: every version in the catalog, the approved ranges recorded in the store, retirement state. */
import type { PresetApprovalRecord } from '../contract/run.ts';
import type { PresetRecord } from '../presets/catalog.ts';
import { esc, layout } from './layout.ts';

export type PresetsPageInput = {
  catalog: readonly PresetRecord[];
  /** Set when the project's preset files could not be loaded (shown, not thrown). */
  catalogError: string | null;
  approvals: readonly PresetApprovalRecord[];
};

function versionRow(r: PresetRecord): string {
  const p = r.preset;
  const status = p.status === 'retired' ? 'retired' : p.status;
  return `<tr data-preset="${esc(`${p.id}@${p.version}`)}"><td>${esc(`${p.id}@${p.version}`)}</td><td><span class="status status-${status === 'approved' ? 'completed' : status === 'retired' ? 'failed' : 'planned'}">${esc(status)}</span>${p.replaced_by === undefined ? '' : ` → ${esc(p.replaced_by)}`}${p.retired_reason === undefined ? '' : `<br><span class="muted">${esc(p.retired_reason)}</span>`}</td>
<td>${p.motion_score.min}–${p.motion_score.max}</td><td>${p.sweep.baseline} / ${p.sweep.mid} / ${p.sweep.stress}</td><td class="num">${Math.round(p.rubric.usable_rate_min * 100)}%</td><td class="muted">${esc(r.file)}</td></tr>`;
}

function approvalRow(a: PresetApprovalRecord): string {
  const range = a.range_min === null || a.range_max === null ? '—' : `${a.range_min}–${a.range_max}`;
  const run =
    a.run_id === null ? '—' : `<a href="/experiments/${encodeURIComponent(a.run_id)}">${esc(a.run_id)}</a>`;
  const state = a.retired
    ? `<span class="status status-failed">retired</span> ${esc(a.retired_at?.slice(0, 10) ?? '')}${a.replacement === null ? '' : ` → ${esc(a.replacement)}`}${a.retired_reason === null ? '' : `<br><span class="muted">${esc(a.retired_reason)}</span>`}`
    : '<span class="status status-completed">active</span>';
  return `<tr data-approval="${esc(`${a.preset_id}@${a.version}`)}"><td>${esc(`${a.preset_id}@${a.version}`)}</td><td>${range}</td><td>${run}</td><td>${esc(a.approved_at.slice(0, 10))}</td><td>${state}</td></tr>`;
}

/** Renders the presets page. */
export function renderPresetsPage(input: PresetsPageInput): string {
  const ids = [
    ...new Set([...input.catalog.map((r) => r.preset.id), ...input.approvals.map((a) => a.preset_id)]),
  ].sort();
  const sections = ids.map((id) => {
    const versions = input.catalog.filter((r) => r.preset.id === id);
    const approvals = input.approvals.filter((a) => a.preset_id === id);
    const retired =
      (approvals.length > 0 && approvals.every((a) => a.retired)) ||
      (versions.length > 0 && versions.every((v) => v.preset.status === 'retired'));
    return `<section data-preset-id="${esc(id)}"><h2>${esc(id)} ${retired ? '<span class="status status-failed">retired</span>' : ''}</h2>
${versions.length === 0 ? '' : `<table><thead><tr><th>version</th><th>status</th><th>motion_score range</th><th>sweep (baseline / mid / stress)</th><th class="num">usable-rate bar</th><th>file</th></tr></thead><tbody>${versions.map(versionRow).join('')}</tbody></table>`}
${
  approvals.length === 0
    ? `<p class="muted">No approvals recorded in this workspace (approve with <code>clipbench presets approve ${esc(id)} --from &lt;run&gt;</code>).</p>`
    : `<h3>Approved versions (run log)</h3><table><thead><tr><th>version</th><th>approved range</th><th>evidence run</th><th>approved</th><th>state</th></tr></thead><tbody>${approvals.map(approvalRow).join('')}</tbody></table>`
}</section>`;
  });
  const error =
    input.catalogError === null
      ? ''
      : `<p class="err">Project presets could not be loaded: ${esc(input.catalogError)}</p>`;
  return layout({
    title: 'Presets',
    nav: 'presets',
    bodyData: ' data-page="presets"',
    body: `<h1>Presets</h1>${error}${sections.join('') || '<p class="muted">No presets.</p>'}`,
  });
}

/** The friendly first-run page: an empty (or not yet created) workspace is not an error. */
import { esc, layout, type NavKey } from './layout.ts';

/** Renders the empty state, naming the workspace so a person can tell which one is being served. */
export function renderEmptyPage(options: { workspaceRoot: string; nav?: NavKey }): string {
  return layout({
    title: 'No experiments yet',
    nav: options.nav ?? 'experiments',
    bodyData: ' data-page="empty"',
    body: `<div class="empty" id="empty-state"><h1>No experiments yet</h1>
<p>This dashboard shows the runs stored in the workspace <code>${esc(options.workspaceRoot)}</code>, and there are none yet.</p>
<p>Start one, then reload this page:</p>
<ul><li><code>clipbench demo</code> — an offline sweep on the simulator (no keys needed)</li>
<li><code>clipbench run experiment.yaml</code> — your own experiment</li>
<li>or serve another workspace: <code>clipbench serve --workspace &lt;dir&gt;</code></li></ul></div>`,
  });
}

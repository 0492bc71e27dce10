/**
 * Shared by `run`, `generate` and `demo`: option parsing, the configured provider resolver, the
 * run session (store, progress, SIGINT → AbortSignal bridge), and the summary table printed at the
 * end of a run.
 */

import { InputError } from '../../errors/input-error.ts';
import { createProgress, type ProgressReporter } from '../../experiments/progress.ts';
import type { ProviderResolver, RunOutcome } from '../../experiments/runner-types.ts';
import type { VideoProvider } from '../../providers/provider.ts';
import { createProvider, loadProviderConfig } from '../../providers/registry.ts';
import { formatRate, formatUsd, reusedCostNote } from '../../reports/summary.ts';
import { openWorkspaceStore } from '../../store/store.ts';
import type { CliContext } from '../context.ts';
import type { WorkspaceStore } from './open-workspace.ts';

/** Polling for the offline simulator: it finishes in well under a second. */
export const SIMULATOR_POLL = { intervalMs: 40, backoff: 1.5, maxIntervalMs: 400 };

/** Parses `--concurrency`: an integer from 1 up. */
export function parseConcurrency(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 256) return n;
  throw new InputError({
    code: 'invalid_concurrency',
    field: '--concurrency',
    message: `Expected \`--concurrency\` to be an integer from 1 to 256, got \`${value}\``,
  });
}

/** Parses a positive millisecond option such as `--poll-ms`. */
export function parseMs(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n > 0) return n;
  throw new InputError({
    code: 'invalid_option',
    field: flag,
    message: `Expected \`${flag}\` to be a positive number of milliseconds, got \`${value}\``,
  });
}

/** Providers from the environment or the user's config file, created once each. */
export async function configuredProviders(
  ctx: CliContext,
  configFile: string | undefined,
): Promise<ProviderResolver> {
  const config = await loadProviderConfig({ env: ctx.env, configFile });
  const cache = new Map<string, VideoProvider>();
  return (id) => {
    let provider = cache.get(id);
    if (provider === undefined) {
      provider = createProvider(id, config);
      cache.set(id, provider);
    }
    return provider;
  };
}

/**
 * An AbortSignal fired by the first Ctrl-C (stop new submits, let in-flight jobs finish or park).
 * The handler is removed at once, so a second Ctrl-C ends the process the default way — which the
 * journal is built to survive.
 */
export function interruptSignal(ctx: CliContext): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    ctx.stderr('\nstopping: no new submits; finishing or parking in-flight jobs (Ctrl-C again to kill)\n');
    controller.abort(new Error('SIGINT'));
  };
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}

export type RunSession = { store: WorkspaceStore; progress: ProgressReporter; signal: AbortSignal };

/**
 * Runs `fn` with the workspace store (created if missing), a progress reporter on stderr (a live line
 * only on a TTY without --json) and the Ctrl-C signal; finishes the progress, removes the SIGINT
 * handler and closes the store afterwards, whatever `fn` does.
 */
export async function withRunSession<T>(
  ctx: CliContext,
  options: { workspace?: string | undefined; json?: boolean | undefined; total: number },
  fn: (session: RunSession) => Promise<T>,
): Promise<T> {
  const store = openWorkspaceStore({ cwd: ctx.cwd, env: ctx.env, workspace: options.workspace });
  const progress = createProgress({
    write: ctx.stderr,
    isTTY: ctx.isTTY && options.json !== true,
    total: options.total,
  });
  const interrupt = interruptSignal(ctx);
  try {
    return await fn({ store, progress, signal: interrupt.signal });
  } finally {
    progress.finish();
    interrupt.dispose();
    store.close();
  }
}

const pad = (text: string, width: number) => text.padEnd(width);

/** The human summary of a run: a usable-rate table per motion_score, passes, cost, recommendation. */
export function summaryText(outcome: RunOutcome): string[] {
  const s = outcome.summary;
  const where = [s.preset, s.provider].filter(Boolean).join(' on ');
  const lines = [
    `run ${s.run_id} — ${s.name}${where ? ` (${where})` : ''}${s.simulated ? ' — SIMULATED clips (offline simulator, not real generations)' : ''}`,
    `status: ${outcome.status}${outcome.resumed ? ' (resumed)' : ''} in ${(outcome.elapsedMs / 1000).toFixed(1)} s`,
    '',
    `${pad('motion_score', 13)}${pad('jobs', 6)}${pad('pass', 6)}${pad('edits', 7)}${pad('fail', 6)}${pad('failed', 8)}${pad('usable', 8)}cost`,
  ];
  for (const p of s.by_motion_score)
    lines.push(
      `${pad(String(p.motion_score), 13)}${pad(String(p.jobs), 6)}${pad(String(p.pass), 6)}${pad(String(p.pass_with_edits), 7)}${pad(String(p.fail), 6)}${pad(String(p.failed_jobs), 8)}${pad(formatRate(p.usable_rate), 8)}${formatUsd(p.cost_usd)}`,
    );
  lines.push('');
  if (outcome.passes.length > 1 || outcome.passes[0]?.pass !== 'all') {
    for (const p of outcome.passes)
      lines.push(
        p.skipped
          ? `pass ${p.pass}: SKIPPED — ${p.reason ?? ''}`
          : `pass ${p.pass} (motion_score ${p.motion_scores.join(', ')}): usable ${formatRate(p.usable_rate)} (${p.usable}/${p.judged}) — ${p.healthy ? 'healthy' : 'NOT healthy'} (bar ${formatRate(s.usable_rate_min)})`,
      );
  }
  lines.push(
    `usable rate ${formatRate(s.usable_rate)} (${s.usable}/${s.judged} judged) · cost ${formatUsd(s.cost.total_cost_usd)} · cost per usable clip ${formatUsd(s.cost.cost_per_usable_usd)}${reusedCostNote(s.cost)}`,
  );
  lines.push(
    s.recommendation === null
      ? `recommended approved range: none — no swept motion_score reached the ${formatRate(s.usable_rate_min)} usable-rate bar`
      : `recommended approved motion_score range: ${s.recommendation.min}–${s.recommendation.max} — ${s.recommendation.reason}`,
  );
  lines.push(
    `this invocation: ${outcome.newSubmits} new submit${outcome.newSubmits === 1 ? '' : 's'}, ${outcome.reused} reused from stored clips, ${outcome.recovered} recovered at the provider by job key, ${outcome.failovers} failover job${outcome.failovers === 1 ? '' : 's'}`,
  );
  if (outcome.stopMessage !== null) lines.push(`stopped: ${outcome.stopMessage}`);
  return lines;
}

/** Plain-data outcome for `--json` (summary included). */
export function outcomeJson(outcome: RunOutcome): Record<string, unknown> {
  return {
    run_id: outcome.runId,
    status: outcome.status,
    resumed: outcome.resumed,
    stop_reason: outcome.stopReason,
    stop_message: outcome.stopMessage,
    new_submits: outcome.newSubmits,
    reused: outcome.reused,
    recovered: outcome.recovered,
    failovers: outcome.failovers,
    passes: outcome.passes,
    spend: outcome.spend,
    elapsed_ms: outcome.elapsedMs,
    summary: outcome.summary,
  };
}

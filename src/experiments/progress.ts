/**
 * Run progress for people: on a TTY one status line rewritten in place (per-state counts, spend,
 * ETA); elsewhere (CI, pipes) plain lines, one per finished job and per note. Writes through an
 * injected function, so the CLI decides the stream and tests read it.
 */
import { JOB_STATES, type JobRecord, type JobState } from '../contract/run.ts';
import type { RunnerEvent } from './runner-types.ts';

export type ProgressOptions = {
  write: (text: string) => void;
  isTTY: boolean;
  /** Jobs in the run (grows when failovers are planned). */
  total: number;
  /** Initial states (resumed runs start part-way). */
  initial?: readonly JobRecord[] | undefined;
  clock?: (() => number) | undefined;
  /** Minimum time between TTY redraws. @default 100 */
  redrawMs?: number | undefined;
};

export type ProgressReporter = { onEvent: (event: RunnerEvent) => void; finish: () => void };

const TERMINAL = new Set<JobState>(['judged', 'failed', 'parked']);

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}

const usd = (n: number) => `$${n.toFixed(n > 0 && n < 0.1 ? 3 : 2)}`;

function jobLine(job: JobRecord): string {
  const what = [
    `job ${job.id}`,
    job.pass_name && job.pass_name !== 'all' ? job.pass_name : null,
    job.motion_score === null ? null : `motion ${job.motion_score}`,
    job.seed === null ? null : `seed ${job.seed}`,
    job.failover_of === null ? null : `failover of ${job.failover_of}`,
  ]
    .filter(Boolean)
    .join(' ');
  const outcome =
    job.state === 'judged'
      ? `${job.verdict ?? 'judged'}${job.reused_from !== null ? ' (reused stored clip)' : ''}`
      : job.state === 'failed'
        ? `failed: ${job.error?.code ?? 'error'}`
        : `parked at ${job.parked_from ?? '?'}: ${job.error?.message ?? ''}`;
  const cost = job.cost_usd === null ? '' : ` ${usd(job.cost_usd)}`;
  return `${what}: ${outcome}${cost}`;
}

/** Creates a reporter; feed it runner events, call `finish` once at the end. */
export function createProgress(options: ProgressOptions): ProgressReporter {
  const clock = options.clock ?? Date.now;
  const startMs = clock();
  const states = new Map<number, JobState>();
  for (const job of options.initial ?? []) states.set(job.id, job.state);
  let doneAtStart = [...states.values()].filter((s) => TERMINAL.has(s)).length;
  let spend = { actualUsd: 0, committedUsd: 0 };
  let lastDrawMs = 0;
  let drawn = false;

  const counts = () => {
    const c: Partial<Record<JobState, number>> = {};
    for (const s of states.values()) c[s] = (c[s] ?? 0) + 1;
    return c;
  };
  const statusLine = () => {
    const c = counts();
    const total = Math.max(options.total, states.size);
    const done = (c.judged ?? 0) + (c.failed ?? 0) + (c.parked ?? 0);
    const elapsedS = (clock() - startMs) / 1000;
    const doneHere = done - doneAtStart;
    const etaS = doneHere > 0 ? (elapsedS / doneHere) * (total - done) : Number.NaN;
    const parts = JOB_STATES.filter((s) => (c[s] ?? 0) > 0).map((s) => `${s} ${c[s]}`);
    return `${done}/${total} done · ${parts.join(' · ')} · spent ${usd(spend.actualUsd)} · ETA ${formatSeconds(etaS)}`;
  };
  const draw = (force: boolean) => {
    const now = clock();
    if (!force && now - lastDrawMs < (options.redrawMs ?? 100)) return;
    lastDrawMs = now;
    options.write(`\r\x1b[2K${statusLine()}`);
    drawn = true;
  };
  const above = (text: string) => {
    if (options.isTTY) {
      options.write(`\r\x1b[2K${text}\n`);
      draw(true);
    } else options.write(`${text}\n`);
  };

  return {
    onEvent(event) {
      if (event.type === 'spend') {
        spend = { actualUsd: event.actualUsd, committedUsd: event.committedUsd };
        return;
      }
      if (event.type === 'note') {
        above(`${event.level === 'warn' ? 'warning: ' : ''}${event.message}`);
        return;
      }
      if (event.from === null && !states.has(event.job.id) && TERMINAL.has(event.job.state)) doneAtStart += 1;
      states.set(event.job.id, event.job.state);
      // `from: null` registers a job (run start, a new failover job); only changes print.
      if (event.from === null) return;
      if (TERMINAL.has(event.job.state)) {
        if (options.isTTY) draw(true);
        else {
          const c = counts();
          const done = (c.judged ?? 0) + (c.failed ?? 0) + (c.parked ?? 0);
          options.write(`[${done}/${Math.max(options.total, states.size)}] ${jobLine(event.job)}\n`);
        }
      } else if (options.isTTY) draw(false);
    },
    finish() {
      if (options.isTTY && drawn) options.write(`\r\x1b[2K${statusLine()}\n`);
      drawn = false;
    },
  };
}

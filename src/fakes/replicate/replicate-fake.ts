/**
 * Fake Replicate predictions API: create (official-model and version forms), get, cancel, list,
 * account, and result files under `/delivery/` that expire (outputs are deleted after about an hour
 * on Replicate; here after `resultTtlMs`, then `data_removed: true`). Honours `Prefer: wait[=N]`
 * and the `Cancel-After` deadline (aborted if not started by then, canceled if running).
 * Auth is `Bearer <REPLICATE_API_TOKEN>` (the legacy `Token` scheme is accepted too).
 */

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { emptyCounters, type FakeController, type FakeServerOptions } from '../fake-controller.ts';
import { FaultBook } from '../fault-book.ts';
import { startWireFake } from '../wire-fake.ts';
import { fakeClipBytes, type WireReply, type WireRequest, type WireRoute } from '../wire-server.ts';
import {
  E005_MESSAGE,
  fakeVersionOf,
  REPLICATE_FAKE_BLOCKED_WORD,
  REPLICATE_FAKE_MODELS,
  replicateErrorReply,
  replicateInputProblems,
  validationReply,
} from './replicate-rules.ts';

type FakePrediction = {
  id: string;
  model: string;
  input: Record<string, unknown>;
  createdMs: number;
  deadlineMs?: number;
  canceledMs?: number;
  error?: string;
};

export type ReplicateFakeOptions = FakeServerOptions & {
  /** Longest `Prefer: wait` hold in ms (Replicate: 60 s). @default 60000 */
  maxWaitMs?: number | undefined;
};

const PREDICTION = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/;
const MODEL_CREATE = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/;
const FILE = /^\/delivery\/([a-z0-9]+)\/output\.mp4$/;

/** `30s`, `5m`, `1h30m`, `500ms` → milliseconds (Go-style durations, as Cancel-After takes). */
export function parseGoDurationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) return undefined;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] ?? 's'] ?? 0), 0);
}

/** Starts a fake Replicate API on 127.0.0.1 and returns its controller. */
export async function startReplicateFake(options: ReplicateFakeOptions = {}): Promise<FakeController> {
  const stageMs = options.stageMs ?? 50;
  const resultTtlMs = options.resultTtlMs ?? 600_000;
  const token = options.credentials?.['REPLICATE_API_TOKEN'] ?? `r8_${randomBytes(18).toString('hex')}`;
  const clip = options.resultFile === undefined ? undefined : await readFile(options.resultFile);
  const faults = new FaultBook();
  const counters = emptyCounters();
  const predictions = new Map<string, FakePrediction>();
  let expiredAll = false;
  let baseUrl = '';

  function statusOf(p: FakePrediction, now = Date.now()): string {
    const startMs = p.createdMs + stageMs;
    const endMs = p.createdMs + 2 * stageMs;
    if (p.canceledMs !== undefined && p.canceledMs < endMs) return 'canceled';
    if (p.deadlineMs !== undefined && p.deadlineMs < endMs && now >= p.deadlineMs)
      return p.deadlineMs < startMs ? 'aborted' : 'canceled';
    if (now < startMs) return 'starting';
    if (now < endMs) return 'processing';
    return p.error === undefined ? 'succeeded' : 'failed';
  }
  const expired = (p: FakePrediction) => expiredAll || Date.now() > p.createdMs + 2 * stageMs + resultTtlMs;

  function view(p: FakePrediction): Record<string, unknown> {
    const status = statusOf(p);
    const done = ['succeeded', 'failed', 'canceled', 'aborted'].includes(status);
    const removed = status === 'succeeded' && expired(p);
    return {
      id: p.id,
      model: p.model,
      version: fakeVersionOf(p.model),
      input: removed ? {} : p.input,
      logs: status === 'starting' ? '' : 'fake: generating\n',
      output: status === 'succeeded' && !removed ? `${baseUrl}/delivery/${p.id}/output.mp4` : null,
      data_removed: removed,
      error: status === 'failed' ? (p.error ?? null) : null,
      status,
      source: 'api',
      created_at: new Date(p.createdMs).toISOString(),
      started_at:
        status === 'starting' || status === 'aborted' ? null : new Date(p.createdMs + stageMs).toISOString(),
      completed_at: done ? new Date(Math.min(Date.now(), p.createdMs + 2 * stageMs)).toISOString() : null,
      urls: {
        get: `${baseUrl}/v1/predictions/${p.id}`,
        cancel: `${baseUrl}/v1/predictions/${p.id}/cancel`,
        web: `https://replicate.com/p/${p.id}`,
      },
      metrics: status === 'succeeded' ? { predict_time: stageMs / 1000 } : {},
    };
  }

  async function create(req: WireRequest, model: string | undefined): Promise<WireReply> {
    const body = req.body as Record<string, unknown> | undefined;
    if (req.jsonError || typeof body !== 'object' || body === null)
      return validationReply([
        { type: 'invalid', field: 'body', description: 'request body must be a JSON object' },
      ]);
    let modelId = model;
    if (modelId === undefined) {
      modelId = Object.keys(REPLICATE_FAKE_MODELS).find((m) => fakeVersionOf(m) === body['version']);
      if (modelId === undefined)
        return {
          status: 422,
          json: { title: 'Invalid version', detail: 'Invalid version or not permitted', status: 422 },
        };
    }
    const spec = REPLICATE_FAKE_MODELS[modelId];
    if (spec === undefined) return replicateErrorReply('not_found', undefined);
    const input = (body['input'] ?? {}) as Record<string, unknown>;
    const problems = replicateInputProblems(spec, input);
    if (problems.length > 0) return validationReply(problems);
    const max = options.maxConcurrentTasks ?? 0;
    const running = [...predictions.values()].filter((p) => ['starting', 'processing'].includes(statusOf(p)));
    if (max > 0 && running.length >= max) {
      counters.rateLimited += 1;
      return replicateErrorReply('concurrency_limited', undefined);
    }
    const p: FakePrediction = {
      id: randomBytes(13).toString('hex').slice(0, 26),
      model: modelId,
      input,
      createdMs: Date.now(),
    };
    const cancelAfter = req.headers['cancel-after'];
    if (typeof cancelAfter === 'string') {
      const ms = parseGoDurationMs(cancelAfter);
      if (ms === undefined)
        return validationReply([{ type: 'invalid', field: 'Cancel-After', description: 'invalid duration' }]);
      p.deadlineMs = p.createdMs + ms;
    }
    const injected = faults.takeTaskFailure();
    if (
      injected?.reason === 'content_policy' ||
      String(input['prompt']).toLowerCase().includes(REPLICATE_FAKE_BLOCKED_WORD)
    )
      p.error = E005_MESSAGE;
    else if (injected?.reason === 'server_error') p.error = 'Prediction interrupted; please retry (code: PA)';
    predictions.set(p.id, p);
    counters.tasksCreated += 1;
    await holdForPreferWait(req, p);
    return { status: 201, json: view(p) };
  }

  async function holdForPreferWait(req: WireRequest, p: FakePrediction): Promise<void> {
    const prefer = req.headers['prefer'];
    const match = typeof prefer === 'string' ? /^wait(?:=(\d+))?$/.exec(prefer.trim()) : null;
    if (match === null) return;
    const holdMs = Math.min(
      options.maxWaitMs ?? 60_000,
      match[1] === undefined ? 60_000 : Number(match[1]) * 1000,
    );
    const until = Date.now() + holdMs;
    while (Date.now() < until && ['starting', 'processing'].includes(statusOf(p)))
      await new Promise((resolve) => setTimeout(resolve, 5));
  }

  function cancel(p: FakePrediction): WireReply {
    if (['starting', 'processing'].includes(statusOf(p))) p.canceledMs = Date.now();
    return { status: 200, json: view(p) };
  }

  function file(id: string): WireReply {
    const p = predictions.get(id);
    if (p === undefined || statusOf(p) !== 'succeeded' || expired(p))
      return replicateErrorReply('not_found', undefined);
    counters.downloads += 1;
    return { status: 200, bytes: fakeClipBytes(p.id, clip), contentType: 'video/mp4' };
  }

  const route = (req: WireRequest): WireRoute => {
    if (req.method === 'GET' && FILE.test(req.path)) return 'download';
    if (req.method === 'POST' && (req.path === '/v1/predictions' || MODEL_CREATE.test(req.path)))
      return 'submit';
    if (req.method === 'GET' && PREDICTION.test(req.path)) return 'status';
    return 'other';
  };

  const fake = await startWireFake(options, {
    provider: 'replicate',
    faults,
    counters,
    config: (url) => ({ REPLICATE_API_TOKEN: token, REPLICATE_BASE_URL: `${url}/v1` }),
    expireResults: () => {
      expiredAll = true;
    },
    handler: {
      route,
      authorized: (req, r) =>
        r === 'download' ||
        req.headers.authorization === `Bearer ${token}` ||
        req.headers.authorization === `Token ${token}`,
      unauthorized: () => replicateErrorReply('auth', undefined),
      error: (kind, _route, retryAfterS) => replicateErrorReply(kind, retryAfterS),
      wrongShape: (r) => (r === 'submit' ? { prediction: 'queued' } : { id: 42, state: 'done' }),
      handle: (req, r) => {
        if (r === 'download') return file(FILE.exec(req.path)?.[1] ?? '');
        if (r === 'submit') {
          const m = MODEL_CREATE.exec(req.path);
          return create(req, m === null ? undefined : `${m[1]}/${m[2]}`);
        }
        if (req.method === 'GET' && req.path === '/v1/account')
          return {
            status: 200,
            json: { type: 'user', username: 'clipbench-fake', name: 'Fake User', github_url: null },
          };
        if (req.method === 'GET' && req.path === '/v1/predictions') {
          counters.statusQueries += 1;
          const results = [...predictions.values()].reverse().map(view);
          return { status: 200, json: { next: null, previous: null, results } };
        }
        const m = PREDICTION.exec(req.path);
        const p = m === null ? undefined : predictions.get(m[1] ?? '');
        if (m === null || p === undefined) return replicateErrorReply('not_found', undefined);
        if (r === 'status') {
          counters.statusQueries += 1;
          return { status: 200, json: view(p) };
        }
        if (m[2] === '/cancel' && req.method === 'POST') return cancel(p);
        return {
          status: 405,
          json: { title: 'Method not allowed', detail: 'Method not allowed', status: 405 },
        };
      },
    },
  });
  baseUrl = fake.baseUrl;
  return fake;
}

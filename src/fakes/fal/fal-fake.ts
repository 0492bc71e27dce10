/**
 * Fake fal.ai queue server: `POST /{endpoint id}` submits, `GET …/requests/{id}/status`,
 * `GET …/requests/{id}` (result), `PUT …/requests/{id}/cancel`, result files under `/files/`.
 * Status/result/cancel URLs use only `{owner}/{app}` (no endpoint subpath), as fal's do. A failed
 * job is still COMPLETED; its error appears when fetching the result. Auth is `Key <FAL_KEY>`.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { emptyCounters, type FakeController, type FakeServerOptions } from '../fake-controller.ts';
import { FaultBook } from '../fault-book.ts';
import { startWireFake } from '../wire-fake.ts';
import { fakeClipBytes, type WireReply, type WireRequest, type WireRoute } from '../wire-server.ts';
import { FAL_FAKE_ENDPOINTS, type FalDetailItem, falErrorReply, falInputProblems } from './fal-rules.ts';

type FalFakeJob = {
  id: string;
  appId: string;
  endpointId: string;
  createdMs: number;
  /** Set when the job was cancelled while queued: it completes at once, with an error result. */
  cancelledMs?: number;
  failure?: { status: number; detail: FalDetailItem[]; retryable: boolean };
};

/** The common fake options (`resultFile` serves a real mp4 as every result, for dry runs). */
export type FalFakeOptions = FakeServerOptions;

const REQUEST_PATH = /^\/([^/]+\/[^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/;
const FILE_PATH = /^\/files\/([^/]+)\/output\.mp4$/;

/** Starts a fake fal queue on 127.0.0.1 and returns its controller. */
export async function startFalFake(options: FalFakeOptions = {}): Promise<FakeController> {
  const stageMs = options.stageMs ?? 50;
  const resultTtlMs = options.resultTtlMs ?? 600_000;
  const key = options.credentials?.['FAL_KEY'] ?? `${randomUUID()}:${randomBytes(16).toString('hex')}`;
  const clip = options.resultFile === undefined ? undefined : await readFile(options.resultFile);
  const faults = new FaultBook();
  const counters = emptyCounters();
  const jobs = new Map<string, FalFakeJob>();
  let expiredAll = false;
  let baseUrl = '';

  const state = (job: FalFakeJob, now = Date.now()) => {
    if (job.cancelledMs !== undefined) return 'COMPLETED';
    const elapsed = now - job.createdMs;
    if (elapsed < stageMs) return 'IN_QUEUE';
    if (elapsed < 2 * stageMs) return 'IN_PROGRESS';
    return 'COMPLETED';
  };
  const completedMs = (job: FalFakeJob) => job.cancelledMs ?? job.createdMs + 2 * stageMs;
  const urls = (job: FalFakeJob) => {
    const root = `${baseUrl}/${job.appId}/requests/${job.id}`;
    return { response_url: root, status_url: `${root}/status`, cancel_url: `${root}/cancel` };
  };
  const unfinished = () => [...jobs.values()].filter((j) => state(j) !== 'COMPLETED').length;

  function submit(req: WireRequest): WireReply {
    const endpointId = req.path.slice(1);
    if (!(endpointId in FAL_FAKE_ENDPOINTS))
      return { status: 404, json: { detail: `Application '${endpointId}' not found` } };
    if (req.jsonError || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
      return {
        status: 422,
        json: { detail: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] },
      };
    const max = options.maxConcurrentTasks ?? 0;
    if (max > 0 && unfinished() >= max) {
      counters.rateLimited += 1;
      return falErrorReply('concurrency_limited', 1);
    }
    const job: FalFakeJob = {
      id: randomUUID(),
      appId: endpointId.split('/').slice(0, 2).join('/'),
      endpointId,
      createdMs: Date.now(),
    };
    // fal validates when the runner picks the job up, so bad input still enqueues and fails later.
    const problems = falInputProblems(endpointId, req.body as Record<string, unknown>);
    if (problems.length > 0) job.failure = { status: 422, detail: problems, retryable: false };
    const injected = faults.takeTaskFailure();
    if (injected?.reason === 'content_policy')
      job.failure = {
        status: 422,
        detail: [
          { loc: ['body', 'prompt'], msg: 'flagged by a content checker', type: 'content_policy_violation' },
        ],
        retryable: false,
      };
    if (injected?.reason === 'server_error')
      job.failure = {
        status: 500,
        detail: [{ loc: ['body'], msg: 'Internal server error', type: 'internal_server_error' }],
        retryable: false,
      };
    jobs.set(job.id, job);
    counters.tasksCreated += 1;
    return { status: 200, json: { request_id: job.id, status: 'IN_QUEUE', queue_position: 0, ...urls(job) } };
  }

  function status(job: FalFakeJob, req: WireRequest): WireReply {
    counters.statusQueries += 1;
    const now = Date.now();
    const current = state(job, now);
    const logs =
      req.query.get('logs') === '1'
        ? [
            {
              message: 'fake: generating',
              level: 'INFO',
              source: 'USER',
              timestamp: new Date(now).toISOString(),
            },
          ]
        : null;
    const body: Record<string, unknown> = { status: current, request_id: job.id, ...urls(job) };
    if (current === 'IN_QUEUE') body['queue_position'] = 0;
    else body['logs'] = logs;
    if (current === 'COMPLETED') body['metrics'] = { inference_time: (2 * stageMs) / 1000 };
    // The queue answers 202 while a request is pending and 200 once it is complete.
    return { status: current === 'COMPLETED' ? 200 : 202, json: body };
  }

  function result(job: FalFakeJob): WireReply {
    if (state(job) !== 'COMPLETED') return { status: 400, json: { detail: 'Request is still in progress' } };
    if (job.cancelledMs !== undefined)
      return {
        status: 400,
        json: { detail: [{ loc: ['body'], msg: 'Request was cancelled', type: 'request_cancelled' }] },
      };
    if (job.failure !== undefined)
      return {
        status: job.failure.status,
        json: { detail: job.failure.detail },
        headers: { 'x-fal-retryable': String(job.failure.retryable) },
      };
    const bytes = fakeClipBytes(job.id, clip);
    return {
      status: 200,
      json: {
        video: {
          url: `${baseUrl}/files/${job.id}/output.mp4`,
          content_type: 'video/mp4',
          file_size: bytes.length,
        },
      },
    };
  }

  function cancel(job: FalFakeJob): WireReply {
    const current = state(job);
    if (current === 'COMPLETED') return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
    // Queued jobs are removed; running ones only get a signal and still finish (and bill).
    if (current === 'IN_QUEUE') job.cancelledMs = Date.now();
    return { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
  }

  function file(id: string): WireReply {
    const job = jobs.get(id);
    if (
      job === undefined ||
      job.failure !== undefined ||
      job.cancelledMs !== undefined ||
      state(job) !== 'COMPLETED'
    )
      return { status: 404, json: { detail: 'Not Found' } };
    if (expiredAll || Date.now() > completedMs(job) + resultTtlMs)
      return { status: 404, json: { detail: 'Not Found' } };
    counters.downloads += 1;
    return { status: 200, bytes: fakeClipBytes(job.id, clip), contentType: 'video/mp4' };
  }

  const route = (req: WireRequest): WireRoute => {
    if (req.method === 'GET' && FILE_PATH.test(req.path)) return 'download';
    const match = REQUEST_PATH.exec(req.path);
    if (match !== null) return match[3] === '/cancel' ? 'other' : 'status';
    return req.method === 'POST' ? 'submit' : 'other';
  };

  const fake = await startWireFake(options, {
    provider: 'fal',
    faults,
    counters,
    config: (url) => ({ FAL_KEY: key, FAL_QUEUE_URL: url }),
    expireResults: () => {
      expiredAll = true;
    },
    handler: {
      route,
      authorized: (req, r) => r === 'download' || req.headers.authorization === `Key ${key}`,
      unauthorized: (req) =>
        req.headers.authorization === undefined
          ? { status: 401, json: { detail: 'Authentication is required to access this resource' } }
          : falErrorReply('auth', undefined),
      error: (kind, _route, retryAfterS) => falErrorReply(kind, retryAfterS),
      wrongShape: (r) => (r === 'submit' ? { queued: true } : { state: 'RUNNING', progress: 0.5 }),
      handle: (req, r) => {
        if (r === 'download') return file(FILE_PATH.exec(req.path)?.[1] ?? '');
        if (r === 'submit') return submit(req);
        const match = REQUEST_PATH.exec(req.path);
        const job = match === null ? undefined : jobs.get(match[2] ?? '');
        if (match === null || job === undefined || job.appId !== match[1]) {
          if (match?.[3] === '/cancel') return { status: 404, json: { status: 'NOT_FOUND' } };
          return { status: 404, json: { detail: 'Request not found' } };
        }
        if (match[3] === '/status' && req.method === 'GET') return status(job, req);
        if (match[3] === '/cancel' && req.method === 'PUT') return cancel(job);
        if (match[3] === undefined && req.method === 'GET') return result(job);
        return { status: 405, json: { detail: 'Method Not Allowed' } };
      },
    },
  });
  baseUrl = fake.baseUrl;
  return fake;
}

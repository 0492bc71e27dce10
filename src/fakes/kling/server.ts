/**
 * A local fake of Kling's official API (providers.md §1 and §11), on node:http: JWT HS256 verified
 * (401 + 1001/1002/1003/1004), the `{code, message, request_id, data}` envelope, per-family task
 * routes with `task_id` or `external_task_id` lookups, statuses submitted → processing → succeed |
 * failed over time, request-rate (1302) and concurrency (1303) limits, duplicate external_task_id
 * refused (400/1201 — the exact code is UNCONFIRMED), result files served then expiring (403), and
 * the provider-neutral faults of fake-controller.ts. Shares no code with the adapter on purpose.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors as joseErrors, jwtVerify } from 'jose';
import {
  emptyCounters,
  type FakeController,
  type FakeErrorKind,
  type FakeFault,
  type FakeServerOptions,
} from '../fake-controller.ts';
import { FaultBook } from '../fault-book.ts';
import { fakeVideoBytes, validateKlingCreate } from './validate.ts';

const FAMILIES = ['text2video', 'image2video', 'motion-control', 'omni-video'] as const;

type Task = {
  taskId: string;
  family: string;
  externalTaskId: string | undefined;
  createdAtMs: number;
  failure: string | undefined;
  units: string;
  durationS: string;
};

export type KlingFakeOptions = FakeServerOptions;

const ERROR_WIRE: Record<FakeErrorKind, { status: number; code: number; message: string }> = {
  auth: { status: 401, code: 1000, message: 'Authentication failed' },
  rate_limited: { status: 429, code: 1302, message: 'API request too fast, please slow down' },
  concurrency_limited: { status: 429, code: 1303, message: 'parallel task over resource pack limit' },
  quota_exhausted: { status: 429, code: 1102, message: 'Resource pack depleted or expired' },
  content_policy: { status: 400, code: 1301, message: 'Content security policy triggered' },
  invalid_request: { status: 400, code: 1201, message: 'Invalid request parameters' },
  not_found: { status: 404, code: 1203, message: 'Requested resource does not exist' },
  server_error: { status: 500, code: 5000, message: 'Internal server error' },
};

const requestId = () => randomBytes(12).toString('base64url');

/** Starts the Kling fake on 127.0.0.1 (port 0 by default). */
export async function startKlingFake(options: KlingFakeOptions = {}): Promise<FakeController> {
  const accessKey = options.credentials?.['KLING_ACCESS_KEY'] ?? `fake-ak-${randomBytes(6).toString('hex')}`;
  const secretKey = options.credentials?.['KLING_SECRET_KEY'] ?? `fake-sk-${randomBytes(12).toString('hex')}`;
  const stageMs = options.stageMs ?? 50;
  const resultTtlMs = options.resultTtlMs ?? 600_000;
  const faults = new FaultBook();
  const counters = emptyCounters();
  const tasks: Task[] = [];
  const recentRequestsMs: number[] = [];
  let expiredBefore = 0;
  const video = options.resultFile === undefined ? fakeVideoBytes() : await readFile(options.resultFile);
  let baseUrl = '';

  const statusOf = (task: Task, nowMs: number): string => {
    const age = nowMs - task.createdAtMs;
    if (age < stageMs) return 'submitted';
    if (age < 2 * stageMs) return 'processing';
    return task.failure === undefined ? 'succeed' : 'failed';
  };

  const taskData = (task: Task, nowMs: number) => {
    const status = statusOf(task, nowMs);
    return {
      task_id: task.taskId,
      task_status: status,
      task_status_msg: status === 'failed' ? task.failure : '',
      task_info: task.externalTaskId === undefined ? {} : { external_task_id: task.externalTaskId },
      created_at: task.createdAtMs,
      updated_at: nowMs,
      ...(status === 'succeed'
        ? {
            final_unit_deduction: task.units,
            task_result: {
              videos: [
                {
                  id: `v-${task.taskId}`,
                  url: `${baseUrl}/results/${task.taskId}.mp4`,
                  duration: task.durationS,
                },
              ],
            },
          }
        : {}),
    };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: number, message: string, headers = {}) =>
    send(res, status, { code, message, request_id: requestId() }, headers);
  const ok = (res: ServerResponse, data: unknown) =>
    send(res, 200, { code: 0, message: 'SUCCEED', request_id: requestId(), data });

  async function checkAuth(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      fail(res, 401, 1001, 'Authorization is empty');
      return false;
    }
    const match = /^Bearer (.+)$/.exec(header);
    if (match === null) {
      fail(res, 401, 1002, 'Authorization is invalid');
      return false;
    }
    try {
      await jwtVerify(match[1]!, new TextEncoder().encode(secretKey), {
        algorithms: ['HS256'],
        issuer: accessKey,
      });
      return true;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) fail(res, 401, 1004, 'Authorization is expired');
      else if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
        fail(res, 401, 1003, 'Authorization is not yet valid');
      else fail(res, 401, 1002, 'Authorization is invalid');
      return false;
    }
  }

  /** Applies an error/slow/malformed/drop fault; returns true when the response is handled. */
  async function applyFault(fault: FakeFault | undefined, res: ServerResponse, req: IncomingMessage) {
    if (fault === undefined) return { handled: false, dropAfter: false };
    counters.faultsFired += 1;
    switch (fault.kind) {
      case 'error': {
        const wire = ERROR_WIRE[fault.error];
        if (fault.error === 'rate_limited' || fault.error === 'concurrency_limited')
          counters.rateLimited += 1;
        const headers: Record<string, string> =
          fault.retryAfterS === undefined ? {} : { 'retry-after': String(fault.retryAfterS) };
        fail(res, wire.status, wire.code, wire.message, headers);
        return { handled: true, dropAfter: false };
      }
      case 'drop':
        if (fault.when === 'before') {
          req.socket.destroy();
          return { handled: true, dropAfter: false };
        }
        return { handled: false, dropAfter: true };
      case 'malformed':
        if (fault.shape === 'not_json') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html><body>502 upstream hiccup</body></html>');
        } else
          send(res, 200, { code: 0, message: 'SUCCEED', request_id: requestId(), data: { task_id: 42 } });
        return { handled: true, dropAfter: false };
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        return { handled: false, dropAfter: false };
      case 'task_fails':
        return { handled: false, dropAfter: false };
    }
  }

  /** Rate limit (1302) on every request; concurrency (1303) on creates once the body is valid. */
  function overLimits(res: ServerResponse, nowMs: number, creating: boolean, countRate = true): boolean {
    const perS = options.rateLimitPerS ?? 0;
    while (recentRequestsMs.length > 0 && recentRequestsMs[0]! <= nowMs - 1000) recentRequestsMs.shift();
    if (countRate) recentRequestsMs.push(nowMs);
    if (countRate && perS > 0 && recentRequestsMs.length > perS) {
      counters.rateLimited += 1;
      fail(res, 429, 1302, 'API request too fast, please slow down', { 'retry-after': '1' });
      return true;
    }
    const maxTasks = options.maxConcurrentTasks ?? 0;
    const running = tasks.filter((t) => nowMs - t.createdAtMs < 2 * stageMs).length;
    if (creating && maxTasks > 0 && running >= maxTasks) {
      counters.rateLimited += 1;
      fail(res, 429, 1303, 'parallel task over resource pack limit');
      return true;
    }
    return false;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handleCreate(family: string, req: IncomingMessage, res: ServerResponse, dropAfter: boolean) {
    counters.submits += 1;
    const nowMs = Date.now();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return fail(res, 400, 1200, 'Invalid request body: not JSON');
    }
    if (overLimits(res, nowMs, false)) return;
    const invalid = validateKlingCreate(family, body);
    if (invalid !== undefined) return fail(res, 400, invalid.code, invalid.message);
    const external = typeof body['external_task_id'] === 'string' ? body['external_task_id'] : undefined;
    if (external !== undefined && external !== '' && tasks.some((t) => t.externalTaskId === external)) {
      counters.duplicatesRefused += 1;
      return fail(res, 400, 1201, `external_task_id ${external} already exists`);
    }
    if (overLimits(res, nowMs, true, false)) return;
    const failure = faults.takeTaskFailure();
    const pro = body['mode'] === 'pro';
    const durationS = typeof body['duration'] === 'string' ? body['duration'] : '5';
    const task: Task = {
      taskId: `${Date.now().toString(36)}${randomBytes(8).toString('hex')}`,
      family,
      externalTaskId: external || undefined,
      createdAtMs: nowMs,
      failure:
        failure === undefined
          ? undefined
          : failure.reason === 'content_policy'
            ? 'Failure to pass the risk control system'
            : 'Internal generation error',
      units: String((pro ? 2.5 : 1.5) * (durationS === '10' ? 2 : 1)),
      durationS,
    };
    tasks.push(task);
    counters.tasksCreated += 1;
    if (dropAfter) {
      req.socket.destroy();
      return;
    }
    ok(res, {
      task_id: task.taskId,
      task_status: 'submitted',
      task_info: { external_task_id: external },
      created_at: nowMs,
      updated_at: nowMs,
    });
  }

  function handleQuery(
    family: string,
    id: string | undefined,
    url: URL,
    res: ServerResponse,
    dropAfter: boolean,
    req: IncomingMessage,
  ) {
    counters.statusQueries += 1;
    const nowMs = Date.now();
    if (overLimits(res, nowMs, false)) return;
    if (dropAfter) {
      req.socket.destroy();
      return;
    }
    if (id === undefined) {
      const pageNum = Math.max(1, Number(url.searchParams.get('pageNum') ?? 1));
      const pageSize = Math.min(500, Math.max(1, Number(url.searchParams.get('pageSize') ?? 30)));
      const inFamily = tasks.filter((t) => t.family === family);
      return ok(
        res,
        inFamily.slice((pageNum - 1) * pageSize, pageNum * pageSize).map((t) => taskData(t, nowMs)),
      );
    }
    const task = tasks.find((t) => t.family === family && (t.taskId === id || t.externalTaskId === id));
    if (task === undefined) return fail(res, 404, 1203, `task ${id} not found`);
    ok(res, taskData(task, nowMs));
  }

  function handleResult(taskId: string, res: ServerResponse) {
    counters.downloads += 1;
    const task = tasks.find((t) => t.taskId === taskId);
    const nowMs = Date.now();
    const doneAtMs = task === undefined ? 0 : task.createdAtMs + 2 * stageMs;
    if (task === undefined || statusOf(task, nowMs) !== 'succeed') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such object');
      return;
    }
    if (doneAtMs < expiredBefore || nowMs > doneAtMs + resultTtlMs) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.byteLength) });
    res.end(video);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const result = /^\/results\/([^/]+)\.mp4$/.exec(url.pathname);
      const route = /^\/v1\/videos\/([a-z0-9-]+)(?:\/([^/]+))?$/.exec(url.pathname);
      if (result !== null) {
        const fault = await applyFault(faults.take('download'), res, req);
        if (!fault.handled) handleResult(result[1]!, res);
        return;
      }
      if (route === null || !(FAMILIES as readonly string[]).includes(route[1]!))
        return fail(res, 404, 1202, `no such route ${req.method} ${url.pathname}`);
      const creating = req.method === 'POST' && route[2] === undefined;
      if (!creating && req.method !== 'GET') return fail(res, 404, 1202, `method ${req.method} not allowed`);
      if (!(await checkAuth(req, res))) return;
      const fault = await applyFault(faults.take(creating ? 'submit' : 'status'), res, req);
      if (fault.handled) {
        if (creating) counters.submits += 1;
        else counters.statusQueries += 1;
        return;
      }
      if (creating) await handleCreate(route[1]!, req, res, fault.dropAfter);
      else
        handleQuery(
          route[1]!,
          route[2] === undefined ? undefined : decodeURIComponent(route[2]),
          url,
          res,
          fault.dropAfter,
          req,
        );
    })().catch((error: unknown) => {
      if (!res.headersSent)
        fail(res, 500, 5000, `fake crashed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    provider: 'kling',
    baseUrl,
    config: { KLING_ACCESS_KEY: accessKey, KLING_SECRET_KEY: secretKey, KLING_BASE_URL: baseUrl },
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    counters: () => ({ ...counters }),
    expireResults: () => {
      expiredBefore = Date.now() + 1;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

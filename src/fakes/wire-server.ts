/**
 * A small node:http harness for fake provider servers (used by the fal and Replicate fakes): reads
 * the request, applies the FaultBook (drop, slow, malformed, error), auth and the per-second rate
 * limit, then hands the request to the provider's handler. Real sockets on 127.0.0.1, so adapters
 * see real transport failures (a destroyed socket is a real dropped connection).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCounters, FakeErrorKind, FakeRoute } from './fake-controller.ts';
import type { FaultBook } from './fault-book.ts';

export type WireRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body; undefined when empty or not JSON (`jsonError` tells which). */
  body: unknown;
  jsonError: boolean;
};

export type WireReply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> };

export type WireRoute = Exclude<FakeRoute, 'any'> | 'other';

/** What a provider fake plugs into the harness. */
export type WireHandler = {
  route(req: WireRequest): WireRoute;
  /** True when the request may proceed; result-file downloads usually need no auth. */
  authorized(req: WireRequest, route: WireRoute): boolean;
  unauthorized(req: WireRequest): WireReply;
  /** The provider's documented error answer for `kind`. */
  error(kind: FakeErrorKind, route: WireRoute, retryAfterS: number | undefined): WireReply;
  /** A 200 JSON body of the wrong shape for `route`. */
  wrongShape(route: WireRoute): unknown;
  handle(req: WireRequest, route: WireRoute): Promise<WireReply> | WireReply;
};

export type WireServerOptions = {
  host: string;
  port: number;
  handler: WireHandler;
  faults: FaultBook;
  counters: FakeCounters;
  /** Requests per second before a rate-limit error; 0 = unlimited. */
  rateLimitPerS: number;
};

export type WireServer = { baseUrl: string; stop(): Promise<void> };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, reply: WireReply): void {
  const headers = { ...reply.headers };
  if ('json' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status, { 'content-type': reply.contentType, ...headers });
    res.end(reply.bytes);
  }
}

async function readRequest(raw: import('node:http').IncomingMessage): Promise<WireRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of raw) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  let jsonError = false;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      jsonError = true;
    }
  }
  const url = new URL(raw.url ?? '/', 'http://fake.invalid');
  return {
    method: raw.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: raw.headers,
    text,
    body,
    jsonError,
  };
}

/** Starts the server; resolves once it listens. */
export async function startWireServer(options: WireServerOptions): Promise<WireServer> {
  const { handler, faults, counters } = options;
  const recent: number[] = [];
  const overRate = (): boolean => {
    if (options.rateLimitPerS <= 0) return false;
    const now = Date.now();
    while (recent.length > 0 && (recent[0] ?? 0) <= now - 1000) recent.shift();
    if (recent.length >= options.rateLimitPerS) return true;
    recent.push(now);
    return false;
  };

  const server = createServer((raw, res) => {
    void (async () => {
      const req = await readRequest(raw);
      const route = handler.route(req);
      const fault = route === 'other' ? undefined : faults.take(route);
      if (fault?.kind === 'drop' && fault.when === 'before') {
        counters.faultsFired += 1;
        res.socket?.destroy();
        return;
      }
      if (route === 'submit') counters.submits += 1;
      if (fault !== undefined) counters.faultsFired += 1;
      if (fault?.kind === 'slow') await wait(fault.delayMs);
      if (fault?.kind === 'error') {
        if (fault.error === 'rate_limited' || fault.error === 'concurrency_limited')
          counters.rateLimited += 1;
        send(res, handler.error(fault.error, route, fault.retryAfterS));
        return;
      }
      if (fault?.kind === 'malformed') {
        if (fault.shape === 'not_json')
          send(res, {
            status: 200,
            bytes: Buffer.from('<html>502 upstream</html>'),
            contentType: 'text/html',
          });
        else send(res, { status: 200, json: handler.wrongShape(route) });
        return;
      }
      if (!handler.authorized(req, route)) {
        send(res, handler.unauthorized(req));
        return;
      }
      if (route !== 'download' && overRate()) {
        counters.rateLimited += 1;
        send(res, handler.error('rate_limited', route, undefined));
        return;
      }
      const reply = await handler.handle(req, route);
      if (fault?.kind === 'drop') {
        // `after`: the request took effect, the answer is lost on the way back.
        res.socket?.destroy();
        return;
      }
      send(res, reply);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, json: { detail: `fake server bug: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A deterministic stand-in result file: an MP4 `ftyp` box followed by the task id, so hashes differ per task. */
export function fakeClipBytes(taskId: string, clip: Buffer | undefined): Buffer {
  if (clip !== undefined) return clip;
  const ftyp = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
  return Buffer.concat([ftyp, Buffer.from(`isomiso2 clipbench fake clip for ${taskId}\n`.repeat(8))]);
}

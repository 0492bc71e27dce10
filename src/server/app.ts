/**
 * @module server — the local dashboard as a Hono app: pages, the JSON API, the script, and media
 * served only from the workspace media directory. Pure wiring over injected dependencies (the store
 * handle, cwd); binding a port is `listen.ts`.
 */
import { Hono } from 'hono';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { StoreError } from '../store/store-error.ts';
import { DASHBOARD_SCRIPT } from '../web/client-script.ts';
import { ApiError } from './api-error.ts';
import { apiRoutes } from './api-routes.ts';
import type { ApiErrorBody } from './api-schemas.ts';
import { lookupMedia, type MediaLookup, mediaResponse } from './media-files.ts';
import { pageRoutes } from './page-routes.ts';
import { createRenditionCache } from './renditions.ts';
import type { StoreHandle } from './store-handle.ts';

export type DashboardDeps = {
  handle: StoreHandle;
  /** Project directory (for project presets). */
  cwd: string;
  /** Stored with human verdicts when the request names no reviewer. */
  reviewer?: string | null | undefined;
  /**
   * Refuse requests whose Host is not a loopback name (DNS-rebinding defence).
   * @default true
   */
  loopbackOnly?: boolean | undefined;
};

/** No origin but our own for anything; inline styles (and the inline SVG chart) are ours too. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function errorBody(code: string, message: string, extra: Partial<ApiErrorBody['error']> = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

/** Maps any thrown error to a status and JSON body (never a stack). */
function toHttpError(error: unknown): { status: 400 | 403 | 404 | 415 | 500; body: ApiErrorBody } {
  if (error instanceof ApiError)
    return {
      status: error.status,
      body: errorBody(error.code, error.message, error.issues === undefined ? {} : { issues: error.issues }),
    };
  if (error instanceof StoreError && error.code === 'store_not_found')
    return {
      status: 404,
      body: errorBody(error.code, error.message, error.hint ? { hint: error.hint } : {}),
    };
  if (error instanceof ClipbenchError)
    return {
      status: 500,
      body: errorBody(error.code, error.message, error.hint ? { hint: error.hint } : {}),
    };
  return { status: 500, body: errorBody('internal', error instanceof Error ? error.message : String(error)) };
}

function mediaReply(found: MediaLookup, range: string | undefined): Response {
  if (!found.ok)
    return Response.json(errorBody(found.code, found.message), {
      status: found.status,
      headers: { 'x-content-type-options': 'nosniff' },
    });
  return mediaResponse(found, range);
}

/** The raw (still percent-encoded) path after `prefix`, taken from the request URL itself. */
function encodedTail(url: string, prefix: string): string {
  const path = new URL(url).pathname;
  return path.startsWith(prefix) ? path.slice(prefix.length) : '';
}

/** Builds the dashboard app. */
export function createDashboardApp(deps: DashboardDeps): Hono {
  const app = new Hono();
  const mediaDir = deps.handle.workspace.mediaDir;
  const renditions = createRenditionCache(mediaDir);
  app.use('*', async (c, next) => {
    if (deps.loopbackOnly !== false) {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '');
      if (!LOOPBACK_HOSTS.has(host))
        return c.json(
          errorBody('host_refused', `the dashboard answers only on loopback hosts, not "${host}"`),
          403,
        );
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Cross-site pages cannot send JSON without a CORS preflight we never grant; Origin, when sent, must be us.
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== new URL(c.req.url).origin)
        return c.json(errorBody('origin_refused', `cross-origin request from ${origin} refused`), 403);
      if (!(c.req.header('content-type') ?? '').startsWith('application/json'))
        return c.json(errorBody('unsupported_media_type', 'send the body as application/json'), 415);
    }
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    if ((c.res.headers.get('content-type') ?? '').startsWith('text/html'))
      c.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return undefined;
  });
  app.get('/assets/dashboard.js', (c) =>
    c.body(DASHBOARD_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/media/*', (c) =>
    mediaReply(lookupMedia(mediaDir, encodedTail(c.req.url, '/media/')), c.req.header('range')),
  );
  app.get('/renditions/webm/*', async (c) =>
    mediaReply(await renditions.webm(encodedTail(c.req.url, '/renditions/webm/')), c.req.header('range')),
  );
  app.route('/api', apiRoutes({ handle: deps.handle, cwd: deps.cwd, reviewer: deps.reviewer ?? null }));
  app.route('/', pageRoutes({ handle: deps.handle, cwd: deps.cwd }));
  app.notFound((c) =>
    c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404),
  );
  app.onError((error, c) => {
    const { status, body } = toHttpError(error);
    return c.json(body, status);
  });
  return app;
}

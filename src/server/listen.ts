/**
 * Binds the dashboard to a host and port (127.0.0.1 by default). A taken port is a typed
 * `port_in_use` error naming the port, never an unhandled 'error' event.
 */

import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createDashboardApp, type DashboardDeps } from './app.ts';
import { ServeError } from './serve-error.ts';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';

export type DashboardOptions = DashboardDeps & {
  /** 0 picks a free port. @default 4173 */
  port?: number | undefined;
  /** @default '127.0.0.1' */
  host?: string | undefined;
};

export type RunningDashboard = {
  url: string;
  host: string;
  port: number;
  /** Stops accepting connections, drops idle keep-alive sockets, and resolves once closed. */
  close(): Promise<void>;
};

/** True for hosts only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE')
    return new ServeError({
      code: 'port_in_use',
      field: '--port',
      message: `port ${port} on ${host} is already in use`,
      hint: `another program (maybe another \`clipbench serve\`) holds it: stop it, or pick another port with --port ${port + 1} (or --port 0 for any free port)`,
      cause: error,
    });
  if (error.code === 'EACCES')
    return new ServeError({
      code: 'port_not_permitted',
      field: '--port',
      message: `not permitted to listen on port ${port}`,
      hint: 'ports below 1024 need privileges; use the default --port 4173 or another port above 1023',
      cause: error,
    });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return new ServeError({
      code: 'host_unavailable',
      field: '--host',
      message: `cannot listen on host ${host} (${error.code})`,
      hint: 'use the default --host 127.0.0.1, or an address of this machine',
      cause: error,
    });
  return error;
}

/** Starts the dashboard; resolves once it is listening. */
export function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;
  const app = createDashboardApp({ ...options, loopbackOnly: options.loopbackOnly ?? isLoopbackHost(host) });
  const server = createAdaptorServer({ fetch: app.fetch });
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, host, requestedPort));
    server.once('error', onError);
    server.listen(requestedPort, host, () => {
      server.off('error', onError);
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}/`,
        host,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

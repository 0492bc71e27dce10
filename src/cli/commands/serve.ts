import { Command } from 'commander';
import { InputError } from '../../errors/input-error.ts';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, startDashboard } from '../../server/listen.ts';
import { openStoreHandle } from '../../server/store-handle.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP } from './open-workspace.ts';

type ServeOptions = { port: string; host: string; workspace?: string; json?: boolean };

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new InputError({
      code: 'invalid_port',
      field: '--port',
      message: `Expected \`--port\` to be an integer from 0 to 65535, got \`${value}\``,
      hint: `e.g. --port ${DEFAULT_PORT} (0 picks any free port)`,
    });
  return port;
}

/** Resolves on SIGINT/SIGTERM, removing its listeners so a test process is left as it was. */
function untilInterrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `clipbench serve` — the local review dashboard, until Ctrl+C. Bound to 127.0.0.1 by default.
 * Exit codes: 0 after Ctrl+C; 2 for a bad --port or a port in use (`port_in_use`); 3 for a
 * corrupt or unreadable database (`store_corrupt`, …).
 */
export function serveCommand(ctx: CliContext): Command {
  return new Command('serve')
    .description('local review dashboard (experiments, clips, review, trends, presets) on 127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', String(DEFAULT_PORT))
    .option(
      '--host <host>',
      'address to bind; keep the loopback default unless you mean to share it',
      DEFAULT_HOST,
    )
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'print {url, host, port, workspace} as JSON once listening')
    .option('--verbose', 'show stack traces')
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const handle = openStoreHandle({ cwd: ctx.cwd, env: ctx.env, workspace: options.workspace });
      let dashboard: Awaited<ReturnType<typeof startDashboard>>;
      try {
        dashboard = await startDashboard({
          handle,
          cwd: ctx.cwd,
          host: options.host,
          port,
          reviewer: ctx.env['USER'] ?? null,
        });
      } catch (error) {
        handle.close();
        throw error;
      }
      const workspace = handle.workspace.root;
      if (options.json)
        printJson(ctx, { url: dashboard.url, host: dashboard.host, port: dashboard.port, workspace });
      else {
        printLine(ctx, `clipbench dashboard: ${dashboard.url}  (workspace ${workspace})`);
        if (handle.current() === null) printLine(ctx, '  no runs yet: the page shows how to start one');
        printLine(ctx, '  press Ctrl+C to stop');
      }
      if (!isLoopbackHost(dashboard.host))
        ctx.stderr(
          `warning: listening on ${dashboard.host}: anyone who can reach this address can read clips and record verdicts\n`,
        );
      await untilInterrupted();
      await dashboard.close();
      handle.close();
      if (!options.json) printLine(ctx, 'dashboard stopped');
    });
}

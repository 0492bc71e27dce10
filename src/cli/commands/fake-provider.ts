import { Command } from 'commander';
import { InputError } from '../../errors/input-error.ts';
import { FAKE_SERVERS } from '../../fakes/index.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError({
      code: 'usage',
      field: name,
      message: `Expected \`${name}\` to be an integer from 0 and up, got \`${value}\``,
    });
  return n;
}

/** Resolves on SIGINT/SIGTERM, or after `forMs` when given (scripted dry runs and tests). */
function untilStopped(forMs: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (forMs !== undefined) setTimeout(done, forMs);
  });
}

/** `clipbench fake-provider` — run a local fake provider server that speaks a real wire format */
export function fakeProviderCommand(ctx: CliContext): Command {
  return new Command('fake-provider')
    .description('run a local fake provider server that speaks a real wire format')
    .argument('<id>', `provider id (${Object.keys(FAKE_SERVERS).sort().join(', ')})`)
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--stage-ms <n>', 'time a task spends in each non-final state', '3000')
    .option('--rate-limit <n>', 'requests per second before a rate-limit error (0 = none)', '0')
    .option('--max-concurrent <n>', 'unfinished tasks before a concurrency error (0 = none)', '0')
    .option('--result-file <mp4>', 'serve this clip as every result (default: placeholder bytes)')
    .option('--for-ms <n>', 'stop after this long instead of waiting for ctrl-c')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: Record<string, string | boolean | undefined>) => {
      const start = FAKE_SERVERS[id];
      if (start === undefined)
        throw new InputError({
          code: 'unknown_provider',
          message: `no fake server for \`${id}\``,
          hint: `fakes exist for: ${Object.keys(FAKE_SERVERS).sort().join(', ')}`,
        });
      const str = (name: string) =>
        typeof options[name] === 'string' ? (options[name] as string) : undefined;
      const fake = await start({
        port: intOption('--port', str('port')),
        stageMs: intOption('--stage-ms', str('stageMs')),
        rateLimitPerS: intOption('--rate-limit', str('rateLimit')),
        maxConcurrentTasks: intOption('--max-concurrent', str('maxConcurrent')),
        ...(str('resultFile') === undefined ? {} : { resultFile: str('resultFile') }),
      });
      if (options['json'])
        printJson(ctx, { provider: fake.provider, baseUrl: fake.baseUrl, config: fake.config });
      else {
        printLine(ctx, `fake ${fake.provider} listening on ${fake.baseUrl} (simulated; no real generation)`);
        printLine(ctx, 'point clipbench at it with these FAKE credentials:');
        for (const [name, value] of Object.entries(fake.config)) printLine(ctx, `  export ${name}=${value}`);
      }
      try {
        await untilStopped(intOption('--for-ms', str('forMs')));
      } finally {
        await fake.stop();
      }
      if (!options['json'])
        printLine(ctx, `fake ${fake.provider} stopped; counters ${JSON.stringify(fake.counters())}`);
    });
}

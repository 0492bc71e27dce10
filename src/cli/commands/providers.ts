import { Command } from 'commander';
import { ProviderError } from '../../http/errors.ts';
import {
  createProvider,
  describeProviders,
  getProviderFactory,
  loadProviderConfig,
  type ProviderSummary,
} from '../../providers/registry.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';

function summaryLines(summary: ProviderSummary): string[] {
  const caps = summary.capabilities;
  const state = summary.configured ? 'configured' : `not configured (missing ${summary.missing.join(', ')})`;
  const layers = Object.entries(caps.layers)
    .map(([layer, support]) => `${layer}=${support}`)
    .join(' ');
  const lines = [
    `${summary.id} — ${summary.description}`,
    `  status: ${state}`,
    `  layers: ${layers}`,
    `  idempotency: ${caps.idempotency}; default model: ${caps.defaultModel}`,
  ];
  for (const [field, how] of Object.entries(caps.fields))
    if (how !== undefined && how.support !== 'native') lines.push(`  ${field}: ${how.support} — ${how.note}`);
  lines.push('  prices:');
  for (const price of summary.priceTable)
    lines.push(
      `    ${price.model}${price.mode ? ` ${price.mode}` : ''}: $${price.usd} ${price.unit === 'per_clip' ? `per ${price.durationS ?? '?'} s clip` : 'per second'}${price.note ? ` (${price.note})` : ''}`,
    );
  return lines;
}

/** `clipbench providers` — list providers and check credentials */
export function providersCommand(ctx: CliContext): Command {
  const command = new Command('providers').description('list providers and check credentials');
  command
    .command('list')
    .description('ids, capabilities, configured or not (never keys), price tables')
    .option('--config <file>', 'provider settings file (NAME: value pairs); default $CLIPBENCH_CONFIG')
    .option('--json', 'machine-readable output')
    .action(async (options: { config?: string; json?: boolean }) => {
      const config = await loadProviderConfig({ env: ctx.env, configFile: options.config });
      const summaries = describeProviders(config);
      if (options.json) return printJson(ctx, { providers: summaries });
      for (const summary of summaries) printLine(ctx, summaryLines(summary).join('\n'));
    });
  command
    .command('check')
    .description('validate credentials with the cheapest call the provider offers')
    .argument('<id>', 'provider id')
    .option('--config <file>', 'provider settings file (NAME: value pairs); default $CLIPBENCH_CONFIG')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: { config?: string; json?: boolean }) => {
      const factory = getProviderFactory(id);
      const config = await loadProviderConfig({ env: ctx.env, configFile: options.config });
      const provider = createProvider(factory.id, config);
      try {
        const result = await provider.checkCredentials({ signal: AbortSignal.timeout(60_000) });
        if (options.json) printJson(ctx, { provider: id, ...result });
        else printLine(ctx, `${id}: credentials OK — ${result.detail} (${result.latencyMs} ms)`);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        ctx.exitCode = 1;
        if (options.json) printJson(ctx, { provider: id, ok: false, error: error.toJSON() });
        else {
          printLine(ctx, `${id}: credentials check FAILED [${error.code}] ${error.message}`);
          if (error.hint) printLine(ctx, `  hint: ${error.hint}`);
        }
      }
    });
  return command;
}

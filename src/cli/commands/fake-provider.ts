import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench fake-provider` — run a local fake provider server that speaks a real wire format */
export function fakeProviderCommand(_ctx: CliContext): Command {
  return new Command('fake-provider')
    .description('run a local fake provider server that speaks a real wire format')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench fake-provider');
    });
}

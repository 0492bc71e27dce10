import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench providers` — list providers and check credentials */
export function providersCommand(_ctx: CliContext): Command {
  return new Command('providers')
    .description('list providers and check credentials')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench providers');
    });
}

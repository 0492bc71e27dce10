import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench generate` — one generation from a request file on a provider */
export function generateCommand(_ctx: CliContext): Command {
  return new Command('generate')
    .description('one generation from a request file on a provider')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench generate');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench hash` — print the canonical hash of a request file */
export function hashCommand(_ctx: CliContext): Command {
  return new Command('hash')
    .description('print the canonical hash of a request file')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench hash');
    });
}

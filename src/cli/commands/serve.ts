import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench serve` — local review dashboard */
export function serveCommand(_ctx: CliContext): Command {
  return new Command('serve')
    .description('local review dashboard')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench serve');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench runs` — list and show recorded runs */
export function runsCommand(_ctx: CliContext): Command {
  return new Command('runs')
    .description('list and show recorded runs')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench runs');
    });
}

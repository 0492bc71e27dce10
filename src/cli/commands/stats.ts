import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench stats` — usable rate per ISO week and cost per usable clip */
export function statsCommand(_ctx: CliContext): Command {
  return new Command('stats')
    .description('usable rate per ISO week and cost per usable clip')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench stats');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench validate` — validate a request or experiment file and print it normalised */
export function validateCommand(_ctx: CliContext): Command {
  return new Command('validate')
    .description('validate a request or experiment file and print it normalised')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench validate');
    });
}

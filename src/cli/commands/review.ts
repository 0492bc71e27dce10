import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench review` — record a human verdict for a job */
export function reviewCommand(_ctx: CliContext): Command {
  return new Command('review')
    .description('record a human verdict for a job')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench review');
    });
}

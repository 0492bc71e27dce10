import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench plan` — expand an experiment into jobs with keys and estimated cost, without running */
export function planCommand(_ctx: CliContext): Command {
  return new Command('plan')
    .description('expand an experiment into jobs with keys and estimated cost, without running')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench plan');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench run` — run an experiment: generate, analyse, judge and log every job */
export function runCommand(_ctx: CliContext): Command {
  return new Command('run')
    .description('run an experiment: generate, analyse, judge and log every job')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench run');
    });
}

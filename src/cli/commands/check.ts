import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench check` — CI gate: validate, gate references, sweep, and compare with the last approved preset */
export function checkCommand(_ctx: CliContext): Command {
  return new Command('check')
    .description('CI gate: validate, gate references, sweep, and compare with the last approved preset')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench check');
    });
}

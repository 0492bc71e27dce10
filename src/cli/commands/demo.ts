import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench demo` — run the offline end-to-end demo on the simulator */
export function demoCommand(_ctx: CliContext): Command {
  return new Command('demo')
    .description('run the offline end-to-end demo on the simulator')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench demo');
    });
}

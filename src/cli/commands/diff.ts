import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench diff` — list changed leaf paths between two request files */
export function diffCommand(_ctx: CliContext): Command {
  return new Command('diff')
    .description('list changed leaf paths between two request files')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench diff');
    });
}

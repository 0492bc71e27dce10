import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench report` — render a run report as html, md, json or junit */
export function reportCommand(_ctx: CliContext): Command {
  return new Command('report')
    .description('render a run report as html, md, json or junit')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench report');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench gate` — reference-video quality gate: accept or reject a motion source */
export function gateCommand(_ctx: CliContext): Command {
  return new Command('gate')
    .description('reference-video quality gate: accept or reject a motion source')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench gate');
    });
}

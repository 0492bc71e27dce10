import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench presets` — list, show, approve, diff and retire presets */
export function presetsCommand(_ctx: CliContext): Command {
  return new Command('presets')
    .description('list, show, approve, diff and retire presets')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench presets');
    });
}

import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench analyze` — analyse clips: camera move, cuts, defects, metrics */
export function analyzeCommand(_ctx: CliContext): Command {
  return new Command('analyze')
    .description('analyse clips: camera move, cuts, defects, metrics')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench analyze');
    });
}

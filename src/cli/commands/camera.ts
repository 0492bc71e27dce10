import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench camera` — parse a plain-language camera phrase into a structured move */
export function cameraCommand(_ctx: CliContext): Command {
  return new Command('camera')
    .description('parse a plain-language camera phrase into a structured move')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench camera');
    });
}

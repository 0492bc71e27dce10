import { Command } from 'commander';
import { NotImplementedError } from '../../errors/not-implemented-error.ts';
import type { CliContext } from '../context.ts';

/** `clipbench schema` — write JSON Schema files for request, experiment and preset files */
export function schemaCommand(_ctx: CliContext): Command {
  return new Command('schema')
    .description('write JSON Schema files for request, experiment and preset files')
    .argument('[args...]')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(() => {
      throw new NotImplementedError('clipbench schema');
    });
}

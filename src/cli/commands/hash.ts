import { Command } from 'commander';
import { canonicalJson } from '../../contract/canonical.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { checkRequestFile } from './request-file.ts';

/** `clipbench hash` — canonical hash of a request */
export function hashCommand(ctx: CliContext): Command {
  return new Command('hash')
    .description(
      'canonical hash of a request: stable under key order, formatting, written defaults and media paths',
    )
    .argument('<file>', 'request file (YAML or JSON)')
    .option('--canonical', 'also print the canonical JSON that is hashed')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((file: string, options: { json?: boolean; canonical?: boolean }) => {
      const checked = checkRequestFile(file, ctx.cwd);
      if (options.json) {
        return printJson(ctx, {
          file,
          hash: checked.hash,
          ...(options.canonical ? { canonical: JSON.parse(canonicalJson(checked.canonical)) } : {}),
        });
      }
      printLine(ctx, `${checked.hash}  ${file}`);
      if (options.canonical) printLine(ctx, canonicalJson(checked.canonical));
    });
}

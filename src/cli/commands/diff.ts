import { Command } from 'commander';
import { diffLeaves, formatChanges } from '../../contract/diff.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { checkRequestFile } from './request-file.ts';

/** `clipbench diff` — changed leaf paths between two requests */
export function diffCommand(ctx: CliContext): Command {
  return new Command('diff')
    .description('changed leaf paths between two requests, old → new (defaults applied, media by content)')
    .argument('<a>', 'old request file')
    .argument('<b>', 'new request file')
    .option('--exit-code', 'exit 1 when the requests differ (for scripts)')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((a: string, b: string, options: { json?: boolean; exitCode?: boolean }) => {
      const left = checkRequestFile(a, ctx.cwd);
      const right = checkRequestFile(b, ctx.cwd);
      // Canonical forms: identical bytes under different paths are not a change; defaults are written.
      const changes = diffLeaves(left.canonical, right.canonical);
      if (options.exitCode && changes.length > 0) ctx.exitCode = 1;
      if (options.json) {
        return printJson(ctx, {
          a,
          b,
          same: changes.length === 0,
          changes,
          hashes: { a: left.hash, b: right.hash },
        });
      }
      if (changes.length === 0)
        return printLine(ctx, `no differences (both hash ${left.hash.slice(0, 16)}…)`);
      printLine(ctx, `${changes.length} changed ${changes.length === 1 ? 'path' : 'paths'}:`);
      for (const line of formatChanges(changes)) printLine(ctx, `  ${line}`);
    });
}

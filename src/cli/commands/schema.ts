import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { jsonSchemaFiles } from '../../contract/json-schema.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** `clipbench schema` — write JSON Schema files for editors */
export function schemaCommand(ctx: CliContext): Command {
  return new Command('schema')
    .description(
      'write JSON Schema for request, experiment and preset files (schema/*.json) so editors complete them',
    )
    .option('--out <dir>', 'output folder', 'schema')
    .option('--check', 'write nothing; exit 1 when the files are missing or out of date')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((options: { out: string; check?: boolean; json?: boolean }) => {
      const dir = resolve(ctx.cwd, options.out);
      const files = Object.entries(jsonSchemaFiles()).map(([name, text]) => {
        const path = join(dir, name);
        return { name, path, text, current: readOrNull(path) === text };
      });
      if (options.check) {
        const stale = files.filter((f) => !f.current).map((f) => f.name);
        if (stale.length > 0) ctx.exitCode = 1;
        if (options.json) return printJson(ctx, { dir, current: stale.length === 0, stale });
        if (stale.length === 0) return printLine(ctx, `schema files in ${options.out}/ are current`);
        return printLine(ctx, `out of date: ${stale.join(', ')} — run \`clipbench schema\` to rewrite them`);
      }
      mkdirSync(dir, { recursive: true });
      for (const f of files) if (!f.current) writeFileSync(f.path, f.text);
      if (options.json)
        return printJson(ctx, { dir, written: files.map((f) => ({ name: f.name, changed: !f.current })) });
      for (const f of files)
        printLine(ctx, `${f.current ? 'unchanged' : 'wrote'} ${join(options.out, f.name)}`);
    });
}

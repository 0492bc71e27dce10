import { Command } from 'commander';
import { stringify } from 'yaml';
import { presetRef } from '../../contract/preset.ts';
import { resolvePresetRecord } from '../../presets/resolve.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { catalogWithLifecycle, presetLifecycleCommands } from './presets-lifecycle.ts';

function listCommand(ctx: CliContext): Command {
  return new Command('list')
    .description('every preset version: id@version, status, source, approved motion_score range')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const { records } = catalogWithLifecycle(ctx);
      if (options.json) {
        return printJson(ctx, {
          presets: records.map((r) => ({
            ref: presetRef(r.preset),
            id: r.preset.id,
            version: r.preset.version,
            status: r.preset.status,
            source: r.source,
            file: r.file,
            contentHash: r.contentHash,
            motion_score: r.preset.motion_score,
            description: r.preset.description,
            ...(r.preset.replaced_by ? { replaced_by: r.preset.replaced_by } : {}),
          })),
        });
      }
      for (const r of records) {
        const p = r.preset;
        const range = `motion ${p.motion_score.min}–${p.motion_score.max}`;
        const retired = p.status === 'retired' && p.replaced_by ? ` → ${p.replaced_by}` : '';
        printLine(
          ctx,
          `${presetRef(p).padEnd(16)} ${`${p.status}${retired}`.padEnd(20)} ${r.source.padEnd(8)} ${range.padEnd(12)} ${p.description ?? ''}`.trimEnd(),
        );
      }
    });
}

function showCommand(ctx: CliContext): Command {
  return new Command('show')
    .description('one preset version, fully resolved (extends applied); `id` = newest approved')
    .argument('<ref>', 'preset id or id@version, e.g. product or product@1')
    .option('--json', 'machine-readable output')
    .action((ref: string, options: { json?: boolean }) => {
      const catalog = catalogWithLifecycle(ctx);
      // Showing a retired version is fine; only new runs are refused.
      const record = resolvePresetRecord(catalog, ref, { forNewRun: false, field: 'ref' });
      if (options.json)
        return printJson(ctx, {
          ...record.preset,
          contentHash: record.contentHash,
          file: record.file,
          source: record.source,
        });
      printLine(
        ctx,
        `# ${presetRef(record.preset)} (${record.preset.status}, ${record.source}: ${record.file})`,
      );
      printLine(ctx, `# content ${record.contentHash}`);
      printLine(ctx, stringify(record.preset).trimEnd());
    });
}

/**
 * `clipbench presets` — list, show (and later approve, diff, retire) presets. Subcommands are
 * separate builders so further ones can be added here without touching the existing two.
 */
export function presetsCommand(ctx: CliContext): Command {
  const command = new Command('presets').description(
    'list, show, approve, diff and retire presets (immutable versioned records)',
  );
  for (const sub of [listCommand(ctx), showCommand(ctx), ...presetLifecycleCommands(ctx)]) {
    command.addCommand(sub.exitOverride().configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr }));
  }
  return command;
}

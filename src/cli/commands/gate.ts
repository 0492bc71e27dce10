import { Command } from 'commander';
import { expandInputs, runBatch } from '../../analysis/batch.ts';
import { gateFile } from '../../analysis/gate.ts';
import { InputError } from '../../errors/input-error.ts';
import { referenceGateConfig } from '../../presets/reference-gate.ts';
import { resolvePreset } from '../../presets/resolve.ts';
import type { CliContext } from '../context.ts';
import { errorJson, printJson, printLine } from '../output.ts';
import { batchProgress, reportFailures } from './analyze.ts';
import { catalogWithLifecycle } from './presets-lifecycle.ts';

type Options = { json?: boolean; minDuration?: string; preset?: string; verbose?: boolean };

function minDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    throw new InputError({
      code: 'usage',
      message: `Expected \`--min-duration\` to be a number of seconds ≥ 0, got \`${value}\``,
      field: '--min-duration',
    });
  }
  return n;
}

/** `clipbench gate` — reference-video quality gate: accept or reject a motion source */
export function gateCommand(ctx: CliContext): Command {
  return new Command('gate')
    .description('reference-video quality gate: accept or reject a motion source')
    .argument('<video...>', 'video files or globs')
    .option('--json', 'machine-readable output')
    .option('--min-duration <seconds>', "minimum clip duration (default: the preset's, else 2)")
    .option(
      '--preset <id>',
      "take the thresholds from this preset's `reference_gate` (e.g. dance or dance@1)",
    )
    .option('--verbose', 'show stack traces')
    .action(async (videos: string[], options: Options) => {
      const json = options.json === true;
      const min = minDuration(options.minDuration);
      // Thresholds: the flag wins over the preset's `reference_gate`, which wins over the defaults.
      const preset =
        options.preset === undefined ? undefined : resolvePreset(catalogWithLifecycle(ctx), options.preset);
      const config = referenceGateConfig(preset, { min_duration_s: min });
      const files = await expandInputs(videos, ctx.cwd);
      const many = files.length > 1;
      const progress = batchProgress(ctx, files.length, json);
      const items = await runBatch(files, (file) => gateFile(file, config, { env: ctx.env }), {
        onDone: () => progress.tick(),
      });
      progress.stop();
      if (!many && items[0] && !items[0].ok) throw items[0].error;
      const rejected = items.some((i) => i.ok && i.value.verdict === 'reject');
      const view = (i: (typeof items)[number]) =>
        i.ok
          ? { file: i.file, verdict: i.value.verdict, reasons: i.value.reasons }
          : { file: i.file, ...errorJson(i.error) };
      if (json) {
        const first = items[0];
        printJson(
          ctx,
          many
            ? items.map(view)
            : first?.ok
              ? { verdict: first.value.verdict, reasons: first.value.reasons }
              : {},
        );
      } else {
        for (const i of items) {
          if (!i.ok) continue;
          printLine(ctx, `${i.file}: ${i.value.verdict}`);
          for (const r of i.value.reasons) printLine(ctx, `  - [${r.code}] ${r.message}`);
        }
      }
      const failed = reportFailures(ctx, items, options.verbose === true);
      ctx.exitCode = Math.max(ctx.exitCode, failed, rejected ? 1 : 0);
    });
}

import { basename, extname, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { analyzeFileDetailed } from '../../analysis/analyze.ts';
import { type BatchItem, expandInputs, runBatch } from '../../analysis/batch.ts';
import { createThumbnailSampler, writeContactSheet } from '../../analysis/contact-sheet.ts';
import { intentMatch } from '../../analysis/intent.ts';
import { parseCameraIntent } from '../../camera/parse.ts';
import type { AnalysisResult } from '../../contract/analysis.ts';
import type { StructuredMove } from '../../contract/camera-move.ts';
import { ClipbenchError } from '../../errors/clipbench-error.ts';
import { probeVideo } from '../../media/probe.ts';
import type { CliContext } from '../context.ts';
import { errorJson, formatError, printJson, printLine } from '../output.ts';

type Options = { json?: boolean; expect?: string; contactSheet?: string; verbose?: boolean };

/** A progress bar on stderr, only on an interactive terminal and never with --json. */
export function batchProgress(
  ctx: CliContext,
  total: number,
  json: boolean,
): { tick: () => void; stop: () => void } {
  if (!ctx.isTTY || json || total < 2) return { tick: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: '{bar} {value}/{total} clips',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

/** Reports per-file errors of a multi-file batch and returns the worst exit code among them. */
export function reportFailures<T>(ctx: CliContext, items: Array<BatchItem<T>>, verbose: boolean): number {
  let code = 0;
  for (const item of items) {
    if (item.ok) continue;
    ctx.stderr(`${item.file}: ${formatError(item.error, verbose)}\n`);
    code = Math.max(code, item.error instanceof ClipbenchError ? item.error.exitCode : 3);
  }
  return code;
}

function sheetPath(base: string, file: string, many: boolean): string {
  if (!many) return base;
  const ext = extname(base) || '.png';
  return `${base.slice(0, base.length - extname(base).length)}-${basename(file, extname(file))}${ext}`;
}

function summary(file: string, r: AnalysisResult): string {
  const cam = `${r.camera.move}${r.camera.speed ? ` ${r.camera.speed}` : ''} (confidence ${r.camera.confidence})`;
  const defects =
    r.defects.length === 0
      ? 'none'
      : r.defects.map((d) => `${d.code} ${d.start_frame}–${d.end_frame} (${d.severity})`).join(', ');
  const lines = [
    `${file}: ${r.video.width}×${r.video.height} ${r.video.fps} fps, ${r.video.frames} frames (${r.video.duration_s} s)`,
    `  camera: ${cam}`,
    `  cuts: ${r.cuts.length === 0 ? 'none' : r.cuts.map((c) => c.frame).join(', ')}`,
    `  defects: ${defects}`,
  ];
  if (r.intent_match) {
    const m = r.intent_match;
    const want = `${m.expected.move}${m.expected.speed ? ` ${m.expected.speed}` : ''}`;
    lines.push(
      `  expect ${want}: ${m.move_match && m.speed_match ? 'match' : 'MISMATCH'} (score ${m.score})`,
    );
  }
  return lines.join('\n');
}

/** `clipbench analyze` — analyse clips: camera move, cuts, defects, metrics */
export function analyzeCommand(ctx: CliContext): Command {
  return new Command('analyze')
    .description('analyse clips: camera move, cuts, defects, metrics')
    .argument('<video...>', 'video files or globs')
    .option('--json', 'machine-readable output')
    .option('--expect <intent>', 'expected camera intent, e.g. "slow push-in"; exit 1 on mismatch')
    .option('--contact-sheet <png>', 'write a contact sheet (thumbnails, motion, defect marks)')
    .option('--verbose', 'show stack traces')
    .action(async (videos: string[], options: Options) => {
      const json = options.json === true;
      const expected: StructuredMove | undefined =
        options.expect === undefined ? undefined : parseCameraIntent(options.expect);
      const files = await expandInputs(videos, ctx.cwd);
      const many = files.length > 1;
      const progress = batchProgress(ctx, files.length, json);
      const items = await runBatch(
        files,
        async (file) => {
          const probe = await probeVideo(file, { env: ctx.env });
          const sampler = options.contactSheet ? createThumbnailSampler(probe.frames) : undefined;
          const { result } = await analyzeFileDetailed(file, {
            env: ctx.env,
            probe,
            onFrame: sampler?.onFrame,
          });
          if (expected) result.intent_match = intentMatch(expected, result.camera);
          if (sampler && options.contactSheet) {
            await writeContactSheet(
              sheetPath(resolve(ctx.cwd, options.contactSheet), file, many),
              sampler.thumbnails,
              result,
              { env: ctx.env },
            );
          }
          return result;
        },
        { onDone: () => progress.tick() },
      );
      progress.stop();
      if (!many && items[0] && !items[0].ok) throw items[0].error;
      const mismatch = items.some(
        (i) =>
          i.ok &&
          i.value.intent_match &&
          !(i.value.intent_match.move_match && i.value.intent_match.speed_match),
      );
      if (json) {
        printJson(
          ctx,
          many
            ? items.map((i) =>
                i.ok ? { file: i.file, ...i.value } : { file: i.file, ...errorJson(i.error) },
              )
            : (items[0] as { value: AnalysisResult }).value,
        );
      } else {
        for (const i of items) if (i.ok) printLine(ctx, summary(i.file, i.value));
      }
      const failed = reportFailures(ctx, items, options.verbose === true);
      ctx.exitCode = Math.max(ctx.exitCode, failed, mismatch ? 1 : 0);
    });
}

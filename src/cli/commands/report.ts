import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import type { AssetRecord } from '../../contract/run.ts';
import { ClipbenchError } from '../../errors/clipbench-error.ts';
import { InputError } from '../../errors/input-error.ts';
import { renderHtml } from '../../reports/html.ts';
import { renderJson } from '../../reports/json-report.ts';
import { renderJunit } from '../../reports/junit.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP, withWorkspaceStore } from './open-workspace.ts';

export const REPORT_FORMATS = ['html', 'md', 'json', 'junit'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

type ReportOptions = {
  format?: string;
  out?: string;
  embedMedia?: boolean;
  usableRateMin?: string;
  workspace?: string;
  json?: boolean;
};

const EXTENSION_FORMAT: Record<string, ReportFormat> = {
  '.html': 'html',
  '.md': 'md',
  '.json': 'json',
  '.xml': 'junit',
};
const MIME: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

function pickFormat(options: ReportOptions): ReportFormat {
  const format =
    options.format ??
    (options.out === undefined ? 'md' : EXTENSION_FORMAT[extname(options.out).toLowerCase()]) ??
    'html';
  if ((REPORT_FORMATS as readonly string[]).includes(format)) return format as ReportFormat;
  throw new InputError({
    code: 'invalid_format',
    field: '--format',
    message: `Expected \`--format\` to be one of ${REPORT_FORMATS.join(' | ')}, got \`${format}\``,
  });
}

function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (Number.isFinite(rate) && rate >= 0 && rate <= 1) return rate;
  throw new InputError({
    code: 'invalid_rate',
    field: '--usable-rate-min',
    message: `Expected \`--usable-rate-min\` to be a number from 0 to 1, got \`${value}\``,
  });
}

/** Media links for the HTML report: relative to the report's folder, or embedded as data: URIs. */
function mediaLinker(root: string, fromDir: string, embed: boolean): (asset: AssetRecord) => string | null {
  return (asset) => {
    const file = isAbsolute(asset.path) ? asset.path : join(root, asset.path);
    if (!existsSync(file)) return null;
    if (embed) {
      const mime = asset.content_type ?? MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return `data:${mime};base64,${readFileSync(file).toString('base64')}`;
    }
    return relative(fromDir, file).split(sep).map(encodeURIComponent).join('/');
  };
}

function writeAtomically(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    throw new ClipbenchError({
      code: 'report_write_failed',
      kind: 'runtime',
      file: path,
      message: `could not write the report (${error instanceof Error ? error.message : String(error)})`,
      hint: 'check that the folder is writable and the disk has space',
      cause: error,
    });
  }
}

/** `clipbench report` — render a stored run as HTML, Markdown, JSON or JUnit. */
export function reportCommand(ctx: CliContext): Command {
  return new Command('report')
    .description('render a stored run: html (one self-contained file), md, json or junit')
    .argument('<run>', 'run id, unique prefix, or `latest`')
    .option('--format <format>', `${REPORT_FORMATS.join(' | ')} (default: from --out extension, else md)`)
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--embed-media', 'html: embed clips and thumbnails as data: URIs (portable, larger file)')
    .option('--usable-rate-min <rate>', 'usable-rate bar for the recommended range (default: the run plan’s)')
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((runRef: string, options: ReportOptions) => {
      const format = pickFormat(options);
      const usableRateMin = parseRate(options.usableRateMin);
      const { text, runId } = withWorkspaceStore(ctx, { workspace: options.workspace }, (store) => {
        const run = store.views.runView(store.experiments.resolve(runRef).id);
        const out = options.out === undefined ? undefined : resolve(ctx.cwd, options.out);
        const rendered =
          format === 'html'
            ? renderHtml(run, {
                usableRateMin,
                generatedAt: new Date().toISOString(),
                mediaHref: mediaLinker(
                  store.workspace.root,
                  out === undefined ? ctx.cwd : dirname(out),
                  options.embedMedia === true,
                ),
              })
            : format === 'md'
              ? renderMarkdown(run, { usableRateMin })
              : format === 'json'
                ? renderJson(run, { usableRateMin })
                : renderJunit(run);
        return { text: rendered, runId: run.experiment.id };
      });
      if (options.out === undefined) {
        // printLine redacts secrets, like every other line we print.
        printLine(ctx, text.replace(/\n$/, ''));
        return;
      }
      const path = resolve(ctx.cwd, options.out);
      writeAtomically(path, text);
      if (options.json)
        return printJson(ctx, { run_id: runId, format, path, bytes: Buffer.byteLength(text) });
      printLine(ctx, `wrote ${format} report for ${runId}: ${path}`);
    });
}

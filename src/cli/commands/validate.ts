import { Command } from 'commander';
import { stringify } from 'yaml';
import { DOCUMENT_KINDS, type DocumentKind, documentKind } from '../../contract/document-kind.ts';
import { loadDocument } from '../../contract/load.ts';
import { presetRef } from '../../contract/preset.ts';
import { InputError } from '../../errors/input-error.ts';
import { planExperiment } from '../../experiments/plan.ts';
import { loadPresetCatalog } from '../../presets/catalog.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { checkRequestData } from './request-file.ts';

type Options = { json?: boolean; kind?: string };

function kindOf(option: string | undefined, data: Record<string, unknown>): DocumentKind {
  if (option === undefined) return documentKind(data);
  if ((DOCUMENT_KINDS as readonly string[]).includes(option)) return option as DocumentKind;
  throw new InputError({
    code: 'usage',
    message: `unknown --kind \`${option}\``,
    field: '--kind',
    hint: `use one of ${DOCUMENT_KINDS.join(', ')}`,
  });
}

/** `clipbench validate` — validate a request or experiment file and print it normalised */
export function validateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('validate a request, experiment or preset file and print it normalised (defaults applied)')
    .argument('<file>', 'YAML or JSON file')
    .option(
      '--kind <kind>',
      `force the document kind (${DOCUMENT_KINDS.join(' | ')}); guessed from its keys otherwise`,
    )
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action((file: string, options: Options) => {
      const doc = loadDocument(file, ctx.cwd);
      const kind = kindOf(options.kind, doc.data);
      if (kind === 'request') {
        const checked = checkRequestData(doc.data, file, doc.dir);
        if (options.json)
          return printJson(ctx, {
            ok: true,
            kind,
            file,
            hash: checked.hash,
            camera: checked.camera,
            request: checked.request,
          });
        printLine(ctx, `ok: ${file} is a valid video request (hash ${checked.hash.slice(0, 16)}…)`);
        printLine(ctx, `camera: ${checked.camera.move} ${checked.camera.speed ?? ''}`.trimEnd());
        printLine(ctx, stringify(checked.request).trimEnd());
        return;
      }
      if (kind === 'experiment') {
        const plan = planExperiment(file, { cwd: ctx.cwd });
        const summary = {
          ok: true,
          kind,
          file,
          name: plan.name,
          preset: plan.preset,
          design: plan.design,
          jobs: plan.jobs.length,
          totalCostUsd: plan.totalCostUsd,
          warnings: plan.warnings,
        };
        if (options.json) return printJson(ctx, summary);
        printLine(
          ctx,
          `ok: ${file} is a valid experiment (${plan.jobs.length} jobs, est. $${plan.totalCostUsd}); \`clipbench plan ${file}\` lists them`,
        );
        for (const warning of plan.warnings) printLine(ctx, `warning: ${warning}`);
        return;
      }
      // Presets validate in the context of the catalog (extends, immutability) of this project.
      const catalog = loadPresetCatalog({ cwd: ctx.cwd, extraFiles: [doc.file] });
      const id = String(doc.data['id']);
      const record = catalog.records.find(
        (r) => r.preset.id === id && r.preset.version === doc.data['version'],
      );
      if (record === undefined)
        throw new InputError({ code: 'invalid_document', message: 'preset did not load', file });
      if (options.json)
        return printJson(ctx, {
          ok: true,
          kind,
          file,
          preset: record.preset,
          contentHash: record.contentHash,
        });
      printLine(
        ctx,
        `ok: ${file} is a valid preset ${presetRef(record.preset)} (content ${record.contentHash.slice(0, 16)}…)`,
      );
      printLine(ctx, stringify(record.preset).trimEnd());
    });
}

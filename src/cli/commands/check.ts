import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { annotationLine, inGithubActions, reportAnnotations } from '../../check/annotations.ts';
import { renderCheckJunit } from '../../check/junit.ts';
import type { CheckReport } from '../../check/result.ts';
import { runCheck } from '../../check/run-check.ts';
import { renderCheckSummary } from '../../check/summary.ts';
import { ClipbenchError } from '../../errors/clipbench-error.ts';
import { InputError } from '../../errors/input-error.ts';
import { xmlEscape } from '../../reports/junit.ts';
import type { CliContext } from '../context.ts';
import { printJson, printLine } from '../output.ts';
import { WORKSPACE_OPTION_HELP } from './open-workspace.ts';

type Options = { junit?: string; json?: boolean; budget?: string; workspace?: string };

function parseBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError({
      code: 'invalid_budget',
      field: '--budget',
      message: `Expected \`--budget\` to be a positive number of US dollars, got \`${value}\``,
      hint: 'e.g. --budget 2 caps the sweep at two dollars (simulated clips cost nothing real)',
    });
  return n;
}

function writeFile(ctx: CliContext, path: string, text: string): void {
  const file = resolve(ctx.cwd, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A JUnit file for a check that could not start (config error), so CI still shows why. */
function configErrorJunit(error: ClipbenchError): string {
  const message = xmlEscape(`[${error.code}] ${error.message}`);
  const body = xmlEscape(
    [error.file, error.field, error.message, error.hint ? `hint: ${error.hint}` : '']
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="clipbench check" tests="1" failures="0" errors="1" skipped="0">',
    '  <testsuite name="clipbench check" tests="1" failures="0" errors="1" skipped="0">',
    '    <testcase classname="clipbench.check" name="0. check config (config)">',
    `      <error message="${message}" type="config">${body}</error>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function emitAnnotations(ctx: CliContext, report: CheckReport, json: boolean): void {
  if (!inGithubActions(ctx.env)) return;
  // With --json, stdout is one JSON document; the runner also reads workflow commands on stderr.
  const write = json ? ctx.stderr : ctx.stdout;
  for (const line of reportAnnotations(report)) write(`${line}\n`);
}

/** `clipbench check` — CI gate: validate, gate references, sweep, and compare with the last approved preset */
export function checkCommand(ctx: CliContext): Command {
  return new Command('check')
    .description(
      'CI gate: validate files, gate references, sweep the preset (low / mid / mid-high), check temporal consistency, compare with the last approved version',
    )
    .argument('[config]', 'check config (default: ./clipbench.check.yaml)')
    .option('--junit <file>', 'also write a JUnit XML report (one testcase per check)')
    .option('--budget <usd>', "spend cap for the sweep (overrides the config's budget_usd)")
    .option('--workspace <dir>', WORKSPACE_OPTION_HELP)
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces')
    .action(async (config: string | undefined, options: Options) => {
      let report: CheckReport;
      try {
        report = await runCheck({
          config,
          cwd: ctx.cwd,
          env: ctx.env,
          workspace: options.workspace,
          budgetUsd: parseBudget(options.budget),
          ...(options.json ? {} : { onNote: (m: string) => ctx.stderr(`check: ${m}\n`) }),
        });
      } catch (error) {
        if (options.junit && error instanceof ClipbenchError)
          writeFile(ctx, options.junit, configErrorJunit(error));
        if (inGithubActions(ctx.env) && error instanceof ClipbenchError)
          ctx.stderr(
            `${annotationLine({ level: 'error', file: error.file, message: error.message }, 'clipbench check: config')}\n`,
          );
        throw error;
      }
      if (options.junit) writeFile(ctx, options.junit, renderCheckJunit(report));
      ctx.exitCode = report.exitCode;
      emitAnnotations(ctx, report, options.json === true);
      if (options.json) return printJson(ctx, { ...report, junit: options.junit ?? null });
      for (const line of renderCheckSummary(report)) printLine(ctx, line);
      if (options.junit) printLine(ctx, `junit: ${options.junit}`);
    });
}

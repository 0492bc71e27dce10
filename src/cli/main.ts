/**
 * @module cli — `clipbench <command>`: parse → library call → exit code. Never ends the process itself;
 * user errors print one message (stack only with --verbose), machine output with --json.
 */
import { Command, CommanderError } from 'commander';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { redact } from '../errors/redact.ts';
import { COMMANDS } from './commands.ts';
import { type CliContext, processContext } from './context.ts';
import { errorJson, formatError } from './output.ts';

/** Builds the commander program with every command registered against `ctx`. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('clipbench')
    .description('Controlled experiments for motion-control video generation')
    .version('0.1.0')
    .option('--verbose', 'show stack traces and debug detail')
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .showSuggestionAfterError(true);
  for (const make of COMMANDS) {
    const command = make(ctx);
    command.exitOverride().configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
    program.addCommand(command);
  }
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" in commander's override mode; usage mistakes exit 2.
      if (error.exitCode === 0) return 0;
      if (json)
        ctx.stdout(
          `${JSON.stringify({ error: { code: 'usage', kind: 'input', message: error.message } })}\n`,
        );
      return 2;
    }
    if (json) ctx.stdout(`${redact(JSON.stringify(errorJson(error), null, 2), ctx.env)}\n`);
    ctx.stderr(`${redact(formatError(error, verbose), ctx.env)}\n`);
    return error instanceof ClipbenchError ? error.exitCode : 3;
  }
}

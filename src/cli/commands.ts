import type { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.ts';
import { cameraCommand } from './commands/camera.ts';
import { checkCommand } from './commands/check.ts';
import { demoCommand } from './commands/demo.ts';
import { diffCommand } from './commands/diff.ts';
import { fakeProviderCommand } from './commands/fake-provider.ts';
import { gateCommand } from './commands/gate.ts';
import { generateCommand } from './commands/generate.ts';
import { hashCommand } from './commands/hash.ts';
import { planCommand } from './commands/plan.ts';
import { presetsCommand } from './commands/presets.ts';
import { providersCommand } from './commands/providers.ts';
import { reportCommand } from './commands/report.ts';
import { reviewCommand } from './commands/review.ts';
import { runCommand } from './commands/run.ts';
import { runsCommand } from './commands/runs.ts';
import { schemaCommand } from './commands/schema.ts';
import { serveCommand } from './commands/serve.ts';
import { statsCommand } from './commands/stats.ts';
import { validateCommand } from './commands/validate.ts';
import type { CliContext } from './context.ts';

/** Every CLI command, one file each under `commands/`. */
export const COMMANDS: ReadonlyArray<(ctx: CliContext) => Command> = [
  validateCommand,
  hashCommand,
  diffCommand,
  schemaCommand,
  cameraCommand,
  presetsCommand,
  planCommand,
  analyzeCommand,
  gateCommand,
  generateCommand,
  providersCommand,
  fakeProviderCommand,
  runCommand,
  runsCommand,
  reportCommand,
  statsCommand,
  reviewCommand,
  demoCommand,
  checkCommand,
  serveCommand,
];

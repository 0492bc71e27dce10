/**
 * What every command receives: where to write, where it runs, its environment. Injected so tests
 * run commands in-process and read their output.
 */
export type CliContext = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  /** Set by a command that completed but whose check/verdict failed (exit 1). */
  exitCode: number;
};

/** The real process's context. */
export function processContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    exitCode: 0,
  };
}

/** A context that records output, for tests. */
export function memoryContext(
  overrides: Partial<Omit<CliContext, 'stdout' | 'stderr'>> = {},
): CliContext & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: process.cwd(),
    env: {},
    isTTY: false,
    exitCode: 0,
    ...overrides,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

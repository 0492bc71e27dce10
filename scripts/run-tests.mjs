#!/usr/bin/env node
// Runs vitest and prints a plain closing line `N passed, N failed, N skipped` from its JSON report,
// so CI can tell a run that executed no test from a green one. Exits non-zero on failure or zero tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-artifacts', { recursive: true });
const report = 'test-artifacts/vitest-report.json';
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit' });

let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch (error) {
  console.error(`could not read the vitest JSON report at ${report}: ${error.message}`);
  process.exitCode = run.status || 1;
}
if (summary) {
  const passed = summary.numPassedTests ?? 0;
  const failed = (summary.numFailedTests ?? 0) + (summary.numRuntimeErrorTestSuites ?? 0);
  const skipped = (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed + failed === 0) console.error('no test was executed');
  process.exitCode = run.status !== 0 || failed > 0 || passed + failed === 0 ? 1 : 0;
}

#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npm ci` is the only install step.
import { register } from 'tsx/esm/api';

// A reader that goes away early (`clipbench plan x | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

/**
 * @module clipbench — the public library API (named exports only).
 */
export * from './contract/analysis.ts';
export * from './contract/camera-move.ts';
export * from './contract/request.ts';
export { ClipbenchError, type ErrorKind, EXIT_CODES } from './errors/clipbench-error.ts';
export { InputError } from './errors/input-error.ts';
export { NotImplementedError } from './errors/not-implemented-error.ts';
export { redact } from './errors/redact.ts';

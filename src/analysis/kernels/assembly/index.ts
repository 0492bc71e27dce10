// The analysis kernels compiled to one WebAssembly module (see ../README.md).
export { blockFlow } from './block-flow';

/** First free byte after the module's static data: the TypeScript side lays its buffers out from here. */
export function heapBase(): usize {
  return __heap_base;
}
export { affineMisfit, blockMisfit } from './layer-misfit';
export { ingest } from './frame-ingest';
export { judgeCells } from './held-subject';

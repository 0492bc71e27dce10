/**
 * Which kind of document a file holds, so `clipbench validate` takes any of them: an experiment
 * (has vary / three_pass / providers / base …), a preset (id + version), or a video request.
 */
export const DOCUMENT_KINDS = ['request', 'experiment', 'preset'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const EXPERIMENT_KEYS = [
  'vary',
  'three_pass',
  'providers',
  'base',
  'references',
  'seeds',
  'repeats',
  'budget_usd',
  'from',
  'design',
  'preset',
];

/** Guesses the kind from top-level keys; a request is the default. */
export function documentKind(data: Record<string, unknown>): DocumentKind {
  if (EXPERIMENT_KEYS.some((key) => key in data)) return 'experiment';
  if ('id' in data && 'version' in data) return 'preset';
  return 'request';
}

/**
 * Check 2 — the reference quality gate on every motion source: duration, readability, pacing and
 * subject clarity (src/analysis/gate.ts). A source that cannot be decoded is a finding, not a crash.
 * Sources are gated two at a time (analysis is CPU bound; CI machines have ~2 cores).
 */
import { relative } from 'node:path';
import PQueue from 'p-queue';
import { type GateConfig, gateFile } from '../analysis/gate.ts';
import type { GateResult } from '../contract/analysis.ts';
import { ClipbenchError } from '../errors/clipbench-error.ts';
import { type CheckAnnotation, type CheckResult, checkResult } from './result.ts';

export type SourceVerdict = {
  file: string;
  verdict: 'accept' | 'reject' | 'unreadable';
  reasons: GateResult['reasons'];
  error?: string | undefined;
};

async function gateOne(file: string, shown: string, config: GateConfig): Promise<SourceVerdict> {
  try {
    const gate = await gateFile(file, config);
    return { file: shown, verdict: gate.verdict, reasons: gate.reasons };
  } catch (error) {
    // Media that will not decode is the source's fault; other failures are ours and propagate.
    if (!(error instanceof ClipbenchError) || error.kind === 'runtime') throw error;
    return { file: shown, verdict: 'unreadable', reasons: [], error: error.message };
  }
}

/** Gates every source (absolute paths), reporting per source. */
export async function referenceGateCheck(options: {
  sources: readonly string[];
  cwd: string;
  gate?: GateConfig | undefined;
  concurrency?: number | undefined;
}): Promise<CheckResult> {
  const queue = new PQueue({ concurrency: options.concurrency ?? 2 });
  const verdicts = await Promise.all(
    options.sources.map((file) =>
      queue.add(() => gateOne(file, relative(options.cwd, file) || file, options.gate ?? {})),
    ),
  );
  if (verdicts.length === 0) {
    return checkResult('reference_gate', {
      status: 'skipped',
      message: 'skipped: no local motion source to gate',
      evidence: ['no request, experiment or `references:` entry names a local reference video'],
      hint: 'list reference videos under `references:` in the check config',
    });
  }
  const bad = verdicts.filter((v) => v.verdict !== 'accept');
  const evidence = verdicts.flatMap((v) => [
    `${v.file}: ${v.verdict}${v.error ? ` — ${v.error}` : ''}`,
    ...v.reasons.map((r) => `  ${r.code}: ${r.message}`),
  ]);
  const annotations: CheckAnnotation[] = bad.map((v) => ({
    level: 'error',
    file: v.file,
    message:
      v.verdict === 'unreadable'
        ? `motion source cannot be read: ${v.error ?? ''}`
        : `motion source rejected: ${v.reasons.map((r) => r.message).join('; ')}`,
  }));
  return checkResult('reference_gate', {
    status: bad.length > 0 ? 'failed' : 'passed',
    message:
      bad.length > 0
        ? `${bad.length} of ${verdicts.length} motion sources rejected: ${bad.map((b) => b.file).join(', ')}`
        : `${verdicts.length} motion source${verdicts.length === 1 ? '' : 's'} accepted`,
    evidence,
    annotations,
    ...(bad.length > 0
      ? { hint: 'replace the rejected reference, or trim it to a clean stretch (frames are listed above)' }
      : {}),
    data: { sources: verdicts },
  });
}

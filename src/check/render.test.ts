import { describe, expect, it } from 'vitest';
import { annotationLine, reportAnnotations } from './annotations.ts';
import { renderCheckJunit } from './junit.ts';
import { type CheckReport, checkResult, reportExitCode } from './result.ts';
import { renderCheckSummary } from './summary.ts';

function report(): CheckReport {
  const checks = [
    checkResult('schema', {
      status: 'failed',
      message: '1 of 2 files invalid: bad.yaml',
      evidence: ['bad.yaml: INVALID — motion.motion_score: too big <11>'],
      annotations: [{ level: 'error', file: 'bad.yaml', line: 7, message: 'motion.motion_score: too big' }],
    }),
    checkResult('reference_gate', {
      status: 'passed',
      message: '1 motion source accepted',
      evidence: ['a.mp4: accept'],
    }),
    checkResult('sweep', {
      status: 'error',
      message: 'the sweep could not run: [provider_unavailable] 503',
      evidence: [],
    }),
    checkResult('temporal_consistency', {
      status: 'skipped',
      message: 'skipped: the sweep produced no run',
      evidence: [],
    }),
    checkResult('regression', {
      status: 'skipped',
      message: 'skipped: no approved baseline for product',
      evidence: [],
      hint: 'clipbench presets approve product --from run-1',
    }),
  ];
  return {
    ok: false,
    exitCode: reportExitCode(checks),
    config: 'ci/check.yaml',
    preset: 'product@1',
    provider: 'simulator',
    runId: null,
    simulated: true,
    costUsd: 0,
    checks,
  };
}

describe('check report rendering', () => {
  it('exit code: a failed check wins over an errored one; errors alone are 3; else 0', () => {
    const r = report();
    expect(r.exitCode).toBe(1);
    expect(reportExitCode(r.checks.filter((c) => c.status !== 'failed'))).toBe(3);
    expect(reportExitCode(r.checks.filter((c) => c.status === 'passed' || c.status === 'skipped'))).toBe(0);
  });

  it('JUnit: one testcase per check with failure evidence, error, and skipped-with-hint', () => {
    const xml = renderCheckJunit(report());
    expect(xml.match(/<testcase /g)).toHaveLength(5);
    expect(xml).toContain('tests="5" failures="1" errors="1" skipped="2"');
    expect(xml).toContain('<failure message="1 of 2 files invalid: bad.yaml" type="schema">');
    expect(xml).toContain('too big &lt;11&gt;');
    expect(xml).toContain(
      '<error message="the sweep could not run: [provider_unavailable] 503" type="sweep">',
    );
    expect(xml).toMatch(
      /<skipped message="skipped: no approved baseline for product"\/>\s*<system-out>[^<]*hint: clipbench presets approve product --from run-1/,
    );
  });

  it('annotations: file and line, escaped properties and data, warnings for skips', () => {
    expect(
      annotationLine({ level: 'error', file: 'a,b:c.yaml', line: 3, message: '50%\nnext' }, 'T: x'),
    ).toBe('::error file=a%2Cb%3Ac.yaml,line=3,title=T%3A x::50%25%0Anext');
    const lines = reportAnnotations(report());
    expect(lines[0]).toMatch(/^::error file=bad\.yaml,line=7,/);
    expect(lines.some((l) => l.startsWith('::error title=clipbench check%3A three-score sweep::'))).toBe(
      true,
    );
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(2);
  });

  it('summary: a line per check, hints for non-passing ones, the exit code last', () => {
    const lines = renderCheckSummary(report());
    expect(lines[0]).toContain('SIMULATED');
    expect(lines.filter((l) => /^\s+\[(ok {2}|FAIL|skip|ERR )\]/.test(l))).toHaveLength(5);
    expect(lines.join('\n')).toContain('hint: clipbench presets approve product --from run-1');
    expect(lines.at(-1)).toMatch(/FAILED \(1 failed, 1 could not run\).*exit 1$/);
  });
});

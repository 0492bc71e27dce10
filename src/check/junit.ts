/**
 * JUnit XML of a check report: one testcase per check. A failed check is a `<failure>` whose message
 * is the one-line verdict and whose body is the evidence; a check that could not run is an
 * `<error>`; a skipped check says why (and how to un-skip it) in its message and system-out.
 */
import { xmlEscape } from '../reports/junit.ts';
import type { CheckReport, CheckResult } from './result.ts';

function testcase(check: CheckResult, index: number): string {
  const name = xmlEscape(`${index + 1}. ${check.title} (${check.name})`);
  const time = (check.durationMs / 1000).toFixed(3);
  const head = `    <testcase classname="clipbench.check" name="${name}" time="${time}">`;
  const body = xmlEscape(
    [check.message, ...check.evidence, ...(check.hint ? [`hint: ${check.hint}`] : [])].join('\n'),
  );
  const message = xmlEscape(check.message);
  switch (check.status) {
    case 'failed':
      return `${head}\n      <failure message="${message}" type="${check.name}">${body}</failure>\n    </testcase>`;
    case 'error':
      return `${head}\n      <error message="${message}" type="${check.name}">${body}</error>\n    </testcase>`;
    case 'skipped':
      return `${head}\n      <skipped message="${message}"/>\n      <system-out>${body}</system-out>\n    </testcase>`;
    default:
      return `${head}\n      <system-out>${body}</system-out>\n    </testcase>`;
  }
}

/** Renders the report as JUnit XML (one suite, one testcase per check). */
export function renderCheckJunit(report: CheckReport): string {
  const count = (status: CheckResult['status']) => report.checks.filter((c) => c.status === status).length;
  const totals = `tests="${report.checks.length}" failures="${count('failed')}" errors="${count('error')}" skipped="${count('skipped')}"`;
  const time = (report.checks.reduce((s, c) => s + c.durationMs, 0) / 1000).toFixed(3);
  const props = [
    ['config', report.config],
    ['preset', report.preset],
    ['provider', report.provider],
    ['run_id', report.runId ?? ''],
    ['simulated', String(report.simulated)],
    ['cost_usd', String(report.costUsd)],
  ]
    .map(([k, v]) => `<property name="${k}" value="${xmlEscape(v ?? '')}"/>`)
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="clipbench check" ${totals} time="${time}">`,
    `  <testsuite name="clipbench check ${xmlEscape(report.preset)}" ${totals} time="${time}">`,
    `    <properties>${props}</properties>`,
    ...report.checks.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) for a check report, so
 * failures show on the pull request's changed files. Escaping follows the runner's rules: `%`, CR and
 * LF in the message; additionally `:` and `,` in property values.
 */
import type { CheckAnnotation, CheckReport } from './result.ts';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow-command line for an annotation. */
export function annotationLine(annotation: CheckAnnotation, title: string): string {
  const props = [
    ...(annotation.file ? [`file=${escapeProperty(annotation.file)}`] : []),
    ...(annotation.line !== undefined ? [`line=${annotation.line}`] : []),
    `title=${escapeProperty(title)}`,
  ].join(',');
  return `::${annotation.level} ${props}::${escapeData(annotation.message)}`;
}

/**
 * Every annotation of the report. A failed or errored check without file-level annotations still
 * gets one (unpinned) error, and a skipped check a warning, so nothing fails or skips silently.
 */
export function reportAnnotations(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const check of report.checks) {
    const title = `clipbench check: ${check.title}`;
    const own = check.annotations;
    if (own.length > 0) {
      lines.push(...own.map((a) => annotationLine(a, title)));
      continue;
    }
    if (check.status === 'failed' || check.status === 'error') {
      lines.push(
        annotationLine({ level: 'error', message: [check.message, ...check.evidence].join('\n') }, title),
      );
    } else if (check.status === 'skipped') {
      const hint = check.hint ? `\n${check.hint}` : '';
      lines.push(annotationLine({ level: 'warning', message: `${check.message}${hint}` }, title));
    }
  }
  return lines;
}

/** True when running inside GitHub Actions. */
export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

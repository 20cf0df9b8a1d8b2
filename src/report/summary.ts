import type { ChalkInstance } from 'chalk';
import type { Report } from './model.js';

/** The text printed at the end of a run: counts first, then each finding with file:line:column. */
export function renderSummary(report: Report, chalk: ChalkInstance, options: { verbose: boolean }): string {
  const { summary } = report;
  const lines: string[] = [];
  const colour = { error: chalk.red, warning: chalk.yellow, info: chalk.blue };
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.severity === 'info' && !options.verbose) continue;
      const where = `${file.path}:${finding.line}:${finding.column}`;
      lines.push(`${where}  ${colour[finding.severity](finding.severity)}  ${chalk.dim(finding.rule)}  ${finding.message}`);
      if (finding.suggestion) lines.push(`    ${chalk.dim('→')} ${finding.suggestion}`);
    }
  }
  if (lines.length > 0) lines.push('');
  lines.push(
    `${count(summary.filesScanned, 'file')} scanned, ${summary.filesChanged} changed, ${summary.filesSkipped} skipped, ${count(summary.filesErrored, 'error')}`,
    `findings: ${count(summary.findings.error, 'error')}, ${count(summary.findings.warning, 'warning')}, ${summary.findings.info} info` +
      (summary.findings.info > 0 && !options.verbose ? ' (--verbose lists them)' : ''),
  );
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

import type { Severity } from '../findings.js';
import type { Report } from './model.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one per finding, so that each shows on its line of the pull
 * request: `::error file=src/a.ts,line=3,col=5,title=triggers::Composio triggers have no ...`.
 */
export function renderGithubAnnotations(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      const properties = `file=${property(file.path)},line=${finding.line},col=${finding.column},title=${property(`scalekit-migrate: ${finding.rule}`)}`;
      const text = finding.suggestion ? `${finding.message} ${finding.suggestion}` : finding.message;
      lines.push(`::${COMMAND[finding.severity]} ${properties}::${data(text)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The escaping GitHub's runner expects in a command's message. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** ...and in a property value, where `:` and `,` separate the parts. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

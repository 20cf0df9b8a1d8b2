import type { Rule } from '../findings.js';
import { renderPlanMarkdown } from '../plan.js';
import type { Report } from './model.js';

/** A checklist a reviewer ticks through in a pull request: what is left to do first, by file, then what changed. */
export function renderMarkdown(report: Report, rules: ReadonlyMap<string, Rule>): string {
  const { summary } = report;
  const out: string[] = ['# Scalekit migration report', ''];
  out.push(
    `Scanned ${summary.filesScanned} files: ${summary.filesChanged} changed, ${summary.filesSkipped} skipped, ${summary.filesErrored} with errors.`,
    `Findings: ${summary.findings.error} errors, ${summary.findings.warning} warnings, ${summary.findings.info} notes.`,
    '',
  );
  // the findings of grouped rules first, across files: a person's list of calls to finish (a tool to pick, an argument to add)
  const groups = new Map<string, string[]>();
  for (const file of report.files) {
    for (const finding of file.findings) {
      const group = rules.get(finding.rule)?.group;
      if (!group) continue;
      const next = finding.suggestion ? ` Next step: ${finding.suggestion}` : '';
      groups.set(group, [...(groups.get(group) ?? []), `- [ ] \`${file.path}:${finding.line}\` · ${finding.severity} · \`${finding.rule}\`: ${escape(finding.message)}${escape(next)}`]);
    }
  }
  for (const [group, lines] of groups) out.push(`## ${group}`, '', ...lines, '');
  const todo = report.files.filter((f) => f.findings.some((x) => x.severity !== 'info'));
  out.push('## To do', '');
  if (todo.length === 0) out.push('Nothing left to do by hand.', '');
  for (const file of todo) {
    out.push(`### \`${file.path}\``, '');
    for (const finding of file.findings.filter((x) => x.severity !== 'info')) {
      const next = finding.suggestion ? ` Next step: ${finding.suggestion}` : '';
      out.push(`- [ ] **line ${finding.line}** · ${finding.severity} · \`${finding.rule}\`: ${escape(finding.message)}${escape(next)}`);
    }
    out.push('');
  }
  const notes = report.files.filter((f) => f.findings.some((x) => x.severity === 'info'));
  if (notes.length > 0) {
    out.push('## To review', '', 'Migrated, with something worth a look:', '');
    for (const file of notes) {
      out.push(`### \`${file.path}\``, '');
      for (const finding of file.findings.filter((x) => x.severity === 'info')) {
        out.push(`- [ ] **line ${finding.line}** · \`${finding.rule}\`: ${escape(finding.message)}`);
      }
      out.push('');
    }
  }
  if (report.plan) out.push(renderPlanMarkdown(report.plan));
  const changed = report.files.filter((f) => f.status === 'changed');
  out.push('## Changed files', '');
  if (changed.length === 0) out.push('None.');
  for (const file of changed) out.push(`- \`${file.path}\``);
  out.push('');
  const ruleIds = Object.keys(summary.rules).sort();
  if (ruleIds.length > 0) {
    out.push('## By kind', '', '| rule | severity | count | what it means |', '|---|---|---|---|');
    for (const id of ruleIds) {
      const rule = rules.get(id);
      out.push(`| \`${id}\` | ${rule?.severity ?? ''} | ${summary.rules[id]} | ${escape(rule?.title ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

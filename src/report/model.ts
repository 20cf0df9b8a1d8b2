import path from 'node:path';
import { SEVERITY_ORDER, type Finding, type Severity } from '../findings.js';
import type { MigrationPlan } from '../plan.js';
import type { FileResult, RunResult } from '../run.js';

export interface ReportFile {
  /** Relative to the current directory, forward slashes. */
  path: string;
  language: string;
  status: FileResult['status'];
  findings: Finding[];
}

export interface Summary {
  filesScanned: number;
  filesChanged: number;
  filesUnchanged: number;
  filesSkipped: number;
  filesErrored: number;
  findings: Record<Severity, number>;
  /** Findings per rule id. */
  rules: Record<string, number>;
}

export interface Report {
  tool: 'scalekit-migrate';
  version: string;
  summary: Summary;
  /** Files that changed, were skipped, failed, or carry findings; untouched files without findings are left out. */
  files: ReportFile[];
  /** What the migrated code needs before it runs; paths relative to the current directory, lines of the migrated files. */
  plan?: MigrationPlan;
}

export function relativePath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}

export function buildReport(result: RunResult, version: string, cwd = process.cwd()): Report {
  const summary: Summary = {
    filesScanned: result.scanned,
    filesChanged: 0,
    filesUnchanged: 0,
    filesSkipped: 0,
    filesErrored: 0,
    findings: { error: 0, warning: 0, info: 0 },
    rules: {},
  };
  const files: ReportFile[] = [];
  for (const file of result.files) {
    if (file.status === 'changed') summary.filesChanged++;
    else if (file.status === 'skipped') summary.filesSkipped++;
    else if (file.status === 'error') summary.filesErrored++;
    else summary.filesUnchanged++;
    for (const finding of file.findings) {
      summary.findings[finding.severity]++;
      summary.rules[finding.rule] = (summary.rules[finding.rule] ?? 0) + 1;
    }
    if (file.status !== 'unchanged' || file.findings.length > 0) {
      files.push({ path: relativePath(file.path, cwd), language: file.language, status: file.status, findings: file.findings });
    }
  }
  summary.filesUnchanged = result.scanned - summary.filesChanged - summary.filesSkipped - summary.filesErrored;
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { tool: 'scalekit-migrate', version, summary, files };
}

export function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

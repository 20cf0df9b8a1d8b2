import type { Rule, Severity } from '../findings.js';
import type { Report } from './model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * The report as a SARIF 2.1.0 log, for code-scanning upload: one run, the rules that fired (texts
 * from the rules table), one result per finding with its file, line and column.
 */
export function renderSarif(report: Report, rules: Map<string, Rule>): string {
  const fired = [...new Set(report.files.flatMap((f) => f.findings.map((x) => x.rule)))].sort();
  const index = new Map(fired.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool,
            version: report.version,
            rules: fired.map((id) => {
              const rule = rules.get(id);
              return {
                id,
                shortDescription: { text: rule?.title ?? id },
                fullDescription: { text: rule?.message ?? id },
                ...(rule?.suggestion ? { help: { text: rule.suggestion } } : {}),
                defaultConfiguration: { level: LEVEL[rule?.severity ?? 'warning'] },
              };
            }),
          },
        },
        results: report.files.flatMap((file) =>
          file.findings.map((finding) => ({
            ruleId: finding.rule,
            ruleIndex: index.get(finding.rule)!,
            level: LEVEL[finding.severity],
            message: { text: finding.suggestion ? `${finding.message} ${finding.suggestion}` : finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(file.path) },
                  region: { startLine: finding.line, startColumn: finding.column },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export type Severity = 'error' | 'warning' | 'info';

/** One thing the run found at a place in a file: migrated with a caveat, or left for the user. */
export interface Finding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  suggestion?: string;
}

/** A row of the rules table (mappings/findings.json): one text per reason, used by the report and the TODO comments alike. */
export interface Rule {
  id: string;
  severity: Severity;
  title: string;
  message: string;
  suggestion?: string;
  /** Whether a `TODO(scalekit-migrate)` comment goes at the site. */
  todo: boolean;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

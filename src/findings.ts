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
  /** Whether that comment also carries the finding's detail. */
  todoDetail?: boolean;
  /** The Markdown report's heading for the findings of this rule and its group, gathered across files. */
  group?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The line starts of the last text asked about: a file's findings are made one after another, often thousands in a big file. */
let lastText: string | undefined;
let lastLineStarts: number[] = [];

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  if (text !== lastText) {
    lastLineStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lastLineStarts.push(i + 1);
    lastText = text;
  }
  // the last line start at or before the offset (a newline at the offset itself belongs to its line)
  let low = 0;
  let high = lastLineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lastLineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lastLineStarts[low]! + 1 };
}

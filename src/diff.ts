import { structuredPatch } from 'diff';
import type { ChalkInstance } from 'chalk';
import type { Language } from './migration.js';
import { redactDotenvLine, redactSecrets } from './secrets.js';

/**
 * A unified diff in git's form (`diff --git`, `a/` and `b/` prefixes), which `git apply` accepts.
 * Secret-looking values are masked in every line, so a diff is safe to print in CI logs.
 */
export function unifiedDiff(relativePath: string, before: string, after: string, language: Language, { created = false, bom = false } = {}): string {
  const posix = relativePath.split('\\').join('/');
  // the byte-order mark is kept on write, so it is part of the first line git compares
  const mark = bom ? '\uFEFF' : '';
  const patch = structuredPatch(`a/${posix}`, `b/${posix}`, created ? before : mark + before, mark + after, '', '', { context: 3 });
  const mask = language === 'dotenv' ? (line: string) => line[0] + redactDotenvLine(line.slice(1)) : redactSecrets;
  const lines = created
    ? [`diff --git a/${posix} b/${posix}`, 'new file mode 100644', '--- /dev/null', `+++ b/${posix}`]
    : [`diff --git a/${posix} b/${posix}`, `--- a/${posix}`, `+++ b/${posix}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${created ? '0,0' : range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) lines.push(line.startsWith('\\') ? line : mask(line));
  }
  return `${lines.join('\n')}\n`;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** git's colours: bold headers, cyan hunk headers, red removals, green additions. */
export function colourDiff(diff: string, chalk: ChalkInstance): string {
  return diff
    .split('\n')
    .map((line) => {
      if (/^(diff --git|--- |\+\+\+ )/.test(line)) return chalk.bold(line);
      if (line.startsWith('@@')) return chalk.cyan(line);
      if (line.startsWith('+')) return chalk.green(line);
      if (line.startsWith('-')) return chalk.red(line);
      return line;
    })
    .join('\n');
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { statSync } from 'node:fs';

/**
 * The files under the given paths that git reports as modified or untracked; empty when
 * the tree is clean or is not a git checkout (there is nothing to guard then).
 */
export function uncommittedChanges(paths: string[]): string[] {
  const dirty = new Set<string>();
  for (const input of paths) {
    const absolute = path.resolve(input);
    let dir = absolute;
    try {
      if (!statSync(absolute).isDirectory()) dir = path.dirname(absolute);
    } catch {
      continue;
    }
    let output: string;
    try {
      output = execFileSync('git', ['status', '--porcelain', '--', absolute], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue;
    }
    for (const line of output.split('\n')) if (line.trim()) dirty.add(line.slice(3));
  }
  return [...dirty];
}

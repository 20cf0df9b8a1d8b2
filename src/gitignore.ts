import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * The .gitignore rules that apply under a folder: the ones of its ancestors up to the git root, and
 * the nested ones inside it. A deeper file's rules win over an outer one's, as in git.
 */
export class GitignoreRules {
  private readonly rules: Array<{ dir: string; matcher: Ignore }> = [];

  /** `nested`: the .gitignore files found inside `root`, relative to it. */
  constructor(root: string, nested: string[]) {
    const files = [...ancestorGitignores(root), ...nested.map((n) => path.join(root, n))];
    for (const file of files.sort((a, b) => depth(a) - depth(b))) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      this.rules.push({ dir: path.dirname(file), matcher: ignore().add(text) });
    }
  }

  ignores(file: string): boolean {
    let ignored = false;
    for (const { dir, matcher } of this.rules) {
      const relative = path.relative(dir, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const result = matcher.test(relative.split(path.sep).join('/'));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** The .gitignore files above a folder, up to the git root; none when the folder is not in a repository. */
function ancestorGitignores(root: string): string[] {
  if (existsSync(path.join(root, '.git'))) return [];
  const found: string[] = [];
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    found.push(path.join(dir, '.gitignore'));
    if (existsSync(path.join(dir, '.git'))) return found;
    if (path.dirname(dir) === dir) return [];
  }
}

function depth(file: string): number {
  return file.split(path.sep).length;
}

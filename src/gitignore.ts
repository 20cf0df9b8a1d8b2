import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * The .gitignore rules that apply under a folder: the ones of its ancestors up to the git root, and
 * the nested ones inside it. A deeper file's rules win over an outer one's, as in git.
 */
export class GitignoreRules {
  /** `prefix`: the rules' folder with a trailing separator (a file below it starts with it). */
  private readonly rules: Array<{ prefix: string; matcher: Ignore }> = [];

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
      const dir = path.dirname(file);
      this.rules.push({ prefix: dir.endsWith(path.sep) ? dir : dir + path.sep, matcher: ignore().add(text) });
    }
  }

  /** `file`: an absolute, normalized path (as path.resolve gives). */
  ignores(file: string): boolean {
    let ignored = false;
    for (const { prefix, matcher } of this.rules) {
      // a prefix test, not path.relative (which normalizes both paths: 60% of discovery's time on 20,000 files)
      if (!file.startsWith(prefix)) continue;
      const relative = file.slice(prefix.length);
      const result = matcher.test(path.sep === '/' ? relative : relative.split(path.sep).join('/'));
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

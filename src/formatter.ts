import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PRETTIER_CONFIGS = ['.prettierrc', '.prettierrc.json', '.prettierrc.yaml', '.prettierrc.yml', '.prettierrc.js', '.prettierrc.cjs', '.prettierrc.mjs', 'prettier.config.js', 'prettier.config.cjs', 'prettier.config.mjs'];

/**
 * The command that formats the changed files with the project's own formatter (we never
 * reformat), found from the current folder up: Biome, then Prettier. Undefined when neither is set up.
 */
export function formatterCommand(files: string[], from = process.cwd()): string | undefined {
  const list = files.map((f) => (/[\s'"$`]/.test(f) ? JSON.stringify(f) : f)).join(' ');
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'biome.json')) || existsSync(path.join(dir, 'biome.jsonc'))) return `npx @biomejs/biome format --write ${list}`;
    if (PRETTIER_CONFIGS.some((c) => existsSync(path.join(dir, c))) || hasPrettierKey(path.join(dir, 'package.json'))) return `npx prettier --write ${list}`;
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return undefined;
  }
}

function hasPrettierKey(packageJson: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, Record<string, string> | undefined>;
    return manifest['prettier'] !== undefined || manifest['devDependencies']?.['prettier'] !== undefined || manifest['dependencies']?.['prettier'] !== undefined;
  } catch {
    return false;
  }
}

import path from 'node:path';
import type { ts } from '../../src/ts-morph.js';
import type { FileContext, ProjectFileTransform } from '../../src/migration.js';
import { JsonText } from './json-text.js';

/**
 * package.json: the Composio packages of the root dependency lists, as mappings/packages.json says.
 *   "@composio/core": "^0.19.0",    →  "@scalekit-sdk/node": "^2.11.0",
 *   "@composio/vercel": "^0.12.0",  →  (line removed)
 *   "@composio/client": "^0.1.0",   →  (left, reported)
 * A package a source file under the manifest still imports once migrated (an import kept under a TODO)
 * stays listed, reported; @scalekit-sdk/node is then added beside it.
 * Scripts are never edited; one that runs the Composio CLI is reported.
 */
const DEPENDENCY_LISTS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

const transform: ProjectFileTransform = {
  id: 'package-json-dependencies',
  description: 'package.json: @composio/core → @scalekit-sdk/node, provider packages removed, other Composio packages and Composio CLI scripts reported',
  language: 'json',
  matches: (relativePath) => relativePath.split('/').pop() === 'package.json',
  apply(ctx) {
    const json = JsonText.parse(ctx.text, { strict: true });
    if (typeof json === 'string') {
      // a broken package.json elsewhere in the tree is not ours to mention unless it lists Composio
      if (/composio/i.test(ctx.text)) ctx.report('file-parse-error', 0, json);
      return;
    }
    const root = json.root;
    if (!root) return;
    for (const list of DEPENDENCY_LISTS) migrateDependencies(json, list, ctx);
    reportCliScripts(json, root, ctx);
  },
};

function migrateDependencies(json: JsonText, list: string, ctx: FileContext): void {
  const dependencies = json.object(json.member(json.root!, list)?.value);
  if (!dependencies) return;
  const members = json.members(dependencies);
  const listed = new Set(members.map((m) => m.name));
  const removed = new Set<ts.Node>();
  for (const member of members) {
    if (!Object.hasOwn(ctx.mappings.packages, member.name)) continue;
    const entry = ctx.mappings.packages[member.name]!;
    const at = json.start(member.key);
    const user = entry.action === 'report' ? undefined : ctx.importedAfterMigration?.(member.name, path.dirname(ctx.path));
    if (user !== undefined) {
      ctx.report('dependency-kept', at, `(${member.name} in ${list}: still imported by ${path.relative(path.dirname(ctx.path), user).split(path.sep).join('/')})`);
      if (entry.action === 'replace' && entry.with && !listed.has(entry.with)) {
        // beside the kept one, on a line of its own at its indentation
        const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
        const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart))![0];
        const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
        ctx.edits.add(member.node.end, member.node.end, `,${eol}${indent}${JSON.stringify(entry.with)}: ${JSON.stringify(entry.version ?? '*')}`);
        listed.add(entry.with);
      }
    } else if (entry.action === 'report') {
      ctx.report(entry.rule ?? 'dependency-unmigrated', at, `(${member.name} in ${list})`);
    } else if (entry.action === 'remove' || !entry.with) {
      removed.add(member.node);
      ctx.report(entry.rule ?? 'dependency-removed', at, `(${member.name} removed from ${list})`);
    } else if (listed.has(entry.with)) {
      removed.add(member.node);
      ctx.report(entry.rule ?? 'dependency-replaced', at, `(${member.name} removed: ${entry.with} is already in ${list})`);
    } else {
      json.replaceString(ctx.edits, member.key, entry.with);
      if (entry.version) json.replaceString(ctx.edits, member.value, entry.version);
      listed.add(entry.with);
      ctx.report(entry.rule ?? 'dependency-replaced', at, `(${member.name} → ${entry.with}${entry.version ? ` ${entry.version}` : ''} in ${list})`);
    }
  }
  if (!json.removeItems(ctx.edits, dependencies, removed)) throw new Error(`could not remove packages from ${list}`);
}

function reportCliScripts(json: JsonText, root: ts.ObjectLiteralExpression, ctx: FileContext): void {
  const scripts = json.object(json.member(root, 'scripts')?.value);
  for (const script of scripts ? json.members(scripts) : []) {
    const command = json.string(script.value);
    // names only: a script may carry a key inline (`COMPOSIO_API_KEY=… composio …`)
    if (command !== undefined && runsComposioCli(command)) ctx.report('composio-cli-script', json.start(script.key), `(script "${script.name}")`);
  }
}

const COMPOSIO_CLI = /^(?:composio|composio-core|@composio\/cli)(?:@\S*)?$/;
/** Words that may stand before the command itself: package runners, their sub-commands, env wrappers. */
const COMMAND_PREFIXES = new Set(['npx', 'bunx', 'pnpx', 'npm', 'pnpm', 'yarn', 'bun', 'exec', 'dlx', 'x', 'env', 'cross-env']);

/** Whether some command of a shell line is the Composio CLI (its arguments merely naming composio do not count). */
function runsComposioCli(script: string): boolean {
  return script.split(/&&|\|\||[;|&\n]/).some((command) => {
    const words = command.trim().split(/\s+/);
    let i = 0;
    while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || COMMAND_PREFIXES.has(words[i]!) || words[i]!.startsWith('-'))) i++;
    return i < words.length && COMPOSIO_CLI.test(words[i]!);
  });
}

export default transform;

import { Node, type SourceFile } from './ts-morph.js';
import { EditList } from './edits.js';
import { lineAndColumn, type Finding } from './findings.js';
import type { Mappings } from './mappings/load.js';
import type { FileContext, Language, SourceFileContext } from './migration.js';
import { redactSecrets } from './secrets.js';

export const TODO_MARKER = 'TODO(scalekit-migrate)';

/** Builds the context every transform of one file shares; findings take their words from the rules table. */
export function createFileContext(init: {
  path: string;
  language: Language;
  text: string;
  mappings: Mappings;
  project: unknown;
  createFile?: (path: string, text: string) => void;
  importedAfterMigration?: (pkg: string, folder: string, language?: Language) => string | undefined;
}): FileContext {
  const findings: Finding[] = [];
  return {
    createFile: () => undefined,
    ...init,
    edits: new EditList(),
    findings,
    report(ruleId, offset, detail) {
      findings.push(makeFinding(init.mappings, init.text, ruleId, offset, detail));
    },
  };
}

/** A rule's message, redacted once (a mapping file is the user's: it may hold anything); the detail of each finding is redacted on its own. */
const redactedMessages = new WeakMap<object, string>();

export function makeFinding(mappings: Mappings, text: string, ruleId: string, offset: number, detail?: string): Finding {
  const rule = mappings.rules.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const { line, column } = lineAndColumn(text, offset);
  let ruleMessage = redactedMessages.get(rule);
  if (ruleMessage === undefined) redactedMessages.set(rule, (ruleMessage = redactSecrets(rule.message)));
  const message = detail ? `${ruleMessage} ${redactSecrets(detail)}` : ruleMessage;
  const finding: Finding = { rule: rule.id, severity: rule.severity, line, column, message };
  if (rule.suggestion) finding.suggestion = rule.suggestion;
  return finding;
}

export function createSourceFileContext(
  base: FileContext,
  sourceFile: SourceFile,
  resolveImport: (specifier: string) => string | undefined,
  createFile: (path: string, text: string) => void = () => undefined,
  importsNeedExtensions = false,
): SourceFileContext {
  const todoWritten = new Set<string>();
  const typed = /\.(ts|tsx|mts|cts)$/.test(base.path) && !base.path.endsWith('.d.ts');
  const ctx: SourceFileContext = {
    ...base,
    language: typed ? 'typescript' : 'javascript',
    typed,
    state: new Map(),
    resolveImport,
    importsNeedExtensions,
    createFile,
    reportAt(ruleId, node, detail) {
      base.report(ruleId, node.getStart(), detail);
      const rule = base.mappings.rules.get(ruleId);
      if (rule?.todo) writeTodo(ctx, node, ruleId, todoWritten, detail);
    },
  };
  return ctx;
}

/** The line a TODO comment goes above: the nearest statement, class member or object property that starts its own line. */
function anchorOf(node: Node): Node {
  for (let current: Node | undefined = node; current; current = current.getParent()) {
    const parent = current.getParent();
    const isAnchorKind =
      Node.isStatement(current) ||
      Node.isPropertyDeclaration(current) ||
      Node.isMethodDeclaration(current) ||
      Node.isConstructorDeclaration(current) ||
      Node.isPropertyAssignment(current) ||
      Node.isShorthandPropertyAssignment(current) ||
      (parent !== undefined && (Node.isSourceFile(parent) || Node.isBlock(parent) || Node.isCaseClause(parent) || Node.isDefaultClause(parent)));
    if (isAnchorKind && startsItsLine(current)) return current;
    if (Node.isSourceFile(current)) break;
  }
  return node;
}

function startsItsLine(node: Node): boolean {
  const text = node.getSourceFile().getFullText();
  const start = node.getStart();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, start));
}

function writeTodo(ctx: SourceFileContext, node: Node, ruleId: string, written: Set<string>, detail?: string): void {
  const anchor = anchorOf(node);
  // a property's TODO: the one an earlier run wrote above its statement for the same rule stands for it (a second
  // run that reaches the code by another transform must not add its own)
  if (!Node.isStatement(anchor)) {
    const statement = anchor.getFirstAncestor((a) => Node.isStatement(a) && startsItsLine(a));
    if (statement && hasTodoAbove(ctx.text, statement.getStart(), ruleId, '//')) return;
  }
  writeTodoComment(ctx, anchor.getStart(), ruleId, '//', written, detail);
}

function hasTodoAbove(text: string, start: number, ruleId: string, comment: '//' | '#'): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return commentLinesAbove(text, lineStart, comment).some((line) => line.includes(TODO_MARKER) && line.includes(`[${ruleId}]`));
}

/**
 * Writes `<comment> TODO(scalekit-migrate): <title>. <suggestion> [rule]` on its own line above the line
 * holding `start`, at its indentation, once per line and rule (`written`), and not when the comment lines
 * right above already carry it (a second run). Shared by every language: `//` for TypeScript, `#` for Python.
 */
export function writeTodoComment(ctx: FileContext, start: number, ruleId: string, comment: '//' | '#', written: Set<string>, detail?: string): void {
  const rule = ctx.mappings.rules.get(ruleId)!;
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^[ \t]*$/.test(indent)) return;
  const key = `${lineStart}:${ruleId}`;
  if (written.has(key)) return;
  written.add(key);
  if (commentLinesAbove(text, lineStart, comment).some((line) => line.includes(TODO_MARKER) && line.includes(`[${ruleId}]`))) return;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const hint = rule.suggestion ? ` ${rule.suggestion}` : '';
  // a detail written into the code is redacted as the report's is, and kept to one line
  const told = rule.todoDetail && detail ? ` ${redactSecrets(detail).replace(/\s+/g, ' ')}` : '';
  const at = aboveDirectives(text, lineStart, comment);
  ctx.edits.add(at, at, `${indent}${comment} ${TODO_MARKER}: ${rule.title}${told}.${hint} [${ruleId}]${eol}`);
}

/** A comment that acts on the line below it (`// eslint-disable-next-line no-var`, `# pylint: disable-next=...`): a TODO goes above it, not between. */
const NEXT_LINE_DIRECTIVE = /^(\/\/|#)\s*(eslint-disable-next-line|oxlint-disable-next-line|biome-ignore|deno-lint-ignore|prettier-ignore|@ts-ignore|@ts-expect-error|pylint:\s*disable-next|type:\s*ignore)/;

/** The start of the run of next-line directive comments right above a line (the line itself when there are none). */
function aboveDirectives(text: string, lineStart: number, comment: string): number {
  let at = lineStart;
  while (at > 0) {
    const start = text.lastIndexOf('\n', at - 2) + 1;
    const line = text.slice(start, at - 1).trim();
    if (!line.startsWith(comment) || !NEXT_LINE_DIRECTIVE.test(line)) break;
    at = start;
  }
  return at;
}

/** The run of comment lines directly above a line, nearest first. */
function commentLinesAbove(text: string, lineStart: number, comment: string): string[] {
  const lines: string[] = [];
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (!line.startsWith(comment)) break;
    lines.push(line);
    end = start - 1;
  }
  return lines;
}

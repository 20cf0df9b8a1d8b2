import { Node, SyntaxKind, VariableDeclarationKind, type CaseClause, type DefaultClause, type SourceFile, type SwitchStatement } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { removeStatement } from '../src/primitives/statements.js';
import { bindingsFor } from './model/analyze-exports.js';
import { quoted, styleFor } from './model/code-style.js';
import { COMPOSIO_CORE, declarationsOf, type ComposioBindings } from './model/composio-bindings.js';
import { accountsModel, type AccountHolder } from './model/connected-accounts.js';
import { climbTransparent } from './model/value-uses.js';

/** Where `ConnectorStatus` lives: the package root does not export it, and the `.js` suffix is what ESM resolution needs. */
export const CONNECTOR_STATUS_MODULE = '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js';
const ENUM = 'ConnectorStatus';
const COMPOSIO_STATUS_CONSTANTS = ['ConnectedAccountStatuses', 'ConnectionStatuses'];

/**
 * acct.status === 'ACTIVE'                        → acct.status === ConnectorStatus.ACTIVE
 * switch (acct.status) { case 'INITIATED': ... }  → switch (acct.status) { case ConnectorStatus.PENDING_AUTH: ... }
 * acct.status !== ConnectedAccountStatuses.ACTIVE → acct.status !== ConnectorStatus.ACTIVE
 * ['ACTIVE', 'INITIATED'].includes(acct.status)   → [ConnectorStatus.ACTIVE, ConnectorStatus.PENDING_AUTH].includes(acct.status)
 *   + import { ConnectorStatus } from '@scalekit-sdk/node/lib/pkg/grpc/scalekit/v1/connected_accounts/connected_accounts_pb.js'
 *
 * Only statuses of accounts that a migrated call returns are touched (mappings/statuses.json,
 * typescript column): Scalekit's status is a numeric enum, so a `user.status === 'ACTIVE'`
 * elsewhere in the file must stay a string comparison. A status with no Scalekit equivalent
 * (FAILED) is kept and reported.
 */
const transform: SourceTransform = {
  id: 'status-comparisons',
  description: "connected-account status comparisons ('ACTIVE', ConnectedAccountStatuses.X) → ConnectorStatus members",
  // the statuses compared are read from connectedAccounts results of this file (accountsModel)
  precondition: /\bconnectedAccounts\b/,
  apply(file, ctx) {
    const model = accountsModel(file, ctx);
    if (model.statusReads.length === 0) return;
    const migration = new StatusMigration(file, ctx, bindingsFor(file, ctx), new Set(model.statusReads.map((r) => r.node)));
    const switches = new Set<SwitchStatement>();
    for (const { node, holder } of model.statusReads) {
      const read = climbTransparent(node);
      const parent = read.getParent();
      if (Node.isBinaryExpression(parent) && EQUALITY.has(parent.compilerNode.operatorToken.kind)) {
        migration.compared(parent.getLeft() === read ? parent.getRight() : parent.getLeft(), node);
      } else if (Node.isSwitchStatement(parent) && parent.getExpression() === read) {
        switches.add(parent);
      } else if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === read) {
        // status.toLowerCase(), status.length: a string member of what is now a number
        ctx.reportAt('status-string-member', parent, `(.${parent.getName()})`);
      } else if (!migration.included(read, holder)) {
        // a log line shows a number now; anything else (a string parameter, a label map, JSON) gets a number it does not expect
        ctx.reportAt(isLogged(read) ? 'status-value-logged' : 'status-value-numeric', node);
      }
    }
    for (const statement of switches) migration.switchCases(statement);
    if (migration.needsImport) addImport(file, ctx);
  },
};

export default transform;

/** `console.log(status)`, `logger.info(\`is ${status}\`)`: the value only reaches a log line (through a template or `+`). */
function isLogged(read: Node): boolean {
  let value: Node = read;
  for (let parent = value.getParent(); parent; value = parent, parent = parent.getParent()) {
    if (Node.isTemplateSpan(parent) || Node.isTemplateExpression(parent) || Node.isParenthesizedExpression(parent)) continue;
    if (Node.isBinaryExpression(parent) && parent.compilerNode.operatorToken.kind === SyntaxKind.PlusToken) continue;
    break;
  }
  const call = value.getParent();
  if (!Node.isCallExpression(call) || !call.getArguments().includes(value)) return false;
  return /^(console|logger|log)\.\w+$/.test(call.getExpression().getText());
}

const EQUALITY = new Set([SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.ExclamationEqualsToken]);

class StatusMigration {
  needsImport = false;

  constructor(
    private readonly file: SourceFile,
    private readonly ctx: SourceFileContext,
    private readonly bindings: ComposioBindings,
    private readonly statusReads: Set<Node>,
  ) {}

  /** The other side of `status === x`. */
  compared(value: Node, read: Node): void {
    if (this.statusReads.has(value) || this.statusReads.has(climbTransparent(value))) return;
    const status = this.composioStatus(value);
    if (status === undefined) this.ctx.reportAt('status-value-numeric', read);
    else this.rewrite(value, status);
  }

  /**
   * `switch (acct.status)`: every case. Two Composio statuses can become one Scalekit status
   * (INITIATED, INITIALIZING → PENDING_AUTH): within cases that fall through into one body the
   * repeated label goes; in a later, separate case it is no longer reached, and is reported.
   */
  switchCases(statement: SwitchStatement): void {
    const groups: Array<Array<CaseClause | DefaultClause>> = [[]];
    for (const clause of statement.getCaseBlock().getClauses()) {
      groups[groups.length - 1]!.push(clause);
      if (clause.getStatements().length > 0) groups.push([]);
    }
    const earlierGroups = new Set<string>();
    for (const group of groups) {
      const targets = new Map<CaseClause, string | undefined>();
      for (const clause of group) if (Node.isCaseClause(clause)) targets.set(clause, this.targetOf(clause.getExpression()));
      const lastWithTarget = new Map<string, CaseClause>();
      for (const [clause, target] of targets) if (target) lastWithTarget.set(target, clause);
      for (const [clause, target] of targets) {
        const label = clause.getExpression();
        if (target && lastWithTarget.get(target) !== clause) {
          // falls through into a case of the same Scalekit status: one label is enough
          removeStatement(clause, this.ctx.edits);
          continue;
        }
        if (target && earlierGroups.has(target)) this.ctx.reportAt('status-merged', label, `(${label.getText()})`);
        const status = this.composioStatus(label);
        if (status !== undefined) this.rewrite(label, status);
        else if (!this.statusReads.has(label)) this.ctx.reportAt('status-no-equivalent', label, `(${label.getText()})`);
      }
      for (const target of lastWithTarget.keys()) earlierGroups.add(target);
    }
  }

  private targetOf(label: Node): string | undefined {
    const status = this.composioStatus(label);
    return status === undefined ? undefined : this.ctx.mappings.statuses[status.toUpperCase()]?.typescript ?? undefined;
  }

  /** `['ACTIVE', 'INITIATED'].includes(status)`, the array written there or in a `const` of this file. */
  included(read: Node, holder: AccountHolder): boolean {
    const call = read.getParent();
    if (!Node.isCallExpression(call) || call.getArguments()[0] !== read) return false;
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'includes') return false;
    // a get response's status may be undefined, which `includes` on ConnectorStatus[] does not take
    if (holder === 'get-response' || Node.isPropertyAccessExpression(read) && read.hasQuestionDotToken()) return false;
    let array: Node = callee.getExpression();
    if (Node.isIdentifier(array)) {
      const declaration = declarationsOf(array).find((d) => Node.isVariableDeclaration(d));
      if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) return false;
      array = declaration.getInitializer() ?? array;
    }
    if (!Node.isArrayLiteralExpression(array)) return false;
    const statuses = array.getElements().map((element) => this.composioStatus(element));
    if (statuses.some((s) => s === undefined)) return false;
    array.getElements().forEach((element, i) => this.rewrite(element, statuses[i]!));
    return true;
  }

  /** The Composio status a value names: `'ACTIVE'`, or `ConnectedAccountStatuses.ACTIVE` imported from @composio/core. */
  private composioStatus(value: Node): string | undefined {
    const node = value;
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isPropertyAccessExpression(node)) {
      const holder = node.getExpression();
      if (Node.isIdentifier(holder) && declarationsOf(holder).some((d) => COMPOSIO_STATUS_CONSTANTS.some((name) => this.bindings.declaresCoreExport(d, name)))) return node.getName();
    }
    return undefined;
  }

  private rewrite(value: Node, status: string): void {
    const target = this.ctx.mappings.statuses[status.toUpperCase()]?.typescript;
    if (!target) {
      this.ctx.reportAt('status-no-equivalent', value, `(${value.getText()})`);
      return;
    }
    if (this.ctx.edits.add(value.getStart(), value.getEnd(), `${ENUM}.${target}`)) this.needsImport = true;
  }
}

/** `import { ConnectorStatus } from '...connected_accounts_pb.js'` once, after the file's imports (a `require` in CommonJS). */
function addImport(file: SourceFile, ctx: SourceFileContext): void {
  const already = file.getImportDeclarations().some((d) => d.getModuleSpecifierValue() === CONNECTOR_STATUS_MODULE && d.getNamedImports().some((n) => n.getName() === ENUM));
  if (already) return;
  const style = styleFor(file, ctx.state);
  const semi = style.semicolons ? ';' : '';
  const imports = file.getStatements().filter((s) => Node.isImportDeclaration(s) || isRequireStatement(s));
  const commonJs = !file.getStatements().some((s) => Node.isImportDeclaration(s)) && imports.length > 0;
  const line = commonJs ? `const { ${ENUM} } = require(${quoted(CONNECTOR_STATUS_MODULE, style)})${semi}` : `import { ${ENUM} } from ${quoted(CONNECTOR_STATUS_MODULE, style)}${semi}`;
  const last = imports[imports.length - 1];
  const text = ctx.text;
  if (!last) {
    const first = file.getStatements()[0];
    const at = first ? text.lastIndexOf('\n', first.getStart() - 1) + 1 : 0;
    ctx.edits.add(at, at, `${line}${style.eol}${style.eol}`);
    return;
  }
  const end = last.getEnd();
  const nextLine = text.indexOf('\n', end);
  const restOfLine = nextLine === -1 ? text.slice(end) : text.slice(end, nextLine);
  if (isComposioImport(last) && nextLine !== -1) {
    // a Composio import may be rewritten or removed by the import transform: go on the next line, outside it
    ctx.edits.add(nextLine + 1, nextLine + 1, `${line}${style.eol}`);
  } else if (/^\s*$/.test(restOfLine)) {
    // rewriting the import's last character puts the line right after it, before any block another transform inserts at its end
    ctx.edits.add(end - 1, end, `${text[end - 1]}${style.eol}${line}`);
  } else {
    ctx.edits.add(end, end, `${style.eol}${line}`);
  }
}

function isComposioImport(statement: Node): boolean {
  const specifier = Node.isImportDeclaration(statement) ? statement.getModuleSpecifierValue() : /require\(\s*['"]([^'"]+)/.exec(statement.getText())?.[1];
  return specifier !== undefined && (specifier === COMPOSIO_CORE || specifier.startsWith('@composio/') || specifier === 'composio-core');
}

function isRequireStatement(statement: Node): boolean {
  return (
    Node.isVariableStatement(statement) &&
    statement.getDeclarations().some((d) => {
      const init = d.getInitializer();
      return init !== undefined && Node.isCallExpression(init) && init.getExpression().getText() === 'require';
    })
  );
}

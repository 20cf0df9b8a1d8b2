import ts from 'typescript';

/**
 * Whether a type error is one the migration owned up to: a `// TODO(scalekit-migrate)` comment stands
 * directly above a statement (or an object property, where the migration writes TODOs for one) that holds
 * the error. Only comment lines may stand between the TODO and that statement; a TODO above a neighbouring
 * statement does not excuse this one.
 */
export function excusedByTodo(file: ts.SourceFile, position: number): boolean {
  const lines = file.text.split('\n');
  for (let node: ts.Node | undefined = innermostAt(file, position); node && !ts.isSourceFile(node); node = node.parent) {
    if (!(isStatementLike(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isSpreadAssignment(node))) continue;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
    for (let i = line - 1; i >= 0; i--) {
      const above = lines[i]!.trim();
      if (!above.startsWith('//')) break;
      if (above.includes('TODO(scalekit-migrate)')) return true;
    }
  }
  return false;
}

function isStatementLike(node: ts.Node): boolean {
  return ts.isStatement(node) || ts.isClassElement(node) || ts.isVariableStatement(node) || ts.isImportDeclaration(node) || ts.isExportAssignment(node);
}

function innermostAt(file: ts.SourceFile, position: number): ts.Node {
  let found: ts.Node = file;
  const visit = (node: ts.Node): void => {
    if (node.getStart(file) <= position && position < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}

/**
 * Whether the error only follows from another one: a callback parameter left implicitly `any` (TS7006, TS7031)
 * because the call it is passed to is made on a value whose type is already an error (`items.map((a) => ...)`
 * where `items` came from a member the client no longer has). That other error is counted where it stands.
 */
export function isCascade(d: ts.Diagnostic, checker: ts.TypeChecker): boolean {
  if (!d.file || (d.code !== 7006 && d.code !== 7031)) return false;
  let node: ts.Node | undefined = innermostAt(d.file, d.start ?? 0);
  while (node && !ts.isParameter(node)) node = node.parent;
  const fn = node?.parent;
  const call = fn?.parent;
  if (!fn || !call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  const callee = call.expression;
  const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : callee;
  return isErrorType(checker.getTypeAtLocation(receiver));
}

function isErrorType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0 && (type as ts.Type & { intrinsicName?: string }).intrinsicName === 'error';
}

import { ts, type SourceFile } from '../../src/ts-morph.js';
import { compilerNodesOfKind } from './identifiers.js';

/**
 * The string literals of the code, module specifiers of imports and re-exports left out, as compiler nodes from
 * the file's one shared walk (compilerNodesOfKind): a transform wraps only the few it reports.
 */
export function codeStrings(file: SourceFile): ts.StringLiteralLike[] {
  const literals = [...compilerNodesOfKind(file, ts.SyntaxKind.StringLiteral), ...compilerNodesOfKind(file, ts.SyntaxKind.NoSubstitutionTemplateLiteral)] as ts.StringLiteralLike[];
  return literals.filter((literal) => !ts.isImportDeclaration(literal.parent) && !ts.isExportDeclaration(literal.parent));
}

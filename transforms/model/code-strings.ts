import { Node, SyntaxKind, type NoSubstitutionTemplateLiteral, type SourceFile, type StringLiteral } from '../../src/ts-morph.js';

/** The string literals of the code, module specifiers of imports and re-exports left out. */
export function codeStrings(file: SourceFile): Array<StringLiteral | NoSubstitutionTemplateLiteral> {
  const literals = [...file.getDescendantsOfKind(SyntaxKind.StringLiteral), ...file.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral)];
  return literals.filter((literal) => !Node.isImportDeclaration(literal.getParent()) && !Node.isExportDeclaration(literal.getParent()));
}

import { Node, SyntaxKind, type Identifier, type ImportDeclaration, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { CLIENT_CLASS, COMPOSIO_CORE, SCALEKIT_SDK, moduleOfCall } from './model/composio-bindings.js';
import { SCALEKIT_CLASS, claimScalekitImport, scalekitImportText, type ScalekitImportClaim } from './model/scalekit-class.js';
import { providerRule } from './model/providers.js';
import { removeStatement } from '../src/primitives/statements.js';
import { descendantsOfKindWhere, identifiersNamed } from './model/identifiers.js';
import { isRequireOrImportCall } from './model/provider-instances.js';
import { isBoundTo, symbolOf } from './model/scopes.js';

/**
 * import { Composio, AuthScheme } from '@composio/core'
 *   → import { ScalekitClient } from '@scalekit-sdk/node'
 *     import { AuthScheme } from '@composio/core'   (only while something still uses it; each use is reported)
 *
 * Runs last: a name whose every use was migrated by the transforms before it is dropped.
 * Also `require('@composio/core')`, `await import('@composio/core')` and namespace imports.
 */
const transform: SourceTransform = {
  id: 'core-imports-to-scalekit-sdk',
  description: "@composio/core imports and requires → @scalekit-sdk/node's ScalekitClient; unmapped names kept and reported",
  apply(file, ctx) {
    if (!bindingsFor(file, ctx).usesCore()) return;
    for (const declaration of file.getImportDeclarations()) {
      if (declaration.getModuleSpecifierValue() === COMPOSIO_CORE) migrateImport(declaration, file, ctx);
    }
    for (const call of descendantsOfKindWhere(file, SyntaxKind.CallExpression, isRequireOrImportCall)) {
      if (moduleOfCall(call) === COMPOSIO_CORE) migrateRequire(call, file, ctx);
    }
  },
};

export default transform;

function migrateImport(declaration: ImportDeclaration, file: SourceFile, ctx: SourceFileContext): void {
  const specifierLiteral = declaration.getModuleSpecifier();
  const quote = specifierLiteral.getText()[0]!;
  const namespace = declaration.getNamespaceImport();
  if (namespace) {
    migrateNamespace(namespace, file, ctx);
    ctx.edits.add(specifierLiteral.getStart(), specifierLiteral.getEnd(), `${quote}${SCALEKIT_SDK}${quote}`);
    return;
  }
  const named = declaration.getNamedImports();
  const kept: string[] = [];
  const migrated: Array<{ claim: ScalekitImportClaim; text: string }> = [];
  for (const specifier of named) {
    const imported = specifier.getNameNode().getText();
    const local = specifier.getAliasNode()?.getText() ?? imported;
    if (imported === CLIENT_CLASS) {
      const scalekitLocal = local === imported ? SCALEKIT_CLASS : local;
      const claim = claimScalekitImport(file, ctx, scalekitLocal, declaration.isTypeOnly() || specifier.isTypeOnly() ? 'type' : 'value');
      if (claim) migrated.push({ claim, text: scalekitLocal === SCALEKIT_CLASS ? SCALEKIT_CLASS : `${SCALEKIT_CLASS} as ${local}` });
      if (local === imported) renameReferences(specifier.getAliasNode() ?? specifier.getNameNode(), file, ctx);
      exportedClass(local, local === imported, file, ctx);
      continue;
    }
    const live = liveReferences(specifier.getAliasNode() ?? specifier.getNameNode(), file, ctx);
    if (live.length === 0) continue;
    kept.push(specifier.getText());
    for (const reference of live) ctx.reportAt(ruleForExport(imported), reference, `(${imported})`);
  }
  const defaultImport = declaration.getDefaultImport();
  if (defaultImport) {
    kept.unshift(defaultImport.getText());
    ctx.reportAt('composio-export-unmapped', defaultImport);
  }
  if (migrated.length === 0 && kept.length === named.length + (defaultImport ? 1 : 0)) return;

  const semi = declaration.getText().trimEnd().endsWith(';') ? ';' : '';
  const typeOnly = declaration.isTypeOnly() ? 'type ' : '';
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const keptNamed = kept.filter((k) => k !== defaultImport?.getText());
  const keptImport =
    kept.length > 0
      ? `import ${typeOnly}${defaultImport ? defaultImport.getText() + (keptNamed.length > 0 ? ', ' : '') : ''}${keptNamed.length > 0 ? `{ ${keptNamed.join(', ')} }` : ''} from ${specifierLiteral.getText()}${semi}`
      : '';
  if (migrated.length === 0 && keptImport === '') {
    removeStatement(declaration, ctx.edits);
  } else {
    // read when applied: a later value import may turn a type-only one into a value one
    const scalekitImport = () => (migrated.length > 0 ? scalekitImportText(migrated, declaration.isTypeOnly(), quote, semi) : '');
    ctx.edits.add(declaration.getStart(), declaration.getEnd(), () => [scalekitImport(), keptImport].filter(Boolean).join(eol));
  }
}

/** `import * as sdk` / `const sdk = require(...)`: `sdk.Composio` → `sdk.ScalekitClient`; other members are reported. */
function migrateNamespace(name: Node, file: SourceFile, ctx: SourceFileContext): void {
  const local = Node.isNamespaceImport(name) ? name.getNameNode() : name;
  for (const reference of references(local as Identifier, file)) {
    const parent = reference.getParent();
    const member = Node.isPropertyAccessExpression(parent) && parent.getExpression() === reference ? parent.getNameNode() : Node.isQualifiedName(parent) && parent.getLeft() === reference ? parent.getRight() : undefined;
    if (!member) continue;
    if (member.getText() === CLIENT_CLASS) {
      const typeRef = parent!.getParent();
      if (Node.isTypeReference(typeRef) && typeRef.getTypeArguments().length > 0) {
        if (!ctx.edits.touches(typeRef.getStart(), typeRef.getEnd())) ctx.edits.add(typeRef.getStart(), typeRef.getEnd(), `${reference.getText()}.${SCALEKIT_CLASS}`);
      } else if (!ctx.edits.touches(member.getStart(), member.getEnd())) {
        ctx.edits.add(member.getStart(), member.getEnd(), SCALEKIT_CLASS);
      }
    } else if (!ctx.edits.touches(parent!.getStart(), parent!.getEnd())) {
      ctx.reportAt(ruleForExport(member.getText()), parent!, `(${member.getText()})`);
    }
  }
}

/** `const { Composio } = require('@composio/core')`, `await import(...)`, `require(...).Composio`. */
function migrateRequire(call: Node, file: SourceFile, ctx: SourceFileContext): void {
  if (!Node.isCallExpression(call)) return;
  const literal = call.getArguments()[0]!;
  const quote = literal.getText()[0]!;
  let holder: Node = call;
  while (Node.isAwaitExpression(holder.getParent()) || Node.isParenthesizedExpression(holder.getParent())) holder = holder.getParentOrThrow();
  const parent = holder.getParent();
  if (Node.isVariableDeclaration(parent) && parent.getInitializer() === holder) {
    const name = parent.getNameNode();
    if (Node.isIdentifier(name)) {
      migrateNamespace(name, file, ctx);
    } else if (Node.isObjectBindingPattern(name)) {
      const others = name.getElements().filter((e) => (e.getPropertyNameNode()?.getText() ?? e.getName()) !== CLIENT_CLASS);
      const live = others.filter((e) => liveReferences(e.getNameNode() as Identifier, file, ctx).length > 0);
      for (const element of live) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        for (const reference of liveReferences(element.getNameNode() as Identifier, file, ctx)) ctx.reportAt(ruleForExport(imported), reference, `(${imported})`);
      }
      if (live.length > 0) return; // the require keeps serving names that are still used; each is reported
      const client = name.getElements().find((e) => (e.getPropertyNameNode()?.getText() ?? e.getName()) === CLIENT_CLASS);
      const local = client?.getPropertyNameNode() ? client.getName() : SCALEKIT_CLASS;
      const statement = parent.getParent()?.getParent();
      if (client && !claimScalekitImport(file, ctx, local, 'binding') && Node.isVariableStatement(statement) && statement.getDeclarations().length === 1) {
        // an earlier import or require of the file binds the name already: a second one is a redeclaration
        if (!client.getPropertyNameNode()) renameReferences(client.getNameNode(), file, ctx);
        removeStatement(statement, ctx.edits);
        return;
      }
      for (const element of name.getElements()) {
        const property = element.getPropertyNameNode();
        if ((property?.getText() ?? element.getName()) === CLIENT_CLASS) {
          if (property) ctx.edits.add(property.getStart(), property.getEnd(), SCALEKIT_CLASS);
          else {
            ctx.edits.add(element.getStart(), element.getEnd(), SCALEKIT_CLASS);
            renameReferences(element.getNameNode(), file, ctx);
          }
        } else {
          removeBindingElement(element, ctx);
        }
      }
    }
  } else if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === holder) {
    if (parent.getName() === CLIENT_CLASS) ctx.edits.add(parent.getNameNode().getStart(), parent.getNameNode().getEnd(), SCALEKIT_CLASS);
    else if (!ctx.edits.touches(parent.getStart(), parent.getEnd())) {
      ctx.reportAt(ruleForExport(parent.getName()), parent, `(${parent.getName()})`);
      return;
    }
  }
  ctx.edits.add(literal.getStart(), literal.getEnd(), `${quote}${SCALEKIT_SDK}${quote}`);
}

function removeBindingElement(element: Node, ctx: SourceFileContext): void {
  const text = ctx.text;
  const after = /^\s*,\s*/.exec(text.slice(element.getEnd()));
  if (after) ctx.edits.add(element.getStart(), element.getEnd() + after[0].length, '');
  else {
    const before = /,\s*$/.exec(text.slice(0, element.getStart()));
    ctx.edits.add(before ? element.getStart() - before[0].length : element.getStart(), element.getEnd(), '');
  }
}

/** Every identifier of the file bound to the same symbol as `name`, the declaration itself left out. */
function references(name: Identifier, file: SourceFile): Identifier[] {
  const symbol = symbolOf(name);
  if (!symbol) return [];
  return identifiersNamed(file, name.getText()).filter((id) => id !== name && !isPropertyName(id) && isBoundTo(id, symbol));
}

function isPropertyName(id: Identifier): boolean {
  const parent = id.getParent();
  return (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id) || (Node.isPropertyAssignment(parent) && parent.getNameNode() === id);
}

/** References that no earlier transform rewrote: the ones that still need the Composio name. */
function liveReferences(name: Node, file: SourceFile, ctx: SourceFileContext): Identifier[] {
  if (!Node.isIdentifier(name)) return [];
  return references(name, file).filter((ref) => !ctx.edits.touches(ref.getStart(), ref.getEnd()));
}

/** `Composio` → `ScalekitClient` at every use; `Composio<P>` loses its type argument (ScalekitClient has none). */
function renameReferences(name: Node, file: SourceFile, ctx: SourceFileContext): void {
  if (!Node.isIdentifier(name)) return;
  for (const reference of references(name, file)) {
    const parent = reference.getParent();
    if (Node.isShorthandPropertyAssignment(parent)) {
      if (!ctx.edits.touches(parent.getStart(), parent.getEnd())) ctx.edits.add(parent.getStart(), parent.getEnd(), `${reference.getText()}: ${SCALEKIT_CLASS}`);
      continue;
    }
    const target = Node.isTypeReference(parent) && parent.getTypeArguments().length > 0 ? parent : reference;
    if (ctx.edits.touches(target.getStart(), target.getEnd())) continue;
    ctx.edits.add(target.getStart(), target.getEnd(), SCALEKIT_CLASS);
  }
}

/**
 * export { Composio }             → export { ScalekitClient as Composio }   (the name its importers use)
 * export { Composio as Client }   → export { ScalekitClient as Client }
 * Reported: the files importing the class from this module are not migrated for it.
 */
function exportedClass(local: string, renamed: boolean, file: SourceFile, ctx: SourceFileContext): void {
  for (const declaration of file.getExportDeclarations()) {
    if (declaration.getModuleSpecifier()) continue;
    for (const specifier of declaration.getNamedExports()) {
      if (specifier.getNameNode().getText() !== local) continue;
      const exported = specifier.getAliasNode()?.getText() ?? local;
      if (renamed && !ctx.edits.touches(specifier.getStart(), specifier.getEnd())) {
        const type = specifier.isTypeOnly() ? 'type ' : '';
        ctx.edits.add(specifier.getStart(), specifier.getEnd(), exported === SCALEKIT_CLASS ? `${type}${SCALEKIT_CLASS}` : `${type}${SCALEKIT_CLASS} as ${exported}`);
      }
      ctx.reportAt('client-class-exported', specifier, `(${exported})`);
    }
  }
}

function ruleForExport(name: string): string {
  if (providerRule(name)) return 'provider-package';
  if (/Error$/.test(name)) return 'composio-error-class';
  return 'composio-export-unmapped';
}

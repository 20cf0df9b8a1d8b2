import { Node, type ImportDeclaration, type ImportSpecifier, type SourceFile } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { CLIENT_CLASS, SCALEKIT_SDK, declarationsOf, unwrap, type ComposioBindings } from './composio-bindings.js';

export const SCALEKIT_CLASS = 'ScalekitClient';

/** An import of the Scalekit class under `local` in a file: written by the migration or already there. */
export interface ScalekitImportClaim {
  local: string;
  /** Turns false when a later value import of the same name is merged into this one. */
  typeOnly: boolean;
  /** For an import already in the file: drops its `type`. */
  makeValue?: () => void;
}

/**
 * What a migrated import of the Scalekit class is: `type` (`import type { Composio }`), `value`, or `binding`
 * (a `require` or `await import` that may stand in a function scope of its own).
 */
export type ScalekitImportKind = 'type' | 'value' | 'binding';

/**
 * The claim for an import of the Scalekit class under `local`, or undefined when one is already there: a file
 * importing both `@composio/core` and legacy `composio-core`, or `ScalekitClient` already, or the client class
 * type-only and as a value (`import type { Composio as ScalekitClient }` then `import { Composio }`), may declare
 * the name once (TS2300, a SyntaxError in ESM). A value import after a type-only one makes that one a value import
 * (the writers read `typeOnly` when the edits are applied); a type-only import never stands in for a value one.
 */
export function claimScalekitImport(file: SourceFile, ctx: SourceFileContext, local: string, kind: ScalekitImportKind): ScalekitImportClaim | undefined {
  const claims = importClaims(file, ctx);
  const earlier = claims.get(local);
  if (earlier && (kind === 'type' || !earlier.typeOnly)) return undefined;
  if (earlier && kind === 'value') {
    earlier.typeOnly = false;
    earlier.makeValue?.();
    return undefined;
  }
  // none yet, or a binding after a type-only import (legal in a scope of its own)
  const claim: ScalekitImportClaim = { local, typeOnly: kind === 'type' };
  claims.set(local, claim);
  return claim;
}

/** `import { type ScalekitClient as C, ScalekitClient } from '@scalekit-sdk/node'`, `type` where a claim is still type-only. */
export function scalekitImportText(specifiers: Array<{ claim: ScalekitImportClaim; text: string }>, declarationTypeOnly: boolean, quote: string, semi: string): string {
  const allTypes = declarationTypeOnly && specifiers.every(({ claim }) => claim.typeOnly);
  const names = specifiers.map(({ claim, text }) => (!allTypes && claim.typeOnly ? `type ${text}` : text));
  return `import ${allTypes ? 'type ' : ''}{ ${names.join(', ')} } from ${quote}${SCALEKIT_SDK}${quote}${semi}`;
}

/** The file's claims, first those of its own `@scalekit-sdk/node` imports of the class. */
function importClaims(file: SourceFile, ctx: SourceFileContext): Map<string, ScalekitImportClaim> {
  let claims = ctx.state.get('scalekit-class-imports') as Map<string, ScalekitImportClaim> | undefined;
  if (claims) return claims;
  claims = new Map();
  ctx.state.set('scalekit-class-imports', claims);
  for (const declaration of file.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== SCALEKIT_SDK) continue;
    for (const specifier of declaration.getNamedImports()) {
      if (specifier.getNameNode().getText() !== SCALEKIT_CLASS) continue;
      const local = specifier.getAliasNode()?.getText() ?? SCALEKIT_CLASS;
      const typeOnly = declaration.isTypeOnly() || specifier.isTypeOnly();
      claims.set(local, { local, typeOnly, makeValue: typeOnly ? () => dropTypeModifier(declaration, specifier, ctx) : undefined });
    }
  }
  return claims;
}

/** `import type { ScalekitClient, X }` → `import { ScalekitClient, type X }`; `import { type ScalekitClient }` → `import { ScalekitClient }`. */
function dropTypeModifier(declaration: ImportDeclaration, specifier: ImportSpecifier, ctx: SourceFileContext): void {
  if (specifier.isTypeOnly()) {
    ctx.edits.add(specifier.getStart(), specifier.getNameNode().getStart(), '');
    return;
  }
  const clause = declaration.getImportClause();
  const bindings = clause?.getNamedBindings();
  if (!clause || !bindings) return;
  ctx.edits.add(clause.getStart(), bindings.getStart(), '');
  for (const other of declaration.getNamedImports()) if (other !== specifier) ctx.edits.add(other.getStart(), other.getStart(), 'type ');
}

/**
 * How a reference to the Composio class reads once migrated: an aliased import keeps its
 * local name (`import { ScalekitClient as C }`), a plain one becomes `ScalekitClient`, and
 * `sdk.Composio` becomes `sdk.ScalekitClient`.
 */
export function scalekitClassText(reference: Node, bindings: ComposioBindings): string {
  const node = unwrap(reference);
  if (Node.isIdentifier(node)) {
    // imported from a local module that exports the class again: that module now exports ScalekitClient under this name
    if (declarationsOf(node).some((d) => bindings.importedKind(d)?.kind === 'class')) return node.getText();
    const declaration = declarationsOf(node).find((d) => bindings.declaresCoreExport(d, CLIENT_CLASS));
    const aliased =
      (declaration && Node.isImportSpecifier(declaration) && declaration.getAliasNode() !== undefined) ||
      (declaration && Node.isBindingElement(declaration) && declaration.getPropertyNameNode() !== undefined);
    return aliased ? node.getText() : SCALEKIT_CLASS;
  }
  if (Node.isPropertyAccessExpression(node)) return `${node.getExpression().getText()}.${SCALEKIT_CLASS}`;
  if (Node.isQualifiedName(node)) return `${node.getLeft().getText()}.${SCALEKIT_CLASS}`;
  return SCALEKIT_CLASS;
}

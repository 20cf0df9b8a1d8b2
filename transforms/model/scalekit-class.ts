import { Node } from '../../src/ts-morph.js';
import { CLIENT_CLASS, declarationsOf, unwrap, type ComposioBindings } from './composio-bindings.js';

export const SCALEKIT_CLASS = 'ScalekitClient';

/**
 * Whether an import of the Scalekit class under `local` is still to be written in this file: a file
 * importing both `@composio/core` and legacy `composio-core` migrates both imports, and the name may be
 * declared once (TS2300, a SyntaxError in ESM). A type-only import does not stand in for a value one.
 */
export function claimScalekitImport(state: Map<string, unknown>, local: string, typeOnly: boolean): boolean {
  const written = (state.get('scalekit-class-imports') as Map<string, boolean> | undefined) ?? new Map<string, boolean>();
  state.set('scalekit-class-imports', written);
  const earlierTypeOnly = written.get(local);
  if (earlierTypeOnly === false || (earlierTypeOnly === true && typeOnly)) return false;
  written.set(local, typeOnly);
  return true;
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

import { Node } from '../src/ts-morph.js';
import type { SourceTransform } from '../src/migration.js';
import { bindingsFor } from './model/analyze-exports.js';
import { wrap } from './model/identifiers.js';

/**
 * declare global { var __composio: Composio | undefined }   → kept (its type migrated), with a TODO and a finding
 * declare module 'fastify' { interface FastifyInstance { composio: Composio } }, Express' Locals: the same
 * c.set('composio', new Composio())                          → kept, with a TODO and a finding
 *
 * A client held in a global, a property added to a framework's type, or stored in a request context under a key,
 * is read in other files (globalThis.__composio, req.app.locals.composio, c.get('composio')) with no import: nothing leads the migration
 * there, so those calls would stay Composio's, silently. The reads in the storing file are followed (bindings).
 */
const transform: SourceTransform = {
  id: 'client-in-global',
  description: "a client declared as a global (declare global { var __composio: Composio }) or stored in a request context (c.set('composio', client)) → finding + TODO",
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    for (const { call, key } of bindings.storedClients()) ctx.reportAt('client-in-context', wrap(file, call), `('${key}')`);
    for (const property of bindings.augmentedClientProperties()) {
      const owner = property.getParent();
      ctx.reportAt('client-in-global', property, `(${Node.isInterfaceDeclaration(owner) ? `${owner.getName()}.` : ''}${property.getName()})`);
    }
    for (const declaration of bindings.globalClientDeclarations()) ctx.reportAt('client-in-global', wrap(file, declaration), `(${declaration.name.getText()})`);
  },
};

export default transform;

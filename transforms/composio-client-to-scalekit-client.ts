import { Node, SyntaxKind, VariableDeclarationKind, type SourceFile } from '../src/ts-morph.js';
import type { SourceFileContext, SourceTransform } from '../src/migration.js';
import { propertyName } from '../src/primitives/object-literal.js';
import { bindingsFor } from './model/analyze-exports.js';
import { declarationsOf, unwrap } from './model/composio-bindings.js';
import { descendantsOfKind } from './model/identifiers.js';
import { declarationNodes, valueSymbolOf } from './model/scopes.js';
import { lineIndent, quoted, styleFor } from './model/code-style.js';
import { scalekitClassText } from './model/scalekit-class.js';
import { adapterFor } from './model/framework-adapters.js';

const ENV = ['SCALEKIT_ENV_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'];
const VERSION_OPTIONS = new Set(['toolkitVersions', 'disableVersionCheck']);

/**
 * new Composio({ apiKey, provider })
 *   → new ScalekitClient(process.env['SCALEKIT_ENV_URL'] ?? '', process.env['SCALEKIT_CLIENT_ID'] ?? '', process.env['SCALEKIT_CLIENT_SECRET'] ?? '')
 *
 * Options with no Scalekit equivalent are reported where they stand; a hard-coded key is
 * reported with its value redacted, and never copied.
 */
const transform: SourceTransform = {
  id: 'composio-client-to-scalekit-client',
  description: 'new Composio({...}) → new ScalekitClient(env URL, client id, client secret)',
  apply(file, ctx) {
    const bindings = bindingsFor(file, ctx);
    if (!bindings.usesCore() && !bindings.importsLocalClientClass()) return;
    for (const expression of descendantsOfKind(file, SyntaxKind.NewExpression)) {
      if (!bindings.isClientClass(expression.getExpression())) continue;
      const config = expression.getArguments()[0];
      // the options vanish with the call, so they are reported without a TODO comment
      if (config && Node.isObjectLiteralExpression(config)) {
        for (const property of config.getProperties()) {
          const name = propertyName(property);
          if (name === 'apiKey') {
            const value = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
            if (value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) && value.getLiteralValue() !== '') {
              ctx.report('hardcoded-api-key', property.getStart());
            }
            // `apiKey: COMPOSIO_API_KEY` with `const COMPOSIO_API_KEY = 'ak_...'`: the key stays in that constant
            const held = value && Node.isIdentifier(value) ? constantHolding(value) : undefined;
            if (held) ctx.reportAt('hardcoded-api-key-constant', held, `(${value!.getText()})`);
            // `apiKey: env.COMPOSIO_API_KEY` (a Worker's bindings), `config.get('COMPOSIO_API_KEY')`: the new client reads process.env instead
            const elsewhere = Node.isShorthandPropertyAssignment(property)
              ? constKeySource(declarationNodes(file, valueSymbolOf(property)), 0)
              : value && keySourceElsewhere(value);
            if (elsewhere) ctx.reportAt('client-credentials-source', expression, `(apiKey: ${elsewhere.getText()})`);
          } else if (name === 'provider') {
            const adapter = adapterFor(ctx);
            if (adapter) ctx.report('provider-adapter', property.getStart(), `(${adapter.provider} → ${adapter.module}.ts)`);
            else ctx.report('provider-package', property.getStart(), providerAdvice(property, ctx));
          } else if (name !== undefined && VERSION_OPTIONS.has(name)) {
            ctx.report('version-pinning', property.getStart());
          } else if (name === 'baseURL') {
            ctx.report('client-option-dropped', property.getStart(), '(baseURL: the Scalekit environment URL comes from SCALEKIT_ENV_URL)');
          } else {
            ctx.report('client-option-dropped', property.getStart(), name ? `(${name})` : undefined);
          }
        }
      } else if (config) {
        ctx.reportAt('client-config-dropped', config);
      }
      ctx.edits.add(expression.getStart(), expression.getEnd(), scalekitConstructionText(expression, scalekitClassText(expression.getExpression(), bindings), file, ctx));
      ctx.reportAt('client-constructed', expression);
    }
  },
};

export default transform;

/**
 * `new <className>(process.env['SCALEKIT_ENV_URL'] ?? '', ...)` in the file's quotes; a construction
 * written over several lines keeps one argument a line.
 */
export function scalekitConstructionText(expression: Node, className: string, file: SourceFile, ctx: SourceFileContext): string {
  const style = styleFor(file, ctx.state);
  const env = ENV.map((name) => (ctx.typed ? `process.env[${quoted(name, style)}] ?? ''` : `process.env.${name}`).replace("''", style.quote + style.quote));
  if (expression.getText().includes('\n')) {
    const indent = lineIndent(expression);
    const inner = indent + style.indent;
    return `new ${className}(${style.eol}${env.map((e) => `${inner}${e},`).join(style.eol)}${style.eol}${indent})`;
  }
  return `new ${className}(${env.join(', ')})`;
}

/** What to do for the provider this option builds, where the tables say (`provider: new MastraProvider()`). */
function providerAdvice(property: Node, ctx: SourceFileContext): string | undefined {
  const value = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  const name = value && Node.isNewExpression(value) ? value.getExpression().getText().split('.').pop() : undefined;
  return name ? ctx.mappings.providerAdvice[name] : undefined;
}

/**
 * Where the key is read, when not from process.env: a member of another object or a call (`env.COMPOSIO_API_KEY`,
 * `c.env.X`, `import.meta.env.X`, `config.get('X')`), directly or through a `const` of this file. A parameter or
 * an import is not followed (what it holds is not known here).
 */
function keySourceElsewhere(value: Node, depth = 0): Node | undefined {
  const node = unwrap(value);
  if (Node.isBinaryExpression(node)) {
    const operator = node.compilerNode.operatorToken.kind;
    return operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken ? keySourceElsewhere(node.getLeft(), depth) : undefined;
  }
  if (Node.isIdentifier(node)) return constKeySource(declarationsOf(node), depth);
  if (!(Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node) || Node.isCallExpression(node))) return undefined;
  return /^process\s*\.\s*env\b/.test(node.getText()) ? undefined : node;
}

/** keySourceElsewhere of what a `const` of this file holds (`const apiKey = config.get('COMPOSIO_API_KEY')`). */
function constKeySource(declarations: Node[], depth: number): Node | undefined {
  if (depth > 2) return undefined;
  for (const declaration of declarations) {
    if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) continue;
    const init = declaration.getInitializer();
    if (init) return keySourceElsewhere(init, depth + 1);
  }
  return undefined;
}

/** The non-empty string literal a `const` holds, when the name reads one declared in this file. */
function constantHolding(name: Node): Node | undefined {
  for (const declaration of declarationsOf(name)) {
    if (!Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const) continue;
    const init = declaration.getInitializer();
    if (init && (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init)) && init.getLiteralValue() !== '') return init;
  }
  return undefined;
}

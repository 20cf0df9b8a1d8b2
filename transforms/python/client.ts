import type { PyNode } from '../../src/python/parser.js';
import { pythonAdapterFor } from './framework-adapters.js';
import { importedNames, PyFile } from './model.js';

const ENV = ['SCALEKIT_ENV_URL', 'SCALEKIT_CLIENT_ID', 'SCALEKIT_CLIENT_SECRET'];
const KEYWORDS = ['env_url', 'client_id', 'client_secret'];

/**
 * from composio import Composio                     → from scalekit import ScalekitClient
 * composio = Composio(api_key=..., provider=...)     → composio = ScalekitClient(env_url=os.environ["SCALEKIT_ENV_URL"], ...)
 *
 * The options go (each reported; a provider with a TODO: its tools need rebuilding), `import os`
 * is added when the file lacks it.
 */
export function migrateClient(py: PyFile): void {
  for (const call of py.all('call')) {
    if (!py.isComposioConstruction(call)) continue;
    const args = py.argumentsOf(call);
    for (const [name, value] of args?.keywords ?? []) {
      if (name === 'api_key' && py.stringValue(value)) py.ctx.report('py-hardcoded-api-key', value.startIndex);
      else if (name === 'provider' && /^LangchainProvider\b/.test(value.text)) py.ctx.report('py-client-option-dropped', value.startIndex, '(provider: tools.get becomes client.actions.langchain.get_tools, Scalekit\'s own LangChain tools)');
      else if (name === 'provider' && pythonAdapterFor(py)) py.ctx.report('py-client-option-dropped', value.startIndex, `(provider: tools.get, session.tools() and provider.handle_tool_calls, here and in the modules importing the client, go through a ${pythonAdapterFor(py)!.module}.py generated beside each file calling them)`);
      else if (name === 'provider') py.reportAt('py-provider-dropped', value, `(${value.text.replace(/\(.*$/s, '')})`);
      else if (name !== 'api_key') py.ctx.report('py-client-option-dropped', value.startIndex, `(${name})`);
    }
    writeScalekitConstruction(py, call);
  }
  // `def run(client: Composio)`: the class name left elsewhere (annotations) is Scalekit's
  const local = new Set(py.importedFromComposio('Composio'));
  for (const identifier of py.all('identifier')) {
    if (!local.has(identifier.text) || identifier.parent?.type === 'dotted_name' || identifier.parent?.type === 'aliased_import') continue;
    py.ctx.edits.add(identifier.startIndex, identifier.endIndex, 'ScalekitClient');
  }
  // a forward reference in quotes (`client: "Composio"`), as a parameter's annotation
  for (const type of py.all('type')) {
    const literal = type.namedChildren[0];
    if (literal?.type !== 'string' || !local.has(py.stringValue(literal) ?? '') || py.touched(literal)) continue;
    py.ctx.edits.add(literal.startIndex, literal.endIndex, py.requote(literal, 'ScalekitClient'));
  }
  for (const statement of py.all('import_from_statement')) {
    if (statement.childForFieldName('module_name')?.text !== 'composio') continue;
    const names = importedNames(statement);
    const kept = names.filter((n) => (n.type === 'aliased_import' ? n.childForFieldName('name')!.text : n.text) !== 'Composio');
    if (kept.length === names.length) continue;
    if (kept.length === 0) {
      // `from composio import Composio` becomes Scalekit's import, which the legacy toolsets' migration then needs not add
      py.ctx.edits.add(statement.startIndex, statement.endIndex, SCALEKIT_IMPORT);
      py.importWritten(SCALEKIT_IMPORT);
    } else {
      // `from composio import ComposioToolSet, App, Composio, Action`: Scalekit's import goes above it (once, whoever asks
      // first); the names no longer used once every transform ran go then, with Composio (provider-imports.ts)
      py.addImport(SCALEKIT_IMPORT, statement);
    }
  }
}

/**
 * Replaces a construction (`Composio(...)`, the legacy `ComposioToolSet(...)`) by ScalekitClient built
 * from the SCALEKIT_* variables, on one line or one argument a line as the original was; adds `import os`.
 */
const SCALEKIT_IMPORT = 'from scalekit import ScalekitClient';

export function writeScalekitConstruction(py: PyFile, call: PyNode, detail?: string): void {
  const env = ENV.map((name, i) => `${KEYWORDS[i]}=os.environ[${py.quote(name)}]`);
  const multiline = call.text.includes('\n');
  const indent = py.indentOf(call);
  const text = multiline
    ? `ScalekitClient(${py.eol}${env.map((e) => `${indent}    ${e},`).join(py.eol)}${py.eol}${indent})`
    : `ScalekitClient(${env.join(', ')})`;
  py.replace(call, text);
  py.ctx.report('py-client-constructed', call.startIndex, detail);
  py.addImport('import os');
}

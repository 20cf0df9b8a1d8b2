import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageDir } from '../../src/mappings/load.js';
import { ComposioProjectState } from '../model/project-state.js';
import { PyFile } from './model.js';

/**
 * Python's counterpart of transforms/model/framework-adapters.ts: where this file's client is built with
 * a provider the tool has an adapter for, the provider's calls go through a generated module, one per
 * framework, beside the file (templates/scalekit_<framework>_tools.py), which the user owns.
 *
 *   composio = Composio(provider=OpenAIProvider())
 *   composio.tools.get(user_id=uid, toolkits=["GITHUB"])            → scalekit_openai_tools(composio, uid, connection_names=["github"])
 *   composio.provider.handle_tool_calls(user_id=uid, response=r)   → handle_scalekit_tool_calls(composio, uid, r)
 *
 * LangChain needs none: scalekit-sdk-python has client.actions.langchain.get_tools (see tools-get.ts).
 */
export interface PythonAdapter {
  provider: string;
  module: string;
  tools: string;
  /** Provider helper → adapter function, and the helper's argument names after user_id, in order. */
  helpers: Record<string, { name: string; arguments: string[] }>;
  /** The legacy SDK's plugin modules whose ComposioToolSet made this framework's tools. */
  legacyModules: string[];
}

export const PYTHON_ADAPTERS: PythonAdapter[] = [
  {
    provider: 'OpenAIProvider',
    module: 'scalekit_openai_tools',
    tools: 'scalekit_openai_tools',
    helpers: {
      handle_tool_calls: { name: 'handle_scalekit_tool_calls', arguments: ['response'] },
      execute_tool_call: { name: 'execute_scalekit_tool_call', arguments: ['tool_call'] },
    },
    legacyModules: ['composio_openai'],
  },
  {
    provider: 'AnthropicProvider',
    module: 'scalekit_anthropic_tools',
    tools: 'scalekit_anthropic_tools',
    helpers: {
      handle_tool_calls: { name: 'handle_scalekit_tool_uses', arguments: ['response'] },
      execute_tool_call: { name: 'execute_scalekit_tool_use', arguments: ['tool_call'] },
    },
    legacyModules: ['composio_claude', 'composio_anthropic'],
  },
];

const TEMPLATES = findPackageDir(path.dirname(fileURLToPath(import.meta.url)), 'templates');

/** The adapter for the provider this file's client is built with (`Composio(provider=OpenAIProvider())`), or imported with, if there is one. */
export function pythonAdapterFor(py: PyFile): PythonAdapter | undefined {
  const name = pythonProviderOf(py);
  return name === undefined ? undefined : PYTHON_ADAPTERS.find((a) => a.provider === name);
}

/**
 * The provider class of this file's client: that of its first `Composio(provider=...)` (`OpenAIProvider`; without
 * a provider, Composio's default: OpenAIProvider, whose adapter needs no package but scalekit), or, when the file
 * builds none, that of the client it imports from another module of the run (imported-clients.ts records it).
 */
export function pythonProviderOf(py: PyFile): string | undefined {
  for (const call of py.all('call')) {
    if (!py.isComposioConstruction(call)) continue;
    const args = py.argumentsOf(call);
    if (args && !args.keywords.has('provider') && !/\*\*/.test(call.childForFieldName('arguments')?.text ?? '')) return 'OpenAIProvider';
    const provider = args?.keywords.get('provider');
    return provider?.type === 'call' ? provider.childForFieldName('function')?.text.split('.').pop() : undefined;
  }
  return py.ctx.project instanceof ComposioProjectState ? py.ctx.project.pythonProviders.get(py.ctx.path) : undefined;
}

/** Asks for the adapter module beside this file (created once, never overwritten) and imports `name` from it, once per file. */
export function usePythonAdapter(py: PyFile, adapter: PythonAdapter, name: string): void {
  useModuleBeside(py, adapter.module, () => readFileSync(path.join(TEMPLATES, `${adapter.module}.py`), 'utf8'), name);
}

/** Asks for a generated module beside this file (created once, never overwritten) and imports `name` from it, once per file. */
export function useModuleBeside(py: PyFile, module: string, text: () => string, name: string): void {
  const key = `module:${module}`;
  const names = py.state.get(key) as Set<string> | undefined;
  if (names) {
    names.add(name);
    return;
  }
  const wanted = new Set([name]);
  py.state.set(key, wanted);
  const dir = path.dirname(py.ctx.path);
  py.ctx.createFile(path.join(dir, `${module}.py`), text());
  // inside a package, the module is imported relative to it; a script's folder is on sys.path
  const from = existsSync(path.join(dir, '__init__.py')) ? `.${module}` : module;
  py.addImport(() => `from ${from} import ${[...wanted].sort().join(', ')}`);
}

/** composio.provider.handle_tool_calls(user_id=uid, response=r) → handle_scalekit_tool_calls(composio, uid, r); modifiers keep the call as it was (reported). */
export function migrateProviderHelpers(py: PyFile): void {
  const adapter = pythonAdapterFor(py);
  if (!adapter) return;
  for (const { call, client, path: member } of py.clientCalls()) {
    const helper = member.length === 2 && member[0] === 'provider' ? adapter.helpers[member[1]!] : undefined;
    const args = helper ? py.argumentsOf(call) : undefined;
    if (!helper || !args || py.rewritten(call)) continue;
    const names = ['user_id', ...helper.arguments];
    const values = names.map((name, i) => args.keywords.get(name) ?? args.positional[i]);
    const known = new Set(names);
    if (values.some((v) => v === undefined) || [...args.keywords.keys()].some((k) => !known.has(k)) || args.positional.length + args.keywords.size !== names.length) continue;
    py.replace(call, `${helper.name}(${py.source(client)}, ${values.map((v) => py.source(v!)).join(', ')})`);
    usePythonAdapter(py, adapter, helper.name);
    py.ctx.report('py-framework-adapter', call.startIndex, `(${adapter.module}.py: ${helper.name})`);
  }
}

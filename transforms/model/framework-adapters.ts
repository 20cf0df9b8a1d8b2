import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../../src/ts-morph.js';
import type { SourceFileContext } from '../../src/migration.js';
import { findPackageDir } from '../../src/mappings/load.js';
import { styleFor } from './code-style.js';
import { generatedModulePath, importSpecifier, insertionPoint, isCommonJs, javascriptSpecifier, renderImport, renderRequire } from './name-expressions.js';
import { stripTypes, toCommonJs } from './strip-types.js';
import { LEGACY_TOOLSET_PROVIDERS, type ComposioProjectState } from './project-state.js';

/**
 * Scalekit has no provider packages: listScopedTools returns tool definitions, and nothing runs
 * a model's tool calls. For the frameworks below the migration writes the glue into the user's
 * project, one module per framework (it imports that framework's package and nothing else), from
 * the files in `templates/`, which the test suite type-checks against the real packages:
 *
 *   composio.tools.get(userId, { toolkits: ['GITHUB'] })      (client built with VercelProvider)
 *     → scalekitVercelTools(composio, userId, { filter: { connectionNames: ['github'] } })
 *   composio.provider.handleToolCalls(userId, completion)     (OpenAIProvider, Composio's default)
 *     → handleScalekitToolCalls(composio, userId, completion)
 */
export interface FrameworkAdapter {
  /** The Composio provider class whose output the adapter reproduces. */
  provider: string;
  /** The generated module's name, and the template it is written from (`templates/<module>.ts`). */
  module: string;
  /** What `composio.tools.get(...)` becomes. */
  tools: string;
  /** What each provider helper (`composio.provider.handleToolCalls(...)`) becomes. */
  helpers: Record<string, string>;
  /** The framework's npm package, which the generated module imports. */
  framework: string;
}

export const ADAPTERS: FrameworkAdapter[] = [
  { provider: 'VercelProvider', module: 'scalekit-vercel-tools', tools: 'scalekitVercelTools', helpers: {}, framework: 'ai' },
  {
    provider: 'OpenAIProvider',
    module: 'scalekit-openai-tools',
    tools: 'scalekitOpenAITools',
    helpers: { handleToolCalls: 'handleScalekitToolCalls', executeToolCall: 'executeScalekitToolCall' },
    framework: 'openai',
  },
  {
    provider: 'AnthropicProvider',
    module: 'scalekit-anthropic-tools',
    tools: 'scalekitAnthropicTools',
    helpers: { handleToolCalls: 'handleScalekitToolUses', executeToolCall: 'executeScalekitToolUse' },
    framework: '@anthropic-ai/sdk',
  },
  {
    provider: 'OpenAIResponsesProvider',
    module: 'scalekit-openai-responses-tools',
    tools: 'scalekitResponsesTools',
    helpers: { handleToolCalls: 'handleScalekitFunctionCalls', handleResponse: 'handleScalekitResponse', executeToolCall: 'executeScalekitFunctionCall' },
    framework: 'openai',
  },
  { provider: 'LangchainProvider', module: 'scalekit-langchain-tools', tools: 'scalekitLangchainTools', helpers: {}, framework: '@langchain/core' },
];

const TEMPLATES = findPackageDir(path.dirname(fileURLToPath(import.meta.url)), 'templates');

/**
 * The adapter for the provider every client of the run was built with; none when the provider is
 * unknown or has none.
 * The generated module imports the framework's package, so the project must depend on it: a
 * provider the code names is taken unless the nearest package.json leaves the package out;
 * Composio's default (no provider passed: OpenAI, whose package came with @composio/core) only
 * when the package.json lists `openai` itself.
 */
export function adapterFor(ctx: SourceFileContext): FrameworkAdapter | undefined {
  return adapterForProvider(ctx, (ctx.project as ComposioProjectState).clientProvider(ctx.path));
}


/**
 * The adapter for a legacy toolset class (`new VercelAIToolSet()` → the Vercel adapter), under the same conditions;
 * without one (the toolset is built in another module), the class every toolset of the run is built with.
 */
export function adapterForToolset(ctx: SourceFileContext, toolsetClass: string | undefined): FrameworkAdapter | undefined {
  const provider = toolsetClass !== undefined ? LEGACY_TOOLSET_PROVIDERS[toolsetClass] : (ctx.project as ComposioProjectState).legacy.clientProvider(ctx.path)?.name;
  return provider ? adapterForProvider(ctx, { name: provider, explicit: true }) : undefined;
}

function adapterForProvider(ctx: SourceFileContext, provider: { name: string; explicit: boolean } | undefined): FrameworkAdapter | undefined {
  const adapter = ADAPTERS.find((a) => a.provider === provider?.name);
  if (!adapter || !provider) return undefined;
  const listed = dependencyRange(ctx.path, adapter.framework);
  return listed !== undefined || (provider.explicit && !hasManifest(ctx.path)) ? adapter : undefined;
}

/** Asks for the adapter module (created once per run, never overwritten) and imports `name` from it, once per file. */
export function useAdapter(file: SourceFile, ctx: SourceFileContext, adapter: FrameworkAdapter, name: string): void {
  const key = `adapter-import:${adapter.module}`;
  const names = ctx.state.get(key) as Set<string> | undefined;
  if (names) {
    names.add(name);
    return;
  }
  const wanted = new Set([name]);
  ctx.state.set(key, wanted);
  const language: AdapterLanguage = ctx.typed ? 'typescript' : isCommonJs(file, ctx) ? 'commonjs' : 'esm';
  const typescriptModule = ctx.mappings.adapterDir ? path.join(ctx.mappings.adapterDir, `${adapter.module}.ts`) : generatedModulePath(ctx, adapter.module);
  const module = typescriptModule.replace(/\.ts$/, EXTENSIONS[language]);
  ctx.createFile(module, adapterModuleText(adapter, ctx.path, language));
  const specifier = language === 'typescript' ? importSpecifier(ctx, module, file) : javascriptSpecifier(ctx, module);
  const position = insertionPoint(file);
  const style = styleFor(file, ctx.state);
  // rendered when the edits are applied, so that every name asked for by later call sites is in the one import
  const render = language === 'commonjs' ? renderRequire : renderImport;
  ctx.edits.add(position, position, () => render([...wanted].sort(), specifier, style, position === 0));
}

/** The adapters are TypeScript; a JavaScript file gets the same module compiled, as an ES module or CommonJS. */
export type AdapterLanguage = 'typescript' | 'esm' | 'commonjs';

const EXTENSIONS: Record<AdapterLanguage, string> = { typescript: '.ts', esm: '.mjs', commonjs: '.cjs' };

/**
 * The generated module in the file's language: the template itself for TypeScript; for JavaScript, the
 * template with its types taken out in place, its imports and exports turned into require and
 * module.exports for CommonJS.
 */
export function adapterModuleText(adapter: FrameworkAdapter, forFile: string, language: AdapterLanguage): string {
  const text = adapterText(adapter, forFile);
  if (language === 'typescript') return text;
  const javascript = stripTypes(text);
  return language === 'esm' ? javascript : toCommonJs(javascript, `the ${adapter.module} template`);
}

/**
 * The template's text; for the Vercel AI SDK before v5 (the `ai` version in the nearest
 * package.json), `tool()` takes `parameters` where v5 and later take `inputSchema`.
 */
export function adapterText(adapter: FrameworkAdapter, forFile: string): string {
  const text = readFileSync(path.join(TEMPLATES, `${adapter.module}.ts`), 'utf8');
  if (adapter.provider === 'VercelProvider' && (dependencyMajor(forFile, 'ai') ?? 5) < 5) return text.replace('inputSchema: jsonSchema', 'parameters: jsonSchema');
  return text;
}

/** The major version the nearest package.json asks for (`^4.3.0` → 4). */
function dependencyMajor(file: string, name: string): number | undefined {
  const major = /(\d+)/.exec(dependencyRange(file, name) ?? '')?.[1];
  return major ? Number(major) : undefined;
}

/** The version range the nearest package.json gives a package (dependencies, dev or peer), if it lists it. */
function dependencyRange(file: string, name: string): string | undefined {
  const manifest = nearestManifest(file);
  if (!manifest) return undefined;
  const json = readManifest(manifest);
  return json?.['dependencies']?.[name] ?? json?.['devDependencies']?.[name] ?? json?.['peerDependencies']?.[name];
}

const manifestTexts = new Map<string, Record<string, Record<string, string> | undefined> | undefined>();

function readManifest(manifest: string): Record<string, Record<string, string> | undefined> | undefined {
  if (!manifestTexts.has(manifest)) {
    try {
      manifestTexts.set(manifest, JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>);
    } catch {
      // an unreadable package.json says nothing; the package.json transform reports it
      manifestTexts.set(manifest, undefined);
    }
  }
  return manifestTexts.get(manifest);
}

function hasManifest(file: string): boolean {
  return nearestManifest(file) !== undefined;
}

/** Folder → its nearest package.json (asked once per folder: every file of a folder asks the same). */
const manifests = new Map<string, string | undefined>();

function nearestManifest(file: string): string | undefined {
  const dir = path.dirname(file);
  if (manifests.has(dir)) return manifests.get(dir);
  const manifest = path.join(dir, 'package.json');
  const found = existsSync(manifest) ? manifest : path.dirname(dir) === dir ? undefined : nearestManifest(dir);
  manifests.set(dir, found);
  return found;
}

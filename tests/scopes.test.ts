import { describe, expect, it } from 'vitest';
import { Node, Project, SyntaxKind, ts, type SourceFile } from 'ts-morph';
import { decidesSymbol, isBoundTo, isCertainlyAny, symbolOf, valueInScope, valueSymbolOf } from '../transforms/model/scopes.js';

// the options of src/run.ts SourceParser: one file per project, nothing resolved
const parse = (name: string, text: string): SourceFile =>
  new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ESNext },
  }).createSourceFile(name, text);

/** Every identifier's answer from the scopes, taken before any type checker exists, then the checker's. */
function compare(name: string, text: string): { decided: number; total: number } {
  const file = parse(name, text);
  const ids = file.getDescendantsOfKind(SyntaxKind.Identifier).filter((id) => !(id.compilerNode.flags & ts.NodeFlags.JSDoc));
  const decided = ids.map((id) => decidesSymbol(id));
  const ours = ids.map((id) => symbolOf(id));
  const values = ids.map((id) => (Node.isShorthandPropertyAssignment(id.getParent()) ? valueSymbolOf(id.getParentOrThrow() as never) : null));
  const inScope = ids.map((id) => valueInScope(id, id.getText()));
  const any = ids.map((id) => isCertainlyAny(id));
  ids.forEach((id, i) => {
    const where = `${name}:${id.getStartLineNumber()} ${id.getText()}`;
    // where the scopes do not decide, the answer is the checker's own (in JS files it can change as the checker merges expandos)
    if (decided[i]) expect(ours[i], where).toBe(id.getSymbol()?.compilerSymbol);
    if (values[i] !== null) expect(values[i], where).toBe((id.getParentOrThrow() as never as { getValueSymbol(): { compilerSymbol: ts.Symbol } | undefined }).getValueSymbol()?.compilerSymbol);
    expect(inScope[i], where).toBe(id.getSymbolsInScope(ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.getName() === id.getText())?.compilerSymbol);
    if (any[i]) expect(id.getType().isAny(), where).toBe(true);
    const target = decided[i] ? ours[i] : undefined;
    if (target) for (const other of ids) if (other.getText() === id.getText()) expect(isBoundTo(other, target), `${where} / ${other.getStartLineNumber()}`).toBe(other.getSymbol()?.compilerSymbol === target);
  });
  return { decided: decided.filter(Boolean).length, total: ids.length };
}

const SHADOWING = `
import { Composio } from '@composio/core';
import * as sdk from '@composio/core';
import Default from 'x';
export const composio = new Composio();
let later;
later = composio;
function hoisted() { return inner; var inner = composio; }
function params(composio: Composio, { tools, other: renamed }: any, [first] = [composio]) {
  const composio2 = composio.tools;
  { const composio = 1; composio; }
  for (const composio of [1]) composio;
  for (let i = 0; i < 1; i++) { i; }
  try { composio; } catch (composio) { composio; }
  const o = { composio, tools, renamed, first, [composio2]: 1 };
  return o.composio;
}
const named = function self() { return self; };
const C = class Inner { m() { return Inner; } };
class Service {
  private client = new Composio();
  constructor(private readonly composio: Composio, client?: Composio) { this.client = client ?? this.client; }
  get all() { return this.client.tools; }
  static make() { return this.name; }
  run() { const f = () => this.composio; return f; }
}
type Composio2 = Composio;
interface Shape { composio: Composio2 }
const shape: Shape = { composio };
export default hoisted;
export { named as renamedExport };
label: for (;;) { break label; }
const viaAny = sdk.Composio; const deeper = (await Default.get()).items;
deeper.length; viaAny.name;
`;

describe('syntactic scopes', () => {
  it('answer as the type checker does: shadowing, hoisting, parameters, catch, for, classes, exports, shorthand', () => {
    const { decided, total } = compare('/a.ts', SHADOWING);
    expect(decided / total).toBeGreaterThan(0.8);
  });

  it('answer as the type checker does in JS files (CommonJS, expandos) and scripts', () => {
    compare('/b.js', `const { Composio } = require('@composio/core');\nconst composio = new Composio();\nfunction F() { this.x = composio; }\nF.prototype.y = 1;\nF.z = F;\nmodule.exports = { composio, F };\nexports.w = composio;`);
    compare('/c.js', `import { Composio } from '@composio/core';\nexport const c = new Composio();\nvar K = class K { static m() { return K.n; } };\nK.n = 1;\nexport default K;`);
    compare('/d.ts', `var composio = 1;\nfunction f() { return composio; }\nglobalThis.composio;`);
  });

  it('leave what needs types to the checker', () => {
    compare('/e.ts', `import { X } from 'x';\nclass A { a = 1 }\nfunction g(v: A | string) { if (v instanceof A) return v.a; if (typeof v === 'string') return v.length; }\nconst x = X;\nfunction isA(v: unknown): v is A { return true; }\nif (isA(x)) x.a;\nnamespace N { export const a = 1; a; }\nenum E { A, B = A }`);
  });
});

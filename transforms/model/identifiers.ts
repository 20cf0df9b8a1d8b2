import { SyntaxKind, ts, type Identifier, type KindToNodeMappings, type Node, type SourceFile } from '../../src/ts-morph.js';

/** Compiler nodes of a file by kind, from one ts.forEachChild walk (no token / SyntaxList / wrapper creation). */
const kindIndexes = new WeakMap<SourceFile, Map<SyntaxKind, ts.Node[]>>();
const nameIndexes = new WeakMap<SourceFile, Map<string, ts.Identifier[]>>();
const wrappedNames = new WeakMap<SourceFile, Map<string, Identifier[]>>();

function kindIndex(file: SourceFile): Map<SyntaxKind, ts.Node[]> {
  let index = kindIndexes.get(file);
  if (!index) {
    const built = new Map<SyntaxKind, ts.Node[]>();
    const add = (node: ts.Node): void => {
      const list = built.get(node.kind);
      if (list) list.push(node);
      else built.set(node.kind, [node]);
    };
    // recursion (the fast walk) to a depth; below it a stack of its own, in the same document order:
    // a generated `'a' + 'b' + ...` of thousands of terms nests as deep, past what recursion would take
    let depth = 0;
    const visit = (node: ts.Node): void => {
      add(node);
      if (depth >= DEEP) return walkDeep(node, add);
      depth++;
      ts.forEachChild(node, visit);
      depth--;
    };
    ts.forEachChild(file.compilerNode, visit);
    kindIndexes.set(file, (index = built));
  }
  return index;
}

/** Nesting past which kindIndex walks with a stack of its own. */
const DEEP = 400;

/** The descendants of a node, in document order, with an explicit stack (no recursion). */
function walkDeep(root: ts.Node, add: (node: ts.Node) => void): void {
  const pending: ts.Node[] = [];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  ts.forEachChild(root, collect);
  for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  while (pending.length > 0) {
    const node = pending.pop()!;
    add(node);
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}

/** Wraps a compiler node of the file in its ts-morph node (created on demand, cached by ts-morph). */
export function wrap<T extends Node = Node>(file: SourceFile, node: ts.Node): T {
  return (file as unknown as { _getNodeFromCompilerNode(n: ts.Node): T })._getNodeFromCompilerNode(node);
}

/** The compiler nodes of a kind in the file, in document order. */
export function compilerNodesOfKind(file: SourceFile, kind: SyntaxKind): ts.Node[] {
  return kindIndex(file).get(kind) ?? [];
}

/** Like file.getDescendantsOfKind, from the cached index. */
export function descendantsOfKind<K extends SyntaxKind>(file: SourceFile, kind: K): KindToNodeMappings[K][] {
  return compilerNodesOfKind(file, kind).map((n) => wrap(file, n));
}

/**
 * The identifiers of a file spelled `text`, in document order. Finding the references of a name is
 * asked for many times per file; the file is walked once (its tree does not change while the
 * transforms run: their edits are text, applied at the end).
 */
export function identifiersNamed(file: SourceFile, text: string): Identifier[] {
  let wrapped = wrappedNames.get(file);
  if (!wrapped) wrappedNames.set(file, (wrapped = new Map()));
  const cached = wrapped.get(text);
  if (cached) return cached;
  let index = nameIndexes.get(file);
  if (!index) {
    index = new Map();
    for (const id of compilerNodesOfKind(file, SyntaxKind.Identifier) as ts.Identifier[]) {
      const list = index.get(id.text);
      if (list) list.push(id);
      else index.set(id.text, [id]);
    }
    nameIndexes.set(file, index);
  }
  const result = (index.get(text) ?? []).map((id) => wrap<Identifier>(file, id));
  wrapped.set(text, result);
  return result;
}

/**
 * identifiersNamed, only those inside `scope`: a binary search by position in the file's list (in
 * document order). A file of 3,000 functions each with its own `result` asked the whole list for each.
 */
export function identifiersNamedWithin(scope: Node, text: string): Identifier[] {
  const all = identifiersNamed(scope.getSourceFile(), text);
  const { pos, end } = scope.compilerNode;
  let low = 0;
  let high = all.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (all[middle]!.compilerNode.pos < pos) low = middle + 1;
    else high = middle;
  }
  const within: Identifier[] = [];
  for (let i = low; i < all.length && all[i]!.compilerNode.end <= end; i++) within.push(all[i]!);
  return within;
}

/**
 * Where the references to a symbol can be: the nearest function (of any kind) around its
 * declarations, else the file. A superset of its scope (a block's `let` included), never smaller.
 */
export function symbolScope(file: SourceFile, symbol: ts.Symbol): Node {
  let scope: ts.Node | undefined;
  for (const declaration of symbol.declarations ?? []) {
    if (declaration.getSourceFile() !== file.compilerNode) return file;
    let container: ts.Node = file.compilerNode;
    for (let node = declaration.parent; node; node = node.parent) {
      if (ts.isFunctionLike(node)) {
        container = node;
        break;
      }
    }
    if (scope !== undefined && scope !== container) return file;
    scope = container;
  }
  return scope === undefined || scope === file.compilerNode ? file : wrap(file, scope);
}

const declaredNameSets = new WeakMap<SourceFile, Set<string>>();

/**
 * Every name a declaration of the file could carry (a superset: any node with a `name`, but member
 * accesses, plus `x.name =` assignment targets). A symbol's declarations live in this file (noLib,
 * noResolve), so a name not in the set has no declarations: no need to ask the type checker.
 */
export function declaredNames(file: SourceFile): Set<string> {
  let names = declaredNameSets.get(file);
  if (!names) {
    names = new Set(declarationIndex(file).keys());
    declaredNameSets.set(file, names);
  }
  return names;
}

/**
 * The nodes of the file that declare a name (a node whose `name` it is, or an assignment to a member of
 * that name: `this.composio = ...`), by name: every declaration the type checker can give a member of
 * that name in this file is among them.
 */
export function declarationsNamed(file: SourceFile, text: string): readonly ts.Node[] {
  return declarationIndex(file).get(text) ?? [];
}

const declarationIndexes = new WeakMap<SourceFile, Map<string, ts.Node[]>>();

function declarationIndex(file: SourceFile): Map<string, ts.Node[]> {
  let index = declarationIndexes.get(file);
  if (!index) {
    const found = new Map<string, ts.Node[]>();
    const add = (n: ts.Node | undefined, declaration: ts.Node) => {
      if (!n || !(ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))) return;
      const list = found.get(n.text);
      if (list) list.push(declaration);
      else found.set(n.text, [declaration]);
    };
    for (const [kind, nodes] of kindIndex(file)) {
      if (kind === SyntaxKind.PropertyAccessExpression || kind === SyntaxKind.MetaProperty) continue;
      for (const node of nodes) {
        const name = (node as { name?: ts.Node }).name;
        if (name) add(ts.isComputedPropertyName(name) ? name.expression : name, node);
        if (kind === SyntaxKind.BinaryExpression) {
          const left = (node as ts.BinaryExpression).left;
          if (ts.isPropertyAccessExpression(left)) add(left.name, node);
          else if (ts.isElementAccessExpression(left)) add(left.argumentExpression, node);
        }
      }
    }
    declarationIndexes.set(file, (index = found));
  }
  return index;
}

/**
 * file.getDescendantsOfKind(kind) for a node kind (not a token: those are searched through the
 * tokens, this index through the parse tree), less the nodes `keep` rejects on their compiler
 * node: only the kept ones are wrapped. Same nodes, same (document) order, without ts-morph's walk.
 */
export function descendantsOfKindWhere<K extends SyntaxKind>(file: SourceFile, kind: K, keep: (node: ts.Node) => boolean): KindToNodeMappings[K][] {
  const result: KindToNodeMappings[K][] = [];
  for (const node of compilerNodesOfKind(file, kind)) if (keep(node)) result.push(wrap(file, node));
  return result;
}

/** node.getDescendantsOfKind(kind) for a node kind (not a token), from the file's index. */
export function descendantsOfKindIn<K extends SyntaxKind>(node: Node, kind: K): KindToNodeMappings[K][] {
  const file = node.getSourceFile();
  return compilerDescendantsOfKindIn(node, kind).map((n) => wrap(file, n));
}

/**
 * What a function returns: its expression body, or the value of each of its own `return`s (a nested
 * function's or class's are theirs), undefined for a bare `return;`. Compiler nodes, none wrapped.
 */
export function returnedValuesOf(fn: Node): Array<ts.Expression | undefined> {
  const own = fn.compilerNode;
  const body = (own as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body as ts.Expression];
  const values: Array<ts.Expression | undefined> = [];
  for (const statement of compilerDescendantsOfKindIn(fn, SyntaxKind.ReturnStatement) as ts.ReturnStatement[]) {
    let owner: ts.Node | undefined = statement.parent;
    while (owner && !ts.isFunctionLike(owner) && !ts.isClassLike(owner)) owner = owner.parent;
    if (owner === own) values.push(statement.expression);
  }
  return values;
}

/** descendantsOfKindIn, as compiler nodes (none wrapped). */
export function compilerDescendantsOfKindIn(node: Node, kind: SyntaxKind): ts.Node[] {
  const root = node.compilerNode;
  const result: ts.Node[] = [];
  for (const candidate of compilerNodesOfKind(node.getSourceFile(), kind)) {
    if (candidate.pos < root.pos || candidate.end > root.end || candidate === root) continue;
    for (let parent = candidate.parent; parent; parent = parent.parent) {
      if (parent === root) {
        result.push(candidate);
        break;
      }
    }
  }
  return result;
}

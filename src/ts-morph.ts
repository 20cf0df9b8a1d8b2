/**
 * ts-morph, loaded with require. Importing this CommonJS package from an ES module makes Node
 * scan its source for export names first (cjs-module-lexer): about 100 ms of every run, a tenth
 * of a small one. It is loaded through the V8 code cache of src/compile-cache.ts. Every module of
 * ours imports ts-morph from here; types come from the package.
 */
import type * as TsMorph from 'ts-morph';
import { requireWithCompileCache } from './compile-cache.js';

export type * from 'ts-morph';

const tsMorph = requireWithCompileCache('ts-morph', import.meta.url) as typeof TsMorph;

export const Node = tsMorph.Node;
export type Node<T extends TsMorph.ts.Node = TsMorph.ts.Node> = TsMorph.Node<T>;
export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const VariableDeclarationKind = tsMorph.VariableDeclarationKind;
export type VariableDeclarationKind = TsMorph.VariableDeclarationKind;
export const Scope = tsMorph.Scope;
export type Scope = TsMorph.Scope;
export const ts = tsMorph.ts;
/** The compiler types our code names (a namespace of types only, beside the `ts` value). */
export declare namespace ts {
  export type ArrayLiteralExpression = TsMorph.ts.ArrayLiteralExpression;
  export type BinaryExpression = TsMorph.ts.BinaryExpression;
  export type CallExpression = TsMorph.ts.CallExpression;
  export type ClassLikeDeclaration = TsMorph.ts.ClassLikeDeclaration;
  export type CompilerOptions = TsMorph.ts.CompilerOptions;
  export type ConditionalTypeNode = TsMorph.ts.ConditionalTypeNode;
  export type Declaration = TsMorph.ts.Declaration;
  export type Diagnostic = TsMorph.ts.Diagnostic;
  export type ExportSpecifier = TsMorph.ts.ExportSpecifier;
  export type ElementAccessExpression = TsMorph.ts.ElementAccessExpression;
  export type Expression = TsMorph.ts.Expression;
  export type ExpressionWithTypeArguments = TsMorph.ts.ExpressionWithTypeArguments;
  export type FunctionExpression = TsMorph.ts.FunctionExpression;
  export type FunctionLikeDeclaration = TsMorph.ts.FunctionLikeDeclaration;
  export type Identifier = TsMorph.ts.Identifier;
  export type JsonSourceFile = TsMorph.ts.JsonSourceFile;
  export type JsxEmit = TsMorph.ts.JsxEmit;
  export type ModifierFlags = TsMorph.ts.ModifierFlags;
  export type MethodDeclaration = TsMorph.ts.MethodDeclaration;
  export type ModuleDeclaration = TsMorph.ts.ModuleDeclaration;
  export type NewExpression = TsMorph.ts.NewExpression;
  export type Node = TsMorph.ts.Node;
  export type NodeArray<T extends TsMorph.ts.Node> = TsMorph.ts.NodeArray<T>;
  export type NodeFlags = TsMorph.ts.NodeFlags;
  export type ObjectLiteralExpression = TsMorph.ts.ObjectLiteralExpression;
  export type PropertyAccessExpression = TsMorph.ts.PropertyAccessExpression;
  export type ScriptKind = TsMorph.ts.ScriptKind;
  export type ScriptTarget = TsMorph.ts.ScriptTarget;
  export type SourceFile = TsMorph.ts.SourceFile;
  export type StringLiteralLike = TsMorph.ts.StringLiteralLike;
  export type ReturnStatement = TsMorph.ts.ReturnStatement;
  export type Symbol = TsMorph.ts.Symbol;
  export type SymbolFlags = TsMorph.ts.SymbolFlags;
  export type SymbolTable = TsMorph.ts.SymbolTable;
  export type SyntaxKind = TsMorph.ts.SyntaxKind;
  export type TemplateExpression = TsMorph.ts.TemplateExpression;
  export type VariableDeclaration = TsMorph.ts.VariableDeclaration;
}

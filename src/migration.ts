import type { SourceFile } from './ts-morph.js';
import type { EditList } from './edits.js';
import type { Finding } from './findings.js';
import type { Mappings } from './mappings/load.js';
import type { MigrationPlan } from './plan.js';

export type Language = 'typescript' | 'javascript' | 'python' | 'json' | 'dotenv' | 'text';

/** What a transform sees of one file: its text, the tables, and where to put edits and findings. Never the file system. */
export interface FileContext {
  /** Absolute path. */
  readonly path: string;
  readonly language: Language;
  /** The text as read; edits are ranges on it. */
  readonly text: string;
  readonly mappings: Mappings;
  readonly edits: EditList;
  readonly findings: Finding[];
  /** What the analysis phase learned about the whole run (opaque to the engine). */
  readonly project: unknown;
  /** Reports a rule of the table at an offset of `text`; `detail` is appended to the rule's message. */
  report(ruleId: string, offset: number, detail?: string): void;
  /**
   * Asks for a new file (absolute path) that this file's migrated code imports. It is created once,
   * with the first text asked for, only if this file's migration lands; an existing file is never
   * overwritten (a finding says so when its text differs).
   */
  createFile(path: string, text: string): void;
  /**
   * Project files only: a source file of the run under `folder` that imports `pkg` (a bare package name)
   * once migrated (its new text, or its text as read when unchanged), else undefined. For a manifest
   * that must keep a package its code still uses. `language`: whose imports (default: the TypeScript
   * and JavaScript sources'; else the project files whose transform reads `imports` of that language).
   */
  importedAfterMigration?(pkg: string, folder: string, language?: Language): string | undefined;
}

/** What the analysis phase may ask of the engine about the whole run. */
export interface AnalysisContext {
  readonly project: unknown;
  readonly mappings: Mappings;
  /** The absolute path of a local module an import specifier names, if it is among the files of the run. */
  resolveImport(fromFile: string, specifier: string): string | undefined;
  /**
   * Marks a file as exporting something the migration follows: files importing it become candidates too,
   * and it is written after them (a run stopped half-way leaves it as it was, so the next run still sees
   * what its importers use). `rank` orders marked modules among themselves: 2 (the default) for a module
   * others import the client from, written after everything; 1 for one whose functions return a reshaped
   * Composio result (it imports the client itself), written before the client modules.
   */
  markModule(file: string, rank?: 1 | 2): void;
  /** Makes a file of the run a candidate though its text does not match the seed (a module whose function is called with a client). */
  includeFile(file: string): void;
}

/** A transform of TypeScript/JavaScript source: one concern, edits and findings through the context. */
export interface SourceTransform {
  id: string;
  description: string;
  /**
   * What the file's text must hold for the transform to have anything to change or report: when it does not
   * match, the engine does not call `apply` (no walk of the tree, no analysis). A necessary condition, never a guess.
   */
  precondition?: RegExp;
  apply(file: SourceFile, ctx: SourceFileContext): void;
}

export interface SourceFileContext extends FileContext {
  readonly language: 'typescript' | 'javascript';
  /** Whether the file may hold type annotations (.ts, .tsx, .mts, .cts). */
  readonly typed: boolean;
  /** Resolves an import specifier of this file to a file of the run. */
  resolveImport(specifier: string): string | undefined;
  /** Whether this file's relative imports must name the file (`./x.js`): an ES module under node16/nodenext resolution, an .mts file. */
  readonly importsNeedExtensions: boolean;
  /**
   * Reports a rule at a node's position and, when the rule asks for it, writes a
   * `// TODO(scalekit-migrate)` comment above the statement holding the node, once.
   */
  reportAt(ruleId: string, node: import('ts-morph').Node, detail?: string): void;
  /** Per-file scratch space shared by the transforms of one run over this file. */
  readonly state: Map<string, unknown>;
}

/** A transform of a project file (package.json, .env, MCP client config): text in, edits and findings out. */
export interface ProjectFileTransform {
  id: string;
  description: string;
  /** Matches a path relative to the folder the run was given, with forward slashes. */
  matches(relativePath: string): boolean;
  language: Language;
  /** A cheap test on the raw text: a file it does not match is left unread (unchanged). */
  seed?: RegExp;
  /** Loads what the transform needs (a grammar) before its first file. */
  prepare?(): Promise<void>;
  /**
   * Before the first project file of the run, after prepare: learns what crosses the files it matches (each read on demand;
   * undefined for a file that cannot be read), into the project state. Returns the files to transform
   * though their text does not match the seed (a module importing the client under another name).
   * `read` gives any file of the run (undefined for one that cannot be read).
   */
  analyze?(files: Array<{ path: string; text(): string | undefined }>, ctx: { project: unknown; mappings: Mappings; read(path: string): string | undefined }): Iterable<string>;
  /**
   * The packages a file of this kind imports (`language`: whose package names they are), read from its text once
   * migrated. Such files are transformed before the other project files, so that a dependency list can ask
   * `importedAfterMigration` about them. A file the seed rules out is taken to import none of the migration's packages.
   */
  imports?: { language: Language; of(text: string): string[] };
  /** The first syntax error of a text, or undefined: a file with one is left untouched, an output with one is not written. */
  syntaxError?(text: string): string | undefined;
  apply(ctx: FileContext): void;
}

/** Everything the engine needs to run one migration; the engine knows nothing else of the SDKs. */
export interface Migration {
  /** A cheap test on a file's raw text: can it hold code this migration reads? */
  seed: RegExp;
  createProjectState(): unknown;
  /**
   * Phase 1, over every seed file and every file importing a marked module: learn what crosses
   * files. Returns whether it learned something new; the engine repeats the phase until it does not.
   */
  analyze(file: SourceFile, ctx: AnalysisContext): boolean;
  transforms: SourceTransform[];
  projectFiles: ProjectFileTransform[];
  /** Glob patterns (fast-glob) of the project files to read, beside the source extensions. */
  projectFilePatterns: string[];
  /** What the migrated code needs before it runs (connections, tool names, identifiers), read from its text. */
  plan?(files: Array<{ path: string; text: string; before?: string; findings?: Finding[] }>, mappings: Mappings): MigrationPlan;
  /** A script that sets up what the plan lists and the code cannot (`plan --write-setup`); undefined when there is nothing to set up. */
  setupScript?(plan: MigrationPlan): string | undefined;
}

import { existsSync, mkdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { Project, ts, type SourceFile } from './ts-morph.js';
import { discoverFiles } from './discovery.js';
import { STALE_TEMP, type DiscoveredFile } from './file-kinds.js';
import type { Finding } from './findings.js';
import { portableMappings, type Mappings } from './mappings/load.js';
import type { FileContext, Language, Migration, ProjectFileTransform } from './migration.js';
import { ModuleResolver } from './module-resolver.js';
import { timed, timing, timingTotals } from './timings.js';
import { TransformPool } from './pool.js';
import { readSource, DEFAULT_MAX_FILE_SIZE } from './read-source.js';
import { afterFile } from './memory.js';
import { writeFileAtomic, writeNewFileAtomic } from './safe-write.js';
import { createFileContext, createSourceFileContext, makeFinding } from './source-context.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileResult {
  /** Absolute path. */
  path: string;
  language: Language;
  status: FileStatus;
  findings: Finding[];
  before?: string;
  after?: string;
  /** Whether the file starts with a UTF-8 byte-order mark (kept on write; not part of before/after). */
  bom?: boolean;
  /** Other files import what the migration follows from this one (a shared client module): write it after them. Higher ranks later (AnalysisContext.markModule). */
  writeLast?: number;
  /** A file the run created (before is empty). */
  created?: boolean;
}

export interface RunOptions {
  paths: string[];
  mappings: Mappings;
  migration: Migration;
  /** Write changed files (false for --dry-run and --check). */
  write: boolean;
  /**
   * Whether the source files' results keep their texts (before, after) for the caller: a diff, a review, a plan.
   * false: they are let go as each file lands (written, in a write run). Default true.
   */
  keepTexts?: boolean;
  /** Called after each file of phase 2 (the CLI draws a progress line from it). */
  onProgress?: (progress: { done: number; total: number; changed: number; findings: number }) => void;
  maxFileSize?: number;
  ignore?: string[];
  /** Threads for phase 2: this one and jobs - 1 worker threads (default 1: this one only). Workers load the migration from `migrationModule`. */
  jobs?: number;
  /** URL of the module exporting the same `migration`, for the workers. */
  migrationModule?: string;
}

/** Below this many files to transform, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 64;

export interface RunResult {
  files: FileResult[];
  scanned: number;
  /** Worker threads that helped this one through phase 2 (0: none). */
  workers: number;
  /** Files they transformed. */
  workerFiles: number;
  /** Temporary files of killed write runs that this (write) run removed. */
  staleTempsRemoved?: number;
}

const MAX_ANALYSIS_ROUNDS = 8;
const IMPORT_SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'])([^"'\n]+)\1/g;

/**
 * The runner: which files, in what order, and what happens to each. Phase 1 learns what
 * crosses files (analysis); phase 2 transforms each candidate file on its own, with
 * rollback: a transform that throws leaves no edit behind, and the run goes on.
 */
export async function runMigration(options: RunOptions): Promise<RunResult> {
  const { migration, mappings } = options;
  const found = await discoverFiles(options.paths, migration.projectFilePatterns, options.ignore);
  const staleTempsRemoved = options.write ? removeStaleTemps(found.filter((f) => f.kind === 'stale-temp').map((f) => f.path)) : 0;
  const discovered = found.filter((f) => f.kind !== 'stale-temp');
  const sources = discovered.filter((f) => f.kind === 'source');
  const results: FileResult[] = [];
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Of every file read, its import specifiers (all an analysis round asks of a file); the text only of
  // each candidate (a file the migration may change), so that the heap does not hold the whole
  // repository (20,000 files, 1% Composio: peak RSS 237 -> 187 MB). A file found to import a marked
  // module is read again then.
  const importsOf = new Map<string, string[]>();
  const texts = new Map<string, { text: string; bom: boolean }>();
  const candidates = new Set<string>();
  for (const file of sources) {
    const read = readSource(file.path, maxFileSize);
    if (!read.ok) {
      results.push(skipped(file, languageOf(file.path), mappings, read.rule, read.detail));
      continue;
    }
    importsOf.set(file.path, importSpecifiers(read.text));
    if (!migration.seed.test(read.text)) continue;
    texts.set(file.path, { text: read.text, bom: read.bom });
    candidates.add(file.path);
  }
  timing(`listed and read ${sources.length} source files`);

  // the files imports resolve to: every source file read
  const resolvable = new Set(importsOf.keys());
  const resolver = new ModuleResolver(resolvable);
  // helper threads for phase 2, started as soon as there are enough files for them: they load TypeScript
  // and the transforms while this thread analyses
  let helpers: TransformPool | undefined;
  let helperCount = 0;
  const startHelpers = () => {
    if (helpers || !options.migrationModule || candidates.size < WORKER_THRESHOLD) return;
    helperCount = Math.min((options.jobs ?? 1) - 1, Math.floor(candidates.size / WORKER_THRESHOLD));
    if (helperCount > 0) helpers = new TransformPool(helperCount, { migrationModule: options.migrationModule, mappings: portableMappings(mappings), files: [...resolvable] });
  };
  const project = migration.createProjectState();
  const parser = new SourceParser();
  // parses are kept for phase 2 all of them or none: when the seeds alone pass the budget, none is (a peak for nothing)
  if ([...texts.values()].reduce((bytes, { text }) => bytes + text.length, 0) > KEEP_BYTES) parser.stopKeeping();
  /** Modules others import what the migration follows from → their write rank (AnalysisContext.markModule). */
  const marked = new Map<string, number>();
  const included = new Set<string>();

  // Phase 1: analyse the seeds and every file importing a module the analysis marked, again and
  // again until nothing new is learned (a barrel may be read before the module it re-exports).
  const unparsable = new Map<string, Unparsable>();
  /** Files the analysis failed on: what crosses from them to other files may be missing, so each is reported. */
  const analysisFailed = new Map<string, string>();
  const analysisContext = {
    project,
    mappings,
    resolveImport: (from: string, specifier: string) => resolver.resolve(from, specifier),
    markModule: (module: string, rank: 1 | 2 = 2) => marked.set(module, Math.max(rank, marked.get(module) ?? 0)),
    includeFile: (file: string) => included.add(file),
  };
  let pending = new Set(candidates);
  for (let round = 0; pending.size > 0 && round < MAX_ANALYSIS_ROUNDS; round++) {
    startHelpers();
    const markedBefore = new Set(marked.keys());
    const learnedFrom = new Set<string>();
    for (const file of pending) {
      if (unparsable.has(file)) continue;
      const parsed = parser.parse(file, texts.get(file)!.text);
      if (isUnparsable(parsed)) {
        unparsable.set(file, parsed);
        continue;
      }
      try {
        if (migration.analyze(parsed, analysisContext)) learnedFrom.add(file);
      } catch (error) {
        // a file the analysis cannot read teaches nothing; reported with the file's result, and the run goes on
        analysisFailed.set(file, (error as Error).message);
      } finally {
        // kept (within a budget) for the next parse of the same text: phase 2's, or the next round's
        parser.release(parsed, { keep: true });
        afterFile();
      }
    }
    for (const file of marked.keys()) if (!markedBefore.has(file)) learnedFrom.add(file);
    // next round: new importers of marked modules, files the analysis asked for, and files importing a module whose knowledge changed
    pending = new Set();
    if (learnedFrom.size === 0) break;
    for (const { path: file } of sources) {
      const specifiers = importsOf.get(file);
      if (!specifiers) continue; // not read: reported as skipped
      if (candidates.has(file)) {
        if (importsAny(file, specifiers, learnedFrom, resolver)) pending.add(file);
        continue;
      }
      if (!included.has(file) && !importsAny(file, specifiers, marked, resolver)) continue;
      // a candidate now: read again (only its import specifiers were kept)
      const read = readSource(file, maxFileSize);
      if (!read.ok) {
        importsOf.delete(file);
        results.push(skipped({ path: file }, languageOf(file), mappings, read.rule, read.detail));
        continue;
      }
      texts.set(file, { text: read.text, bom: read.bom });
      candidates.add(file);
      pending.add(file);
    }
  }

  startHelpers();
  timing(`phase 1: ${candidates.size} candidates analysed`);
  // Phase 2: transform each candidate file on its own.
  const progress = { done: 0, total: discovered.length, changed: 0, findings: 0 };
  const tally = (result: FileResult) => {
    afterFile();
    progress.done++;
    if (result.status === 'changed') progress.changed++;
    progress.findings += result.findings.length;
    options.onProgress?.(progress);
    if (process.env['PERF_MEM'] && progress.done % 100 === 0) {
      // under node --expose-gc, the live heap: what the run holds, not what it has yet to collect
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      process.stderr.write(`mem ${progress.done} rss ${(m.rss / 2 ** 20).toFixed(0)} heapTotal ${(m.heapTotal / 2 ** 20).toFixed(0)} heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} ext ${(m.external / 2 ** 20).toFixed(0)}\n`);
    }
  };
  for (const result of results) tally(result);
  // The modules others import the client from are written last: a run stopped half-way (or an
  // interactive review quit early) leaves them as they were, so the next run still sees the
  // Composio client their importers use, and finishes the job.
  const rankOf = (file: string) => marked.get(file) ?? 0;
  const ranks = [0, 1, 2];
  const order = ranks.flatMap((rank) => sources.filter((f) => rankOf(f.path) === rank));
  const sourceResults: FileResult[] = [];
  const created: CreatedFiles = new Map();
  /** The import specifiers of each changed source file's new text (what importedAfterMigration reads), taken as it lands. */
  const importsAfter = new Map<string, string[]>();
  const accept = (file: DiscoveredFile, result: FileResult) => {
    if (marked.has(file.path)) result.writeLast = rankOf(file.path);
    if (result.after !== undefined) importsAfter.set(result.path, importSpecifiers(result.after));
    // a run nothing reads the texts of after it (--check, a write run without a plan) holds none: memory stays flat with the repository
    if (options.keepTexts === false) {
      delete result.before;
      delete result.after;
    }
    sourceResults.push(result);
    tally(result);
  };
  const toTransform: DiscoveredFile[] = [];
  for (const file of order) {
    if (!importsOf.has(file.path)) continue; // not read: reported as skipped
    const language = languageOf(file.path);
    const parseError = unparsable.get(file.path);
    if (!candidates.has(file.path)) accept(file, { path: file.path, language, status: 'unchanged', findings: [] });
    else if (parseError !== undefined) accept(file, skipped(file, language, mappings, parseError.rule, parseError.detail));
    else toTransform.push(file);
  }
  if (helpers && toTransform.length < WORKER_THRESHOLD) {
    void helpers.close();
    helpers = undefined;
  }
  let helped = 0;
  try {
    if (helpers) helpers.setup({ ...(project as object) });
    // for the tests: the workers are ready before the first file, so that they surely take some
    if (helpers && process.env['SCALEKIT_MIGRATE_WAIT_FOR_WORKERS'] === '1') await helpers.ready();
    const transformHere = (file: DiscoveredFile) => accept(file, withAnalysisFailure(land(transformSource(file, texts.get(file.path)!, languageOf(file.path), options, project, parser, resolver), created, options, parser), analysisFailed, mappings));
    // the shared client modules only once every other file has landed
    for (const group of ranks.map((rank) => toTransform.filter((f) => rankOf(f.path) === rank))) {
      if (!helpers) {
        for (const file of group) transformHere(file);
        continue;
      }
      // this thread takes files from the front (their parses are kept from phase 1), a free helper from the back
      const pool = helpers;
      const handedOut: Array<Promise<void>> = [];
      const handOut = () => {
        while (pool.idleCount > 0 && group.length > 1) {
          const file = group.pop()!;
          const content = texts.get(file.path)!;
          const language = languageOf(file.path);
          handedOut.push(
            pool.transform({ path: file.path, text: content.text, bom: content.bom, language }).then(
              (transformed) => accept(file, withAnalysisFailure(land(transformed, created, options, parser), analysisFailed, mappings)),
              (error: Error) => accept(file, { path: file.path, language, status: 'error', findings: [makeFinding(mappings, content.text, 'transform-failed', 0, `(worker: ${error.message})`)] }),
            ),
          );
        }
      };
      while (group.length > 0) {
        handOut();
        transformHere(group.shift()!);
        // a helper's reply (and its readiness) arrives between two files
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(handedOut);
      helped += handedOut.length;
    }
  } finally {
    await helpers?.close();
  }
  const jobs = helpers ? helperCount + 1 : 1;
  timing(`phase 2: ${toTransform.length} files transformed${jobs > 1 ? ` on ${jobs} threads (${helped} by helpers)` : ''}`);
  timingTotals();
  const position = new Map(sources.map((f, i) => [f.path, i]));
  results.push(...sourceResults.sort((a, b) => position.get(a.path)! - position.get(b.path)!));

  // each project file with the transform that reads it (the first that matches)
  const projectFiles = discovered
    .filter((f) => f.kind === 'project')
    .map((file) => ({ file, transform: migration.projectFiles.find((t) => t.matches(file.relativeToRoot)) }));
  // Before the first project file: each transform with files is prepared, and analyses them, in the migration's order
  // (a later analysis may read what an earlier one learned: notebooks import what the Python modules export).
  // An analysis names the files to transform whatever their text; the files it read that the seed rules out are not read again.
  const analysedIn = new Set<string>();
  const seedMissed = new Set<string>();
  for (const transform of migration.projectFiles) {
    const files = projectFiles.filter((f) => f.transform === transform).map((f) => f.file);
    if (files.length === 0) continue;
    await transform.prepare?.();
    if (!transform.analyze) continue;
    const readForAnalysis = (file: string) => {
      const text = readText(file, options);
      if (text !== undefined && transform.seed && !transform.seed.test(text)) seedMissed.add(file);
      return text;
    };
    const read = (file: string) => readText(file, options);
    for (const path of transform.analyze(files.map((f) => ({ path: f.path, text: () => readForAnalysis(f.path) })), { project, mappings, read })) analysedIn.add(path);
  }
  // the packages each source file imports once migrated: its new text's, or those read from it (built when first asked)
  let packageImporters: Map<string, string[]> | undefined;
  // the same of the project files whose transform reads imports (Python modules, notebooks), by language, as they land
  const projectImporters = new Map<Language, Map<string, string[]>>();
  const importedAfterMigration = (pkg: string, folder: string, language?: Language): string | undefined => {
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    if (language !== undefined) return projectImporters.get(language)?.get(pkg)?.find((file) => file.startsWith(prefix));
    if (!packageImporters) {
      packageImporters = new Map();
      for (const [file, specifiers] of importsOf) {
        for (const specifier of importsAfter.get(file) ?? specifiers) {
          const name = packageName(specifier);
          if (!name) continue;
          const files = packageImporters.get(name) ?? [];
          if (files.at(-1) !== file) files.push(file);
          packageImporters.set(name, files);
        }
      }
    }
    return packageImporters.get(pkg)?.find((file) => file.startsWith(prefix));
  };
  const recordImports = (file: string, imports: NonNullable<ProjectFileTransform['imports']>) => (text: string) => {
    const importers = projectImporters.get(imports.language) ?? new Map<string, string[]>();
    projectImporters.set(imports.language, importers);
    for (const pkg of new Set(imports.of(text))) {
      const files = importers.get(pkg);
      if (files) files.push(file);
      else importers.set(pkg, [file]);
    }
  };
  // the files whose imports a dependency list may ask about land first; the results keep the order of discovery
  const projectResults = new Map<string, FileResult>();
  for (const { file, transform } of [...projectFiles.filter((f) => f.transform?.imports), ...projectFiles.filter((f) => !f.transform?.imports)]) {
    if (!transform) continue;
    const result =
      seedMissed.has(file.path) && !analysedIn.has(file.path)
        ? { path: file.path, language: transform.language, status: 'unchanged' as const, findings: [] }
        : transformProjectFile(file, transform, options, project, created, parser, analysedIn.has(file.path), importedAfterMigration, transform.imports && recordImports(file.path, transform.imports));
    projectResults.set(file.path, result);
    tally(result);
  }
  for (const { file } of projectFiles) if (projectResults.has(file.path)) results.push(projectResults.get(file.path)!);
  for (const [, result] of [...created].sort(([a], [b]) => a.localeCompare(b))) if (result) results.push(result);

  timing('project files');
  // a created file counts as scanned, so that the counts of the summary add up
  return { files: results, scanned: discovered.length + results.filter((r) => r.created).length, workers: jobs - 1, workerFiles: helped, staleTempsRemoved };
}

/** One source file through every transform, with rollback per transform. Pure: writes nothing (the caller does). */
export function transformSource(
  file: { path: string },
  content: { text: string; bom: boolean },
  language: Language,
  options: Pick<RunOptions, 'mappings' | 'migration'>,
  project: unknown,
  parser: SourceParser,
  resolver: ModuleResolver,
): Transformed {
  const { mappings, migration } = options;
  const sourceFile = parser.parse(file.path, content.text);
  if (isUnparsable(sourceFile)) return { result: skipped(file, language, mappings, sourceFile.rule, sourceFile.detail), requested: [] };
  const base = createFileContext({ path: file.path, language, text: content.text, mappings, project });
  const requested: Array<{ path: string; text: string }> = [];
  const ctx = createSourceFileContext(
    base,
    sourceFile,
    (specifier) => resolver.resolve(file.path, specifier),
    (path, text) => requested.push({ path, text }),
    resolver.needsExtensions(file.path),
  );
  try {
    for (const transform of migration.transforms) {
      if (transform.precondition && !transform.precondition.test(content.text)) continue;
      const snapshot = { edits: ctx.edits.snapshot(), findings: ctx.findings.length, requested: requested.length };
      try {
        timed(transform.id, () => transform.apply(sourceFile, ctx));
      } catch (error) {
        // code nested past the stack's depth fails every transform alike: the file is left as it was, reported once
        if (isStackOverflow(error)) return { result: skipped(file, language, mappings, 'file-nested-too-deeply', `(${transform.id})`), requested: [] };
        ctx.edits.restore(snapshot.edits);
        ctx.findings.length = snapshot.findings;
        requested.length = snapshot.requested;
        ctx.report('transform-failed', 0, `(${transform.id}: ${(error as Error).message})`);
      }
    }
  } finally {
    parser.release(sourceFile);
  }
  reportLostEdits(ctx);
  const after = ctx.edits.apply(content.text);
  const result = finish(file, content, language, after, ctx.findings, mappings, (out) => timed('output syntax check', () => parser.syntaxError(file.path, out)));
  return { result, requested: result.status === 'changed' ? requested : [] };
}

/** A file whose analysis failed carries a finding saying so: what other files import from it may not be followed. */
function withAnalysisFailure(result: FileResult, failed: Map<string, string>, mappings: Mappings): FileResult {
  const message = failed.get(result.path);
  if (message !== undefined) result.findings.push(makeFinding(mappings, '', 'analysis-failed', 0, `(${message})`));
  return result;
}

/** What transforming a file gives: its result (not written yet) and the files its migrated code imports. */
export interface Transformed {
  result: FileResult;
  requested: Array<{ path: string; text: string }>;
}

/**
 * Lands a transformed file: the files it now imports are created first (so no import ever
 * dangles, even if the run is killed), then the file is written, atomically.
 */
function land(transformed: Transformed, created: CreatedFiles, options: RunOptions, parser: SourceParser): FileResult {
  const { result, requested } = transformed;
  if (result.status !== 'changed') return result;
  createRequestedFiles(requested, result.path, created, options, parser);
  return writeResult(result, options);
}

/** Writes a changed file in a write run; a file that cannot be written is reported, and left as it was. */
function writeResult(result: FileResult, options: RunOptions): FileResult {
  if (result.status !== 'changed' || !options.write) return result;
  try {
    writeFileAtomic(result.path, result.after!, result.bom ?? false);
  } catch (error) {
    result.findings.push(makeFinding(options.mappings, result.before!, 'file-not-writable', 0, `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`));
    return { path: result.path, language: result.language, status: 'error', findings: result.findings };
  }
  return result;
}

/** The files created for the migrated code, by path: each asked for once, with its result. */
type CreatedFiles = Map<string, FileResult | undefined>;

/**
 * The files the migrated code imports that did not exist (a generated module): created once,
 * never overwritten; an existing file with other text is kept, and reported.
 */
function createRequestedFiles(requested: Array<{ path: string; text: string }>, by: string, created: CreatedFiles, options: RunOptions, parser: SourceParser): void {
  for (const { path: file, text } of requested) {
    if (created.has(file)) continue;
    created.set(file, createFile(file, text, by, options, parser));
  }
}

function createFile(file: string, text: string, by: string, options: RunOptions, parser: SourceParser): FileResult | undefined {
  const language = options.migration.projectFiles.find((t) => t.syntaxError && t.matches(path.basename(file)))?.language ?? languageOf(file);
  if (existsSync(file)) {
    const read = readSource(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (read.ok && read.text === text) return undefined;
    return { path: file, language, status: 'unchanged', findings: [makeFinding(options.mappings, '', 'generated-file-kept', 0, `(asked for by ${path.basename(by)})`)] };
  }
  // a created module is checked with its language's parser: a project-file transform's (Python), else TypeScript's
  const own = options.migration.projectFiles.find((t) => t.syntaxError && t.matches(path.basename(file)));
  const invalid = own ? own.syntaxError!(text) : parser.syntaxError(file, text);
  if (invalid !== undefined) return { path: file, language, status: 'error', findings: [makeFinding(options.mappings, '', 'output-parse-error', 0, `(${invalid})`)] };
  if (options.write) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeNewFileAtomic(file, text);
    } catch (error) {
      return { path: file, language, status: 'error', findings: [makeFinding(options.mappings, '', 'file-not-writable', 0, `(${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)] };
    }
  }
  return { path: file, language, status: 'changed', findings: [], before: '', after: text, created: true };
}

/** A file's text for an analysis; undefined when it cannot be read (its transform reports why). */
function readText(file: string, options: RunOptions): string | undefined {
  const read = readSource(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  return read.ok ? read.text : undefined;
}

function transformProjectFile(
  file: DiscoveredFile,
  transform: ProjectFileTransform,
  options: RunOptions,
  project: unknown,
  created: CreatedFiles,
  parser: SourceParser,
  included: boolean,
  importedAfterMigration: (pkg: string, folder: string, language?: Language) => string | undefined,
  /** Told the file's text once migrated (as read when unchanged); not for a file the seed rules out. */
  recordImports?: (text: string) => void,
): FileResult {
  const read = readSource(file.path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (!read.ok) return skipped(file, transform.language, options.mappings, read.rule, read.detail);
  if (transform.seed && !included && !transform.seed.test(read.text)) return { path: file.path, language: transform.language, status: 'unchanged', findings: [] };
  const syntaxError = transform.syntaxError?.(read.text);
  if (syntaxError !== undefined) {
    recordImports?.(read.text);
    return skipped(file, transform.language, options.mappings, 'file-parse-error', syntaxError);
  }
  const requested: Array<{ path: string; text: string }> = [];
  const ctx = createFileContext({ path: file.path, language: transform.language, text: read.text, mappings: options.mappings, project, createFile: (p, text) => requested.push({ path: p, text }), importedAfterMigration });
  try {
    transform.apply(ctx);
    reportLostEdits(ctx);
  } catch (error) {
    recordImports?.(read.text);
    return { path: file.path, language: transform.language, status: 'error', findings: [makeFinding(options.mappings, read.text, 'transform-failed', 0, `(${transform.id}: ${(error as Error).message})`)] };
  }
  const validate = (out: string) => {
    if (transform.syntaxError) return transform.syntaxError(out);
    if (transform.language !== 'json') return undefined;
    try {
      JSON.parse(out);
      return undefined;
    } catch (error) {
      // a JSONC file (comments, trailing commas: .vscode/mcp.json) is held to the syntax it came in
      if (!isJson(read.text)) return firstSyntaxError(ts.parseJsonText(file.path, out));
      return (error as Error).message;
    }
  };
  const result = finish(file, read, transform.language, ctx.edits.apply(read.text), ctx.findings, options.mappings, validate);
  recordImports?.(result.after ?? read.text);
  return land({ result, requested }, created, options, parser);
}

/**
 * An edit refused because a smaller edit already took part of its range (a call rewritten whole, after an edit
 * inside it): what it would have written is missing from the file, so it is said, never dropped in silence.
 */
function reportLostEdits(ctx: FileContext): void {
  for (const lost of ctx.edits.lost()) ctx.report('edit-lost', lost.start, `(characters ${lost.start}-${lost.end} of the file)`);
}

/** Checks the new text, writes it when asked, and says what became of the file. */
function finish(
  file: { path: string },
  content: { text: string; bom: boolean },
  language: Language,
  after: string,
  findings: Finding[],
  mappings: Mappings,
  outputError: (text: string) => string | undefined,
): FileResult {
  const sorted = findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (after === content.text) return { path: file.path, language, status: 'unchanged', findings: sorted };
  const invalid = outputError(after);
  if (invalid !== undefined) {
    sorted.push(makeFinding(mappings, content.text, 'output-parse-error', 0, `(${invalid})`));
    return { path: file.path, language, status: 'error', findings: sorted };
  }
  return { path: file.path, language, status: 'changed', findings: sorted, before: content.text, after, bom: content.bom };
}

function skipped(file: { path: string }, language: Language, mappings: Mappings, rule: string, detail: string): FileResult {
  const finding = makeFinding(mappings, '', rule, 0, detail || undefined);
  // a syntax error is reported on its own line (firstSyntaxError's detail says where), so annotations point at it
  const at = /^\(line (\d+), column (\d+):/.exec(detail);
  if (at) Object.assign(finding, { line: Number(at[1]), column: Number(at[2]) });
  return { path: file.path, language, status: 'skipped', findings: [finding] };
}

/** The package a bare specifier names (`@composio/core/x` → `@composio/core`), else undefined (relative, absolute, node:). */
function packageName(specifier: string): string | undefined {
  if (/^[./]|^node:|^[A-Za-z]:/.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

/** The module specifiers a text imports, requires or re-exports from (a regular expression's reading: strings and comments too). */
function importSpecifiers(text: string): string[] {
  return Array.from(text.matchAll(IMPORT_SPECIFIERS), (match) => match[2]!);
}

function importsAny(file: string, specifiers: string[], modules: { readonly size: number; has(file: string): boolean }, resolver: ModuleResolver): boolean {
  if (modules.size === 0) return false;
  for (const specifier of specifiers) {
    const resolved = resolver.resolve(file, specifier);
    if (resolved && modules.has(resolved)) return true;
  }
  return false;
}

export function languageOf(file: string): Language {
  return /\.(ts|tsx|mts|cts)$/.test(file) ? 'typescript' : 'javascript';
}

/** An in-memory ts-morph project, holding a few files at a time (BATCH) so memory does not grow with the repo. */
const FRESH = process.env['PARSER_FRESH'] === '1';
/**
 * Files parsed into one project before it is dropped for a new one. Dropping a project frees all its
 * wrappers at once; forgetting each file's wrappers (removeSourceFile) walks them, and costs more than
 * a new project per 32 files, which hold little memory. PARSER_BATCH=0: forget each file instead.
 */
const BATCH = Number(process.env['PARSER_BATCH'] ?? 32);
const newProject = () =>
  new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    // noLib: the lib .d.ts texts are never read (src/compile-cache.ts does not even compile them)
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, noLib: true, noResolve: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ESNext },
  });

/**
 * Phase 1 keeps its parses for phase 2 while the files kept hold at most this much text, all of
 * them or none: past it, every kept parse is let go and the parser keeps nothing more. A parsed file
 * takes about 100 times its text in memory; measured on the bench's generator (2 cores, --check):
 * 1,000 files (0.8 MB) 4.5 -> 3.5 s, 2,000 (1.6 MB) 6.1 -> 5.2 s, peak RSS 261 / 298 MB, no more
 * than parsing twice; 4,000 files (3.2 MB) kept whole would take 540 MB, parsed twice 373 MB.
 */
const KEEP_BYTES = Number(process.env['SCALEKIT_MIGRATE_KEEP_BYTES'] ?? 2 * 2 ** 20);

export class SourceParser {
  private project = newProject();

  private held = new Set<string>();

  private readonly kept = new Map<string, { sourceFile: SourceFile; text: string }>();

  private keptBytes = 0;

  private keepingStopped = false;

  /** The parsed file, or why it cannot be: its first syntax error, or nesting past the parser's stack. */
  parse(file: string, text: string): SourceFile | Unparsable {
    const virtual = this.virtualPath(file);
    const reused = this.kept.get(virtual);
    if (reused) {
      this.kept.delete(virtual);
      this.keptBytes -= reused.text.length;
      if (reused.text === text) return reused.sourceFile;
    }
    // a project per file: dropping it frees every wrapper at once, where removeSourceFile walks them all to forget them
    if (FRESH) this.project = newProject();
    else if (BATCH > 0 && (this.held.size >= BATCH || this.held.has(virtual))) {
      this.project = newProject();
      this.held.clear();
    }
    let sourceFile: SourceFile;
    try {
      // overwrite: true makes ts-morph look the path up on its (empty) in-memory file system, which throws and catches an error per file
      sourceFile = this.project.createSourceFile(virtual, text, { overwrite: this.project.getSourceFile(virtual) !== undefined });
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      // TypeScript's parser recurses once per nesting level: thousands of nested brackets or blocks overflow it
      this.project = newProject();
      this.held.clear();
      return { rule: 'file-nested-too-deeply', detail: '(the parser)' };
    }
    const error = firstSyntaxError(sourceFile.compilerNode);
    if (error !== undefined) {
      this.project.removeSourceFile(sourceFile);
      return { rule: 'file-parse-error', detail: error };
    }
    return sourceFile;
  }

  syntaxError(file: string, text: string): string | undefined {
    // JSDoc is left unparsed: its errors are not syntax errors (they never reach parseDiagnostics)
    const options = { languageVersion: ts.ScriptTarget.ESNext, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    try {
      return firstSyntaxError(ts.createSourceFile(this.virtualPath(file), text, options, false, scriptKindOf(file)));
    } catch (error) {
      if (isStackOverflow(error)) return '(the text nests too deeply for the parser)';
      throw error;
    }
  }

  /**
   * Done with a parsed file. `keep`: hold it for the next parse of the same file and text, which then
   * costs nothing (all of them or none: KEEP_BYTES). Only in batch mode: the file's project stays alive with it.
   */
  release(sourceFile: SourceFile, { keep = false } = {}): void {
    if (FRESH) return;
    if (BATCH > 0) {
      const file = sourceFile.getFilePath();
      if (sourceFile.getProject() === this.project) this.held.add(file);
      const text = sourceFile.getFullText();
      if (keep && !this.keepingStopped) {
        this.kept.set(file, { sourceFile, text });
        this.keptBytes += text.length;
        if (this.keptBytes > KEEP_BYTES) {
          this.dropKept();
          this.keepingStopped = true;
        }
      }
    } else forgetWrapped(sourceFile as unknown as WrappedNode);
  }

  /** Keeps nothing from now on. */
  stopKeeping(): void {
    this.dropKept();
    this.keepingStopped = true;
  }

  /** Lets go of every kept file (their parses are not wanted any more: workers parse their own). */
  dropKept(): void {
    this.kept.clear();
    this.keptBytes = 0;
  }

  private virtualPath(file: string): string {
    return path.posix.join('/', ...file.split(path.sep).filter(Boolean));
  }
}

/** The ts-morph internals forgetting a wrapper goes through (Node.forget, less its walk of unwrapped children). */
interface WrappedNode {
  wasForgotten(): boolean;
  _hasWrappedChildren(): boolean;
  _getChildrenInCacheIterator(): Iterable<WrappedNode>;
  _forgetOnlyThis(): void;
}

/**
 * What project.removeSourceFile does (Node.forget of the file: every wrapper out of ts-morph's cache,
 * the file out of the project), without listing the children of wrappers that have no wrapped child:
 * listing them parses their tokens and comments, most of the cost. A wrapper's ancestors are always
 * wrapped, and each counts its wrapped children (ts-morph's own tree replacement relies on that count).
 */
function forgetWrapped(node: WrappedNode): void {
  if (node.wasForgotten()) return;
  if (node._hasWrappedChildren()) for (const child of node._getChildrenInCacheIterator()) forgetWrapped(child);
  node._forgetOnlyThis();
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.(ts|mts|cts)$/.test(file)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Why a source file was not parsed: the engine rule to report, and its detail. */
export interface Unparsable {
  rule: 'file-parse-error' | 'file-nested-too-deeply';
  detail: string;
}

function isUnparsable(parsed: SourceFile | Unparsable): parsed is Unparsable {
  return 'rule' in parsed && typeof parsed.rule === 'string';
}

/** V8's RangeError for recursion past the stack: deeply nested code, not a defect of one transform. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function firstSyntaxError(node: ts.SourceFile): string | undefined {
  // parseDiagnostics holds the parser's errors; the public API would need a whole program to reach them.
  const diagnostics = (node as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line, character } = node.getLineAndCharacterOfPosition(first.start ?? 0);
  return `(line ${line + 1}, column ${character + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')})`;
}

/** Removes the temporary files of write runs that were killed (their process is gone); returns how many went. */
function removeStaleTemps(files: string[]): number {
  let removed = 0;
  for (const file of files) {
    const pid = Number(STALE_TEMP.exec(path.basename(file))?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    try {
      unlinkSync(file);
      removed++;
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

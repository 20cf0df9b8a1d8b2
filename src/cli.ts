#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk, type ChalkInstance } from 'chalk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ignoresOutsideExtensions, OTHER_CODE_EXTENSIONS, PathError, SOURCE_EXTENSIONS } from './file-kinds.js';
import { EXIT } from './exit-codes.js';
import { formatterCommand } from './formatter.js';
import { reviewChanges } from './interactive.js';
import { uncommittedChanges } from './git-guard.js';
import { MappingError } from './mappings/mapping-error.js';
import { renderGithubAnnotations } from './report/github-annotations.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { buildReport, relativePath, type Report } from './report/model.js';
import { renderSarif } from './report/sarif.js';
import { renderSummary } from './report/summary.js';
import { renderPlanMarkdown } from './plan.js';
import { timing } from './timings.js';
import type { FileResult } from './run.js';
import { writeFileAtomic } from './safe-write.js';

class UsageError extends Error {}

const EXAMPLES = `
Examples:
  $ scalekit-migrate ./src                       migrate in place (asks for a clean git tree)
  $ scalekit-migrate --dry-run .                 print the diff, write nothing
  $ scalekit-migrate --check --report migration.md .
                                                 for CI: exit 1 while anything would change
  $ scalekit-migrate --connection github=github-prod --connection gmail=gmail-main ./src
                                                 name the dashboard connections the code should use
  $ scalekit-migrate --mappings my-mappings.json ./src
                                                 extend the bundled tables (tool names, toolkits, auth configs...)
  $ scalekit-migrate -i ./src                    review each file's diff and apply or skip it
  $ scalekit-migrate plan ./src                  what to set up first: connections, tool names, identifiers,
                                                 MCP configs (writes nothing; a folder named plan: ./plan)
  $ scalekit-migrate plan --write-setup scalekit_mcp_setup.py ./src
                                                 also write a Python script that creates the plan's MCP
                                                 configs (only the missing ones: run it again, it creates none)
  $ scalekit-migrate --check --fail-on unmappable --report migration.sarif .
                                                 CI: also fail while findings of severity error remain;
                                                 on GitHub Actions each finding is annotated on its line

Exit codes: 0 done, 1 --check found changes (or --fail-on unmappable found errors), 2 usage or
configuration error, 3 internal error.`;

function packageVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      if (path.dirname(dir) === dir) return '0.0.0';
    }
  }
}

function collectConnection(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([a-z][a-z0-9_-]*)=(.+)$/i.exec(value);
  if (!match) throw new InvalidArgumentError(`expected <connector>=<connection name>, got "${value}"`);
  return { ...previous, [match[1]!.toLowerCase()]: match[2]! };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseJobs(value: string): number {
  if (!/^[1-9]\d*$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

function parseSize(value: string): number {
  const match = /^(\d+)(k|kb|m|mb)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a size in bytes (or with k/m), got "${value}"`);
  const unit = (match[2] ?? '').toLowerCase();
  return Number(match[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1);
}

/** `ts,tsx` or `.ts,.tsx`: source extensions the engine parses; anything else is a usage error. */
function parseExtensions(value: string): string[] {
  const extensions = value.split(',').map((entry) => entry.replace(/^\./, '').toLowerCase());
  for (const ext of extensions) {
    if (ext === '' || /[/\\*\s]/.test(ext)) throw new InvalidArgumentError(`expected a comma-separated list of extensions such as ts,tsx, got "${value}"`);
    if (![...SOURCE_EXTENSIONS, ...OTHER_CODE_EXTENSIONS].includes(ext)) throw new InvalidArgumentError(`"${ext}" is not a supported extension; supported: ${[...SOURCE_EXTENSIONS, ...OTHER_CODE_EXTENSIONS].join(', ')}`);
  }
  return extensions;
}

interface Options {
  dryRun?: boolean;
  check?: boolean;
  report: string[];
  mappings?: string;
  connection: Record<string, string>;
  adapterPath?: string;
  force?: boolean;
  maxFileSize?: number;
  ignore: string[];
  extensions?: string[];
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  listTransforms?: boolean;
  interactive?: boolean;
  jobs?: number;
  format: 'text' | 'json';
  failOn?: 'unmappable';
  writeSetup?: string;
}

function makeChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const forced = process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0';
  const disabled = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  return new Chalk({ level: forced || (!disabled && stream.isTTY) ? 1 : 0 });
}

async function main(argv: string[]): Promise<number> {
  timing('cli started');
  const version = packageVersion();
  // `scalekit-migrate plan [paths]`: the same run, writing nothing, printing what to set up first
  const planMode = argv[2] === 'plan';
  if (planMode) argv = [...argv.slice(0, 2), ...argv.slice(3)];
  const program = new Command()
    .name('scalekit-migrate')
    .description('Migrate a codebase from Composio to Scalekit AgentKit, and report what cannot be migrated.')
    .version(version, '-V, --version')
    .argument('[paths...]', 'files or folders to migrate', ['.'])
    .option('--dry-run', 'write nothing; print a unified diff of every change')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any would (for CI)')
    .option('-i, --interactive', 'show each file that would change, then apply or skip it (needs a terminal)')
    .option('--report <file>', 'write the report; .json, .md or .sarif (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'what goes to stdout: the text summary, or the JSON report').choices(['text', 'json']).default('text'))
    .addOption(new Option('--fail-on <what>', 'also exit 1 when findings of severity error remain').choices(['unmappable']))
    .option('--mappings <file>', 'a JSON file that extends or overrides the bundled mapping tables')
    .option('--write-setup <file>', 'with plan: write a Python script that sets up what the plan lists (its MCP configs, created only where missing)')
    .option('--adapter-path <dir>', 'the folder for the generated framework adapters (scalekit-<framework>-tools.ts, .mjs or .cjs for JavaScript); default: beside the shared client module')
    .option('--connection <connector=name>', 'the Scalekit dashboard connection name for a connector (repeatable)', collectConnection, {})
    .option('--force', 'run even when the git tree has uncommitted changes')
    .option('--max-file-size <bytes>', 'skip (and report) files larger than this', parseSize)
    .option('--ignore <glob>', 'skip files matching the glob (repeatable)', collect, [])
    .option('--extensions <list>', `source file extensions to read in folders, comma-separated (default: ${[...SOURCE_EXTENSIONS, ...OTHER_CODE_EXTENSIONS].join(',')}); project files are read as before`, parseExtensions)
    .option('-j, --jobs <n>', 'threads that transform: this one and n-1 worker threads, once 64+ files need it (default 1)', parseJobs)
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'also list info findings')
    .option('--debug', 'print stack traces of internal errors')
    .option('--list-transforms', 'list the transforms and exit')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });

  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      process.stderr.write(`scalekit-migrate: ${error.message.replace(/^error: /, '')}\nRun scalekit-migrate --help for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const options = program.opts<Options>();
  const paths = program.processedArgs[0] as string[];
  const out = makeChalk(process.stdout);
  const err = makeChalk(process.stderr);

  if (options.listTransforms) {
    const { transformCatalog } = await import('../transforms/index.js');
    for (const t of transformCatalog) process.stdout.write(`${t.id.padEnd(34)} ${t.description}\n`);
    return EXIT.ok;
  }
  if (options.dryRun && options.check) throw new UsageError('--dry-run and --check cannot be used together');
  if (options.writeSetup !== undefined && !planMode) throw new UsageError('--write-setup goes with plan: scalekit-migrate plan --write-setup <file> [paths...]');
  if (options.interactive && (options.dryRun || options.check || planMode)) throw new UsageError('--interactive writes what you accept: it cannot be used with --dry-run, --check or plan');
  if (options.interactive && options.format === 'json') throw new UsageError('--interactive cannot be used with --format json');
  if (options.interactive && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError('--interactive needs a terminal (stdin and stdout); use --dry-run to print the diff instead');
  }
  for (const report of options.report) {
    if (!/\.(json|md|markdown|sarif)$/i.test(report)) throw new UsageError(`--report ${report}: the format comes from the extension: .json, .md or .sarif`);
  }

  // the mapping tables (zod), TypeScript and the transforms load only now: --help, --version and usage errors answer at once
  const { loadMappings } = await import('./mappings/load.js');
  const mappings = await loadMappings({ userFile: options.mappings, connections: options.connection, ...(options.adapterPath ? { adapterDir: options.adapterPath } : {}) });
  timing('mappings loaded');
  const write = !options.dryRun && !options.check && !planMode && !options.interactive;
  if ((write || options.interactive) && !options.force) {
    const dirty = uncommittedChanges(paths);
    if (dirty.length > 0) {
      const listed = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, and ${dirty.length - 5} more` : '');
      throw new UsageError(`the git tree has uncommitted changes (${listed}); commit or stash them first, or pass --force`);
    }
  }

  const [{ migration }, { runMigration }] = await Promise.all([import('../transforms/index.js'), import('./run.js')]);
  timing('transforms loaded');
  const progress = progressLine(process.stderr, !options.quiet && options.format === 'text');
  // the plan costs a parse of every changed file: only when something shows it
  const planWanted = planMode || options.report.some((r) => !/\.sarif$/i.test(r)) || options.format === 'json';
  const result = await runMigration({
    paths,
    mappings,
    // texts are held only for what reads them: a diff, a review, a plan
    keepTexts: Boolean(options.dryRun || options.interactive || planWanted),
    migration,
    write,
    maxFileSize: options.maxFileSize,
    ignore: options.extensions ? [...options.ignore, ...ignoresOutsideExtensions(options.extensions)] : options.ignore,
    onProgress: progress.update,
    // opt-in: on the bench machine (2 cores) workers did not pay for their start-up yet
    jobs: options.jobs ?? 1,
    migrationModule: new URL('../transforms/index.js', import.meta.url).href,
  });
  progress.clear();
  timing('run done');
  let review: Awaited<ReturnType<typeof reviewChanges>> | undefined;
  if (options.interactive) {
    // shared client modules last, as a write run does: quitting early leaves them for the next run
    const would = result.files.filter((f) => f.status === 'changed').sort((a, b) => (a.writeLast ?? 0) - (b.writeLast ?? 0));
    const diff = await import('./diff.js');
    const show = (file: FileResult, index: number, total: number) => reviewScreen(file, index, total, out, diff);
    review = await reviewChanges(would, { input: process.stdin, output: process.stdout }, show, (file) => writeFileAtomic(file.path, file.after!, file.bom ?? false));
    // what the user skipped is reported as it is on disk: unchanged
    for (const file of review.skipped) file.status = 'unchanged';
    for (const { file, reason } of review.failed) {
      file.status = 'error';
      process.stderr.write(`scalekit-migrate: ${relativePath(file.path)}: not written (${reason}); the file is as it was\n`);
    }
  }
  const report: Report = buildReport(result, version);
  // files the run created (generated modules) are ours, not the user's: they add nothing to set up
  const plannable = result.files.filter((f) => f.status === 'changed' && f.after !== undefined && !f.created);
  if (migration.plan && planWanted) report.plan = migration.plan(plannable.map((f) => ({ path: relativePath(f.path), text: f.after!, before: f.before ?? '', findings: f.findings })), mappings);

  if (planMode && options.writeSetup !== undefined) writeSetupScript(options.writeSetup, migration.setupScript?.(report.plan!), options.quiet ?? false);

  const changed = result.files.filter((f) => f.status === 'changed');
  for (const target of options.report) {
    const text = /\.json$/i.test(target) ? renderJson(report) : /\.sarif$/i.test(target) ? renderSarif(report, mappings.rules) : renderMarkdown(report, mappings.rules);
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    writeFileSync(target, text);
  }
  if (process.env['GITHUB_ACTIONS'] === 'true' && (options.check || options.dryRun)) process.stdout.write(renderGithubAnnotations(report));
  const failed = (options.check && changed.length > 0) || (options.failOn === 'unmappable' && report.summary.findings.error > 0);
  const exitCode = failed ? EXIT.changes : EXIT.ok;
  if (options.format === 'json') {
    process.stdout.write(renderJson(report));
    return exitCode;
  }
  if (planMode) {
    if (!options.quiet) process.stdout.write(renderPlanMarkdown(report.plan!));
    return EXIT.ok;
  }
  if (options.verbose && result.workers > 0) process.stderr.write(`scalekit-migrate: transformed on ${result.workers + 1} threads (this one and ${result.workers} worker thread${result.workers === 1 ? '' : 's'}: ${result.workerFiles} files)\n`);
  if (!options.quiet && result.staleTempsRemoved) process.stderr.write(`scalekit-migrate: removed ${result.staleTempsRemoved} temporary file(s) an interrupted run left\n`);
  if (review && !options.quiet) {
    process.stdout.write(`\n${review.applied.length} applied, ${review.skipped.length} skipped${review.failed.length > 0 ? `, ${review.failed.length} not written` : ''}${review.quit ? ' (quit)' : ''}\n`);
  }
  if (options.dryRun && !options.quiet) {
    // the diff printer (and its library) loads only for the runs that print a diff
    const { colourDiff, unifiedDiff } = await import('./diff.js');
    for (const file of changed) process.stdout.write(colourDiff(unifiedDiff(relativePath(file.path), file.before!, file.after!, file.language, { created: file.created ?? false, bom: file.bom ?? false }), out));
  }
  if (options.check && !options.quiet) {
    for (const file of changed) process.stdout.write(`${out.yellow('would change')} ${relativePath(file.path)}\n`);
  }
  if (!options.quiet) {
    const stream = options.dryRun ? process.stderr : process.stdout;
    stream.write((changed.length > 0 && (options.dryRun || options.check) ? '\n' : '') + renderSummary(report, options.dryRun ? err : out, { verbose: options.verbose ?? false }));
    const format = (write || review) && changed.length > 0 ? formatterCommand(changed.map((f) => relativePath(f.path))) : undefined;
    if (format) stream.write(`\nWe never reformat; to format the changed files with your project's formatter:\n  ${format}\n`);
  }
  return exitCode;
}

/** `plan --write-setup <file>`: the migration's setup script, or a word that there is nothing to set up. */
function writeSetupScript(target: string, script: string | undefined, quiet: boolean): void {
  if (script === undefined) {
    if (!quiet) process.stderr.write(`scalekit-migrate: the plan has nothing to set up; ${target} not written\n`);
    return;
  }
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  writeFileSync(target, script);
  if (!quiet) process.stderr.write(`scalekit-migrate: wrote ${target}; run it once per environment: python3 ${target}\n`);
}

/**
 * On a terminal, for runs over a second: `scalekit-migrate: 1200/5000 files, 14 changed, 37 findings`
 * on one line of stderr, redrawn at most ten times a second and erased at the end.
 */
function progressLine(stream: NodeJS.WriteStream, wanted: boolean) {
  const started = Date.now();
  // how long a run goes before the line shows; the test suite sets it to 0 (a fast machine ends a test run in under a second)
  const after = Number(process.env['SCALEKIT_MIGRATE_PROGRESS_AFTER_MS'] ?? 1000);
  let drawn = 0;
  let shown = false;
  return {
    update(p: { done: number; total: number; changed: number; findings: number }) {
      if (!wanted || !stream.isTTY) return;
      const now = Date.now();
      if (now - started < after || now - drawn < 100) return;
      drawn = now;
      shown = true;
      stream.write(`\r\u001b[Kscalekit-migrate: ${p.done}/${p.total} files, ${p.changed} changed, ${p.findings} findings`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}

/** One file of --interactive: where we are, its diff, what it leaves to do. */
function reviewScreen(file: FileResult, index: number, total: number, chalk: ChalkInstance, { colourDiff, unifiedDiff }: typeof import('./diff.js')): string {
  const header = chalk.bold(`[${index}/${total}] ${relativePath(file.path)}`);
  const findings = file.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `  line ${f.line}: ${f.severity === 'error' ? chalk.red(f.severity) : chalk.yellow(f.severity)} ${chalk.dim(f.rule)} ${f.message}`);
  return `${header}\n\n${colourDiff(unifiedDiff(relativePath(file.path), file.before!, file.after!, file.language, { created: file.created ?? false, bom: file.bom ?? false }), chalk)}${findings.length > 0 ? `\n${findings.join('\n')}\n` : ''}\n`;
}

// `scalekit-migrate ... | head`: a reader that goes away is not an error of ours
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof MappingError || error instanceof PathError) {
      process.stderr.write(`scalekit-migrate: ${error.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const debug = process.argv.includes('--debug');
    process.stderr.write(`scalekit-migrate: internal error: ${(error as Error).message}${debug ? `\n${(error as Error).stack}` : ' (run with --debug for details)'}\n`);
    process.exitCode = EXIT.internal;
  },
);

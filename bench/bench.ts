/**
 * npm run bench: wall time and peak memory of a real run (the built CLI, --check, as CI runs it),
 * with a warm V8 code cache for ts-morph (src/compile-cache.ts: every run after a machine's first)
 * and without one (a first run: an empty cache folder each time),
 * against baselines measured in the same run on the same files: a read-only floor (list and read
 * every file) and ts-morph parse-only. Medians of several runs; ratios against the baselines.
 * For scale against the usual codemod tool: jscodeshift's CLI running a one-rule transform
 * (rename `Composio`) with the same prefilter idea (skip files without 'composio'), on the same files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from '../src/ts-morph.js';
import { makeCorpus } from './corpora.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules/.bin/jscodeshift');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/** The CLI's default --jobs is 1 (this thread only); the bench also measures this thread with worker threads, one per other core. */
const OTHER_JOBS = Math.max(availableParallelism(), 2);
const OTHER_JOBS_ROW = `scalekit-migrate --check --jobs ${OTHER_JOBS}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs a measurement in a fresh node process; each node process of it prints `bench-rss-kb <peak RSS>`
 * on stderr as it exits. Peak memory is their sum: one line for ours (one process), one per process for
 * jscodeshift (its parent and the worker processes it forks, which run side by side).
 */
function measure(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; rssMb: number } {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const reports = [...child.stderr.matchAll(/^bench-rss-kb (\d+)$/gm)];
  if (reports.length === 0) throw new Error(`measurement failed: ${child.stderr.slice(-500)}`);
  return { ms, rssMb: reports.reduce((sum, match) => sum + Number(match[1]), 0) / 1024 };
}

function writeProbes(dir: string): { readOnly: string; parseOnly: string; ours: string; jscodeshiftTransform: string; jscodeshiftEnv: NodeJS.ProcessEnv; cacheDir: string } {
  const report = `process.on('exit', () => process.stderr.write('\\nbench-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`;
  // the baselines are CommonJS scripts: `require` loads a package without the export scan an ES module's import costs
  const readOnly = path.join(dir, 'read-only.cjs');
  writeFileSync(
    readOnly,
    `${report}const fg = require(${JSON.stringify(pathToImport('fast-glob'))});\nconst { readFileSync } = require('node:fs');\nconst files = fg.sync('**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', { cwd: process.argv[2], absolute: true, ignore: ['**/node_modules/**'] });\nlet bytes = 0; for (const f of files) bytes += readFileSync(f).length;\n`,
  );
  const parseOnly = path.join(dir, 'parse-only.cjs');
  writeFileSync(
    parseOnly,
    `${report}const fg = require(${JSON.stringify(pathToImport('fast-glob'))});\nconst { readFileSync } = require('node:fs');\nconst { Project } = require(${JSON.stringify(pathToImport('ts-morph'))});\nconst files = fg.sync('**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', { cwd: process.argv[2], absolute: true, ignore: ['**/node_modules/**'] });\nconst project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: true, noLib: true, noResolve: true } });\nfor (const f of files) project.createSourceFile(f, readFileSync(f, 'utf8'), { overwrite: true });\n`,
  );
  const ours = path.join(dir, 'ours.mjs');
  writeFileSync(ours, `${report}process.argv.splice(2, 0, '--check', '--quiet');\nawait import(${JSON.stringify(CLI)});\n`);
  // jscodeshift is run by its own CLI, as users run it; the report is preloaded into its parent and workers
  const jscodeshiftReport = path.join(dir, 'jscodeshift-report.cjs');
  writeFileSync(jscodeshiftReport, report);
  const jscodeshiftEnv = { ...process.env, NODE_OPTIONS: `--require ${jscodeshiftReport}` };
  const jscodeshiftTransform = path.join(dir, 'rename-composio.cjs');
  writeFileSync(
    jscodeshiftTransform,
    `module.exports = function (file, api) {\n  if (!file.source.includes('composio')) return undefined;\n  const j = api.jscodeshift;\n  const root = j(file.source);\n  root.find(j.Identifier, { name: 'Composio' }).forEach((p) => { p.node.name = 'ScalekitClient'; });\n  return root.toSource();\n};\n`,
  );
  const cacheDir = path.join(dir, 'compile-cache');
  return { readOnly, parseOnly, ours, jscodeshiftTransform, jscodeshiftEnv, cacheDir };
}

function pathToImport(name: string): string {
  return path.join(ROOT, 'node_modules', name, name === 'ts-morph' ? 'dist/ts-morph.js' : 'out/index.js');
}

function bench(label: string, repo: string, probes: ReturnType<typeof writeProbes>): string[] {
  const jscodeshiftArgs = ['--dry', '--silent', '--parser=tsx', '--extensions=ts,tsx', '-t', probes.jscodeshiftTransform, repo];
  const rows: Record<string, Array<{ ms: number; rssMb: number }>> = {
    'read-only floor': [],
    'ts-morph parse-only': [],
    'scalekit-migrate --check': [],
    'scalekit-migrate --check, no compile cache': [],
    [OTHER_JOBS_ROW]: [],
    'jscodeshift --dry, 1 rule': [],
  };
  const warmCache = { ...process.env, SCALEKIT_MIGRATE_CACHE_DIR: probes.cacheDir };
  measure(probes.ours, [repo], warmCache); // fills the cache, as a machine's first run does
  for (let i = 0; i < RUNS; i++) {
    rows['read-only floor']!.push(measure(probes.readOnly, [repo]));
    rows['ts-morph parse-only']!.push(measure(probes.parseOnly, [repo]));
    rows['scalekit-migrate --check']!.push(measure(probes.ours, [repo], warmCache));
    const coldCache = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-bench-cache-'));
    rows['scalekit-migrate --check, no compile cache']!.push(measure(probes.ours, [repo], { ...process.env, SCALEKIT_MIGRATE_CACHE_DIR: coldCache }));
    rmSync(coldCache, { recursive: true, force: true });
    rows[OTHER_JOBS_ROW]!.push(measure(probes.ours, ['--jobs', String(OTHER_JOBS), repo], warmCache));
    rows['jscodeshift --dry, 1 rule']!.push(measure(JSCODESHIFT, jscodeshiftArgs, probes.jscodeshiftEnv));
  }
  const floor = median(rows['read-only floor']!.map((r) => r.ms));
  const parse = median(rows['ts-morph parse-only']!.map((r) => r.ms));
  const oursMs = median(rows['scalekit-migrate --check']!.map((r) => r.ms));
  const oursRss = median(rows['scalekit-migrate --check']!.map((r) => r.rssMb));
  const lines = [
    `${label} (median of ${RUNS} runs, each in a fresh node process)`,
    '| measurement | wall ms | peak RSS MB | × read-only | × parse-only | × ours |',
    '|---|---|---|---|---|---|',
  ];
  for (const [name, values] of Object.entries(rows)) {
    const ms = median(values.map((v) => v.ms));
    const rss = median(values.map((v) => v.rssMb));
    lines.push(`| ${name} | ${ms.toFixed(0)} | ${rss.toFixed(0)} | ${(ms / floor).toFixed(2)} | ${(ms / parse).toFixed(2)} | ${(ms / oursMs).toFixed(2)} |`);
  }
  const jscodeshiftMs = median(rows['jscodeshift --dry, 1 rule']!.map((r) => r.ms));
  const jscodeshiftRss = median(rows['jscodeshift --dry, 1 rule']!.map((r) => r.rssMb));
  lines.push('', `jscodeshift / ours: ${(jscodeshiftMs / oursMs).toFixed(2)}× wall time, ${(jscodeshiftRss / oursRss).toFixed(2)}× peak RSS`);
  // a shared machine drifts between iterations: each iteration's own ratio (measured seconds apart) is the steadier figure
  const paired = (row: string, baseline: string) => median(rows[row]!.map((r, i) => r.ms / rows[baseline]![i]!.ms)).toFixed(2);
  lines.push(
    `median of each iteration's ratio: ours / read-only ${paired('scalekit-migrate --check', 'read-only floor')}, ours / parse-only ${paired('scalekit-migrate --check', 'ts-morph parse-only')}, jscodeshift / ours ${paired('jscodeshift --dry, 1 rule', 'scalekit-migrate --check')}`,
  );
  return lines;
}

/** Peak memory of ours (--check, warm cache) on dense repositories of 1,000, 2,000 and 4,000 files of each shape: it must not grow with the repository. */
function memoryGrowth(probes: ReturnType<typeof writeProbes>): string[] {
  const runs = Math.max(1, Math.min(RUNS, 3));
  const lines = [`peak memory of scalekit-migrate --check on dense repositories (median of ${runs} runs)`, '| shape | files | wall ms | peak RSS MB |', '|---|---|---|---|'];
  const warmCache = { ...process.env, SCALEKIT_MIGRATE_CACHE_DIR: probes.cacheDir };
  for (const shape of ['synthetic', 'app'] as const) {
    for (const files of [1000, 2000, 4000]) {
      const repo = makeCorpus(shape, files, 1);
      try {
        const measured = Array.from({ length: runs }, () => measure(probes.ours, [repo], warmCache));
        lines.push(`| ${shape} | ${files} | ${median(measured.map((m) => m.ms)).toFixed(0)} | ${median(measured.map((m) => m.rssMb)).toFixed(0)} |`);
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    }
  }
  return lines;
}

function main(): void {
  readFileSync(CLI); // fail early when the CLI is not built
  const work = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-probes-'));
  const probes = writeProbes(work);
  const repos = [
    { label: 'synthetic: 5,000 files, 2% Composio', repo: makeCorpus('synthetic', 5000, 0.02) },
    { label: 'synthetic: 1,000 files, all Composio', repo: makeCorpus('synthetic', 1000, 1) },
    { label: 'app-shaped: 5,000 files, 2% Composio', repo: makeCorpus('app', 5000, 0.02) },
    { label: 'app-shaped: 1,000 files, all Composio', repo: makeCorpus('app', 1000, 1) },
  ];
  const jscodeshiftVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/jscodeshift/package.json'), 'utf8')) as { version: string }).version;
  const cpuCount = cpus().length;
  const out: string[] = [
    `node ${process.version}, TypeScript ${ts.version} (ts-morph), jscodeshift ${jscodeshiftVersion}, ${RUNS} runs`,
    `${cpuCount} cpus: jscodeshift forks its default max(cpus - 1, 1) = ${Math.max(cpuCount - 1, 1)} worker process(es); its peak RSS is parent + workers`,
    '',
  ];
  try {
    for (const { label, repo } of repos) out.push(...bench(label, repo, probes), '');
    out.push(...memoryGrowth(probes), '');
  } finally {
    for (const { repo } of repos) rmSync(repo, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();

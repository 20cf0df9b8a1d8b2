/**
 * npm run bench: wall time and peak memory of a real run (the built CLI, --check, as CI runs it),
 * against baselines measured in the same run on the same files: a read-only floor (list and read
 * every file) and ts-morph parse-only. Medians of several runs; ratios against the baselines.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli.js');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

const LIB = `import { Composio } from '@composio/core';

export const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

export function getComposio(): Composio {
  return composio;
}
`;

function composioFile(i: number): string {
  return `import { getComposio } from '../lib/composio';

const TOOL = 'GITHUB_CREATE_AN_ISSUE';

export async function handler${i}(userId: string, toolName: string, input: Record<string, unknown>) {
  const composio = getComposio();
  const session = await composio.create(userId, { toolkits: ['github', 'gmail'] });
  const tools = await session.tools();
  const fixed = await composio.tools.execute(TOOL, { userId, arguments: { title: 'x${i}' } });
  const dynamic = await composio.tools.execute(toolName, { userId, arguments: input });
  const accounts = await composio.connectedAccounts.list({ userIds: [userId] });
  const active = accounts.items.filter((a) => a.status === 'ACTIVE');
  await composio.triggers.subscribe((event) => console.log(event.triggerSlug));
  return { tools, fixed, dynamic, active };
}
`;
}

function plainFile(i: number): string {
  const body = Array.from({ length: 20 }, (_, j) => `  const v${j} = items.filter((item) => item.id % ${j + 2} === 0).map((item) => ({ ...item, rank: ${j} }));\n  total += v${j}.length;`).join('\n');
  return `import { format } from './format';

export interface Item${i} { id: number; name: string; rank?: number }

/** Summarises a batch of items (synthetic file ${i}). */
export function summarise${i}(items: Item${i}[]): string {
  let total = 0;
${body}
  return format(total, 'items');
}
`;
}

function makeRepo(total: number, composioShare: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-bench-'));
  mkdirSync(path.join(dir, 'src/lib'), { recursive: true });
  writeFileSync(path.join(dir, 'src/lib/composio.ts'), LIB);
  const composioCount = Math.round(total * composioShare);
  for (let i = 0; i < total - 1; i++) {
    const sub = path.join(dir, 'src', `m${Math.floor(i / 200)}`);
    mkdirSync(sub, { recursive: true });
    const isComposio = i < composioCount - 1;
    writeFileSync(path.join(sub, `f${i}.ts`), isComposio ? composioFile(i) : plainFile(i));
  }
  return dir;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a measurement in a fresh node process; it prints `{ ms, rssMb }` as its last line. */
function measure(script: string, args: string[]): { ms: number; rssMb: number } {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const last = child.stderr.trim().split('\n').pop() ?? '';
  const match = /^bench-rss-kb (\d+)$/.exec(last);
  if (!match) throw new Error(`measurement failed: ${child.stderr.slice(-500)}`);
  return { ms, rssMb: Number(match[1]) / 1024 };
}

function writeProbes(dir: string): { readOnly: string; parseOnly: string; ours: string } {
  const report = `process.on('exit', () => process.stderr.write('\\nbench-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`;
  const readOnly = path.join(dir, 'read-only.mjs');
  writeFileSync(
    readOnly,
    `${report}import fg from ${JSON.stringify(pathToImport('fast-glob'))};\nimport { readFileSync } from 'node:fs';\nconst files = fg.sync('**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', { cwd: process.argv[2], absolute: true, ignore: ['**/node_modules/**'] });\nlet bytes = 0; for (const f of files) bytes += readFileSync(f).length;\n`,
  );
  const parseOnly = path.join(dir, 'parse-only.mjs');
  writeFileSync(
    parseOnly,
    `${report}import fg from ${JSON.stringify(pathToImport('fast-glob'))};\nimport { readFileSync } from 'node:fs';\nimport tsMorph from ${JSON.stringify(pathToImport('ts-morph'))};\nconst { Project } = tsMorph;\nconst files = fg.sync('**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}', { cwd: process.argv[2], absolute: true, ignore: ['**/node_modules/**'] });\nconst project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: true, noLib: true, noResolve: true } });\nfor (const f of files) project.createSourceFile(f, readFileSync(f, 'utf8'), { overwrite: true });\n`,
  );
  const ours = path.join(dir, 'ours.mjs');
  writeFileSync(ours, `${report}process.argv.splice(2, 0, '--check', '--quiet');\nawait import(${JSON.stringify(CLI)});\n`);
  return { readOnly, parseOnly, ours };
}

function pathToImport(name: string): string {
  return path.join(ROOT, 'node_modules', name, name === 'ts-morph' ? 'dist/ts-morph.js' : 'out/index.js');
}

function bench(label: string, repo: string, probes: ReturnType<typeof writeProbes>): string[] {
  const rows: Record<string, Array<{ ms: number; rssMb: number }>> = { 'read-only floor': [], 'ts-morph parse-only': [], 'scalekit-migrate --check': [] };
  for (let i = 0; i < RUNS; i++) {
    rows['read-only floor']!.push(measure(probes.readOnly, [repo]));
    rows['ts-morph parse-only']!.push(measure(probes.parseOnly, [repo]));
    rows['scalekit-migrate --check']!.push(measure(probes.ours, [repo]));
  }
  const floor = median(rows['read-only floor']!.map((r) => r.ms));
  const parse = median(rows['ts-morph parse-only']!.map((r) => r.ms));
  const lines = [`${label} (median of ${RUNS} runs, each in a fresh node process)`, '| measurement | wall ms | peak RSS MB | × read-only | × parse-only |', '|---|---|---|---|---|'];
  for (const [name, values] of Object.entries(rows)) {
    const ms = median(values.map((v) => v.ms));
    const rss = median(values.map((v) => v.rssMb));
    lines.push(`| ${name} | ${ms.toFixed(0)} | ${rss.toFixed(0)} | ${(ms / floor).toFixed(2)} | ${(ms / parse).toFixed(2)} |`);
  }
  return lines;
}

function main(): void {
  readFileSync(CLI); // fail early when the CLI is not built
  const work = mkdtempSync(path.join(tmpdir(), 'scalekit-migrate-probes-'));
  const probes = writeProbes(work);
  const repos = [
    { label: '5,000 files, 2% Composio', repo: makeRepo(5000, 0.02) },
    { label: '1,000 files, all Composio', repo: makeRepo(1000, 1) },
  ];
  const out: string[] = [`node ${process.version}, TypeScript ${ts.version} (ts-morph), ${RUNS} runs`, ''];
  try {
    for (const { label, repo } of repos) out.push(...bench(label, repo, probes), '');
  } finally {
    for (const { repo } of repos) rmSync(repo, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main();

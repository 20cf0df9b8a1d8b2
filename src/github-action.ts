/**
 * The step action.yml runs: the CLI on the workspace as the workflow's inputs ask (INPUT_* variables,
 * which action.yml passes from `with:`), then the JSON report handed to the runner: outputs in
 * $GITHUB_OUTPUT, the Markdown report in $GITHUB_STEP_SUMMARY. The step's exit code is the CLI's, so a
 * check that finds files to change fails the job. Annotations need nothing here: the CLI prints them
 * itself when GITHUB_ACTIONS=true.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from './exit-codes.js';
import type { Report } from './report/model.js';

/** The action's inputs (action.yml `inputs:`), as the variables its step receives, with the same defaults. */
export const ACTION_INPUTS = {
  paths: { variable: 'INPUT_PATHS', default: '.' },
  mode: { variable: 'INPUT_MODE', default: 'check' },
  'fail-on': { variable: 'INPUT_FAIL_ON', default: '' },
  mappings: { variable: 'INPUT_MAPPINGS', default: '' },
  connection: { variable: 'INPUT_CONNECTION', default: '' },
  report: { variable: 'INPUT_REPORT', default: '' },
  'upload-sarif': { variable: 'INPUT_UPLOAD_SARIF', default: 'false' },
} as const;

export type ActionInput = keyof typeof ACTION_INPUTS;

/** The outputs the step writes (action.yml `outputs:` reads each from the step). */
export const ACTION_OUTPUTS = ['files-changed', 'changed-files', 'errors', 'warnings', 'report-json', 'report-markdown', 'sarif-file', 'exit-code'] as const;

const MODES = ['check', 'dry-run'] as const;

/** GitHub refuses a step summary over 1 MiB; the report is cut below it, with a note saying where the rest is. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024 - 4096;

export class ActionInputError extends Error {}

export interface ActionRun {
  args: string[];
  reportJson: string;
  reportMarkdown: string;
  sarif?: string;
}

/** The CLI's arguments for the inputs, with the action's own reports (JSON for the outputs, Markdown for the summary) in `reportDir`. */
export function cliArguments(input: (name: ActionInput) => string, reportDir: string): ActionRun {
  const mode = input('mode');
  if (!(MODES as readonly string[]).includes(mode)) throw new ActionInputError(`mode must be ${MODES.join(' or ')}, got "${mode}"`);
  const uploadSarif = input('upload-sarif');
  if (uploadSarif !== 'true' && uploadSarif !== 'false') throw new ActionInputError(`upload-sarif must be true or false, got "${uploadSarif}"`);
  const run: ActionRun = { args: [`--${mode}`], reportJson: path.join(reportDir, 'report.json'), reportMarkdown: path.join(reportDir, 'report.md') };
  run.args.push('--report', run.reportJson, '--report', run.reportMarkdown);
  if (uploadSarif === 'true') {
    run.sarif = path.join(reportDir, 'report.sarif');
    run.args.push('--report', run.sarif);
  }
  for (const report of list(input('report'))) run.args.push('--report', report);
  if (input('fail-on')) run.args.push('--fail-on', input('fail-on'));
  if (input('mappings')) run.args.push('--mappings', input('mappings'));
  for (const connection of list(input('connection'))) run.args.push('--connection', connection);
  // after `--`: a path starting with a dash is still a path
  run.args.push('--', ...(list(input('paths')).length > 0 ? list(input('paths')) : ['.']));
  return run;
}

/** Inputs take several values separated by spaces or new lines (a YAML block scalar gives one a line). */
function list(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

/** `name<<delimiter` form for every value, as the runner's own toolkit writes: a value may hold new lines. */
export function outputLines(outputs: Record<string, string>): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return text;
}

export function reportOutputs(report: Report, run: ActionRun, exitCode: number): Record<string, string> {
  return {
    'files-changed': String(report.summary.filesChanged),
    'changed-files': report.files.filter((f) => f.status === 'changed').map((f) => f.path).join('\n'),
    errors: String(report.summary.findings.error),
    warnings: String(report.summary.findings.warning),
    'report-json': run.reportJson,
    'report-markdown': run.reportMarkdown,
    ...(run.sarif ? { 'sarif-file': run.sarif } : {}),
    'exit-code': String(exitCode),
  };
}

/** The job summary: one line of verdict, then the Markdown report (cut to GitHub's limit). */
export function stepSummary(mode: string, report: Report, markdown: string, exitCode: number, limit = STEP_SUMMARY_LIMIT): string {
  const { filesChanged, findings } = report.summary;
  const verdict = `> **scalekit-migrate --${mode}**: ${filesChanged} file${filesChanged === 1 ? '' : 's'} would change, ${findings.error} error${findings.error === 1 ? '' : 's'}, ${findings.warning} warning${findings.warning === 1 ? '' : 's'} (exit ${exitCode}).\n\n`;
  let body = markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  if (Buffer.byteLength(verdict + body) > limit) {
    const note = `\n\n*The report is cut here: a job summary holds 1 MiB. The whole report is the step's \`report-markdown\` output, or a path given to \`report:\`.*\n`;
    const room = limit - Buffer.byteLength(verdict + note);
    const bytes = Buffer.from(body);
    // cut at the last full line that fits
    const end = bytes.lastIndexOf(0x0a, room);
    body = bytes.subarray(0, end > 0 ? end : 0).toString('utf8') + note;
  }
  return verdict + body;
}

function inputFrom(env: NodeJS.ProcessEnv) {
  return (name: ActionInput): string => (env[ACTION_INPUTS[name].variable] ?? ACTION_INPUTS[name].default).trim();
}

/** The whole step; returns the exit code the step ends with. */
export function runAction(env: NodeJS.ProcessEnv = process.env): number {
  const input = inputFrom(env);
  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const reportParent = env['RUNNER_TEMP'] || tmpdir();
  mkdirSync(reportParent, { recursive: true });
  let run: ActionRun;
  try {
    run = cliArguments(input, mkdtempSync(path.join(reportParent, 'scalekit-migrate-')));
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    process.stdout.write(`::error title=scalekit-migrate::${error.message}\n`);
    return EXIT.usage;
  }
  const cli = fileURLToPath(new URL('./cli.js', import.meta.url));
  process.stdout.write(`scalekit-migrate ${run.args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [cli, ...run.args], { cwd: workspace, stdio: 'inherit', env: { ...env, GITHUB_ACTIONS: 'true' } });
  const exitCode = result.status ?? EXIT.internal;
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  const outputFile = env['GITHUB_OUTPUT'];
  if (!existsSync(run.reportJson)) {
    // a usage error (exit 2) or a crash: the CLI said why on stderr, the job summary says where to look
    if (summaryFile) appendFileSync(summaryFile, `> **scalekit-migrate --${input('mode')}** stopped with exit ${exitCode} before writing its report; the step's log says why.\n`);
    if (outputFile) appendFileSync(outputFile, outputLines({ 'exit-code': String(exitCode) }));
    return exitCode;
  }
  const report = JSON.parse(readFileSync(run.reportJson, 'utf8')) as Report;
  if (outputFile) appendFileSync(outputFile, outputLines(reportOutputs(report, run, exitCode)));
  if (summaryFile) appendFileSync(summaryFile, stepSummary(input('mode'), report, readFileSync(run.reportMarkdown, 'utf8'), exitCode));
  return exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runAction();
}

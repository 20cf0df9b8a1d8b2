import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePython, pythonSyntaxError } from '../src/python/parser.js';
import { PythonModules } from '../transforms/python/imported-clients.js';
import { loadFixtures, ROOT, writeTree } from './support/fixtures.js';

const CLI = path.join(ROOT, 'dist/src/cli.js');
const pythonFiles = loadFixtures().flatMap((c) => [...c.outputFiles, ...c.inputFiles]).filter((f) => f.endsWith('.py'));
const hasPython3 = spawnSync('python3', ['--version']).status === 0;

beforeAll(async () => {
  await preparePython();
});

describe('Python', () => {
  it('has Python fixtures', () => {
    expect(pythonFiles.length).toBeGreaterThan(0);
  });

  it('every Python fixture (input and migrated output) parses with the tree-sitter grammar', () => {
    const errors = pythonFiles.map((f) => [path.relative(ROOT, f), pythonSyntaxError(readFileSync(f, 'utf8'))]).filter(([, e]) => e !== undefined);
    expect(errors).toEqual([]);
  });

  it.skipIf(!hasPython3)("every Python fixture parses with python3's own ast module", () => {
    const check = spawnSync('python3', ['-c', 'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding="utf-8").read(), f)', ...pythonFiles], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
  });

  it("every notebook fixture stays a valid notebook whose code cells parse", () => {
    const notebooks = loadFixtures().flatMap((c) => [...c.outputFiles, ...c.inputFiles]).filter((f) => f.endsWith('.ipynb'));
    expect(notebooks.length).toBeGreaterThan(0);
    for (const file of notebooks) {
      const notebook = JSON.parse(readFileSync(file, 'utf8')) as { cells: Array<{ cell_type: string; source: string | string[] }> };
      for (const cell of notebook.cells.filter((c) => c.cell_type === 'code')) {
        const code = (Array.isArray(cell.source) ? cell.source.join('') : cell.source).replace(/^(\s*)[!%]/gm, '$1#');
        expect(pythonSyntaxError(code), `${path.relative(ROOT, file)}: ${code}`).toBeUndefined();
      }
    }
  });

  it('finds a syntax error, and says where', () => {
    expect(pythonSyntaxError('def f(:\n    pass\n')).toMatch(/^\(line 1, column \d+: /);
    expect(pythonSyntaxError('x = 1\n')).toBeUndefined();
  });

  it('a mixed repository (TypeScript service + Python agent) migrates in one run, with one report', () => {
    const dir = writeTree(
      new Map([
        ['service/lib/composio.ts', "import { Composio } from '@composio/core';\n\nexport const composio = new Composio();\n"],
        ['service/run.ts', "import { composio } from './lib/composio';\n\nexport const run = (userId: string) => composio.tools.execute('GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER', { userId, arguments: { owner: 'acme', repo: 'app' } });\n"],
        ['agent/main.py', 'from composio import Composio\n\ncomposio = Composio()\nresult = composio.tools.execute("GMAIL_SEND_EMAIL", arguments={"recipient_email": "a@b.c", "subject": "Hi", "body": "Hello"}, user_id="u1")\n'],
        ['agent/broken.py', 'from composio import Composio\ndef f(:\n'],
      ]),
    );
    const run = spawnSync(process.execPath, [CLI, '--force', '--report', 'report.json', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { files: Array<{ path: string; language: string; status: string; findings: Array<{ rule: string; line: number }> }> };
    const byPath = new Map(report.files.map((f) => [f.path, f]));
    expect(byPath.get('agent/main.py')).toMatchObject({ language: 'python', status: 'changed' });
    expect(byPath.get('service/run.ts')).toMatchObject({ language: 'typescript', status: 'changed' });
    expect(byPath.get('agent/broken.py')).toMatchObject({ language: 'python', status: 'skipped' });
    expect(byPath.get('agent/broken.py')!.findings[0]).toMatchObject({ rule: 'file-parse-error', line: 2 });
    expect(readFileSync(path.join(dir, 'agent/main.py'), 'utf8')).toBe(
      'from scalekit import ScalekitClient\nimport os\n\ncomposio = ScalekitClient(env_url=os.environ["SCALEKIT_ENV_URL"], client_id=os.environ["SCALEKIT_CLIENT_ID"], client_secret=os.environ["SCALEKIT_CLIENT_SECRET"])\nresult = composio.actions.execute_tool(tool_name="gmail_send_message", identifier="u1", connection_name="gmail", tool_input={"to": "a@b.c", "subject": "Hi", "body": "Hello"})\n',
    );
    expect(readFileSync(path.join(dir, 'agent/broken.py'), 'utf8')).toBe('from composio import Composio\ndef f(:\n');
    // a second run changes nothing
    const again = spawnSync(process.execPath, [CLI, '--check', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(again.status, again.stdout).toBe(0);
  });
});

describe('Python modules', () => {
  const root = path.join(path.sep, 'repo');
  const at = (...parts: string[]) => path.join(root, ...parts);
  const modules = new PythonModules([at('app', '__init__.py'), at('app', 'clients.py'), at('app', 'api', 'routes.py'), at('svc', 'app', 'clients.py'), at('svc', 'main.py'), at('lib', 'tools', '__init__.py')]);
  const resolveModule = (from: string, module: string) => modules.resolve(from, module);

  it('resolves relative imports from the importer’s package, and absolute ones by dotted path (the nearest when several)', () => {
    expect(resolveModule(at('app', 'api', 'routes.py'), '..clients')).toBe(at('app', 'clients.py'));
    expect(resolveModule(at('app', 'clients.py'), '.')).toBe(at('app', '__init__.py'));
    expect(resolveModule(at('app', 'clients.py'), '.missing')).toBeUndefined();
    expect(resolveModule(at('app', 'api', 'routes.py'), 'lib.tools')).toBe(at('lib', 'tools', '__init__.py'));
    // two app/clients.py: the one beside the importer
    expect(resolveModule(at('svc', 'main.py'), 'app.clients')).toBe(at('svc', 'app', 'clients.py'));
    expect(resolveModule(at('app', 'api', 'routes.py'), 'app.clients')).toBe(at('app', 'clients.py'));
    // as near as each other: none rather than a guess
    expect(resolveModule(at('lib', 'tools', '__init__.py'), 'app.clients')).toBeUndefined();
    expect(resolveModule(at('svc', 'main.py'), 'os')).toBeUndefined();
  });
});

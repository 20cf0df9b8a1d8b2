import type { ProjectFileTransform } from '../../src/migration.js';
import packageJson from './package-json.js';
import dotenv from './dotenv.js';
import mcpConfig, { MCP_CONFIG_PATTERNS } from './mcp-config.js';
import pythonDependencies from './python-dependencies.js';
import python from '../python/index.js';
import notebook from '../python/notebook.js';

export const projectFileTransforms: ProjectFileTransform[] = [packageJson, dotenv, mcpConfig, pythonDependencies, python, notebook];

/** Relative to each folder of the run; the runner already leaves out node_modules and build output. */
export const projectFilePatterns: string[] = ['**/package.json', '**/.env', '**/.env.*', ...MCP_CONFIG_PATTERNS, '**/requirements*.txt', '**/requirements*.in', '**/pyproject.toml', '**/Pipfile', '**/setup.cfg', '**/*.py', '**/*.ipynb'];

import type { FileContext, ProjectFileTransform } from '../../src/migration.js';

/**
 * .env files: the Composio API key becomes the Scalekit credentials, left empty (values are never
 * copied); other Composio variables are reported and left in place. Comments and blank lines stay.
 *   export COMPOSIO_API_KEY=ak_…  →  export SCALEKIT_ENV_URL=
 *                                    export SCALEKIT_CLIENT_ID=
 *                                    export SCALEKIT_CLIENT_SECRET=
 */
const transform: ProjectFileTransform = {
  id: 'dotenv-composio-variables',
  description: '.env files: COMPOSIO_API_KEY → empty SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET; other Composio variables reported',
  language: 'dotenv',
  matches: (relativePath) => isDotenvName(relativePath.split('/').pop()!),
  apply(ctx) {
    const variables = readVariables(ctx.text);
    const defined = new Set(variables.map((v) => v.name));
    const composioFile = variables.some((v) => v.name.includes('COMPOSIO'));
    const { replace, report } = ctx.mappings.envVars;
    const reported = report.map((entry) => ({ pattern: new RegExp(entry.pattern), rule: entry.rule }));
    for (const variable of variables) {
      if (Object.hasOwn(replace, variable.name)) {
        const names = replace[variable.name]!;
        replaceVariable(ctx, variable, names.filter((name) => !defined.has(name)), names.filter((name) => defined.has(name)));
        for (const name of names) defined.add(name);
        continue;
      }
      const rule = reported.find((entry) => entry.pattern.test(variable.name))?.rule ?? (variable.name.includes('COMPOSIO') ? 'env-composio-other' : undefined);
      // a name like *_AUTH_CONFIG_ID is Composio's only in a file that uses Composio, or when it holds an auth config id
      if (rule && (composioFile || AUTH_CONFIG_ID.test(variable.value))) ctx.report(rule, variable.nameStart, `(${variable.name})`);
    }
  },
};

const NOT_DOTENV = /\.(?:json|ya?ml|toml|gpg|age|enc|asc|vault|md)$/i;
const AUTH_CONFIG_ID = /^["'`]?ac_[A-Za-z0-9_-]+/;
const ASSIGNMENT = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/;
const REPLACED_RULE = 'env-api-key-replaced';

function isDotenvName(name: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(name) && !NOT_DOTENV.test(name);
}

interface Variable {
  name: string;
  nameStart: number;
  lineStart: number;
  /** End of the line's text, before its line break. */
  contentEnd: number;
  /** Start of the next line (after the line break). */
  nextLineStart: number;
  indent: string;
  /** `export ` as written, or ''. */
  exportPrefix: string;
  eol: string;
  /** Read only to decide what a variable is; never written or printed. */
  value: string;
}

/** The assignments of a .env text, skipping comments and the inner lines of multi-line quoted values. */
function readVariables(text: string): Variable[] {
  const variables: Variable[] = [];
  const defaultEol = text.includes('\r\n') ? '\r\n' : '\n';
  let openQuote: string | undefined;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const nextLineStart = newline === -1 ? text.length : newline + 1;
    const crlf = newline > lineStart && text[newline - 1] === '\r';
    const contentEnd = newline === -1 ? text.length : crlf ? newline - 1 : newline;
    const line = text.slice(lineStart, contentEnd);
    if (openQuote !== undefined) {
      if (closingQuote(line, openQuote)) openQuote = undefined;
    } else {
      const match = ASSIGNMENT.exec(line);
      if (match) {
        const [, indent = '', exportPrefix = '', name = '', value = ''] = match;
        variables.push({
          name,
          nameStart: lineStart + indent.length + exportPrefix.length,
          lineStart,
          contentEnd,
          nextLineStart,
          indent,
          exportPrefix,
          eol: newline === -1 ? defaultEol : crlf ? '\r\n' : '\n',
          value,
        });
        const quote = value[0];
        if ((quote === '"' || quote === "'" || quote === '`') && !closingQuote(value.slice(1), quote)) openQuote = quote;
      }
    }
    lineStart = nextLineStart;
  }
  return variables;
}

/** Whether a quoted value ends on this piece of line (backslash escapes only count in double quotes). */
function closingQuote(rest: string, quote: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\' && quote === '"') i++;
    else if (rest[i] === quote) return true;
  }
  return false;
}

/** The variable's line becomes one empty assignment per new name, in its own indent and `export` style. */
function replaceVariable(ctx: FileContext, variable: Variable, added: string[], present: string[]): void {
  if (added.length === 0) ctx.edits.add(variable.lineStart, variable.nextLineStart, '');
  else ctx.edits.add(variable.lineStart, variable.contentEnd, added.map((name) => `${variable.indent}${variable.exportPrefix}${name}=`).join(variable.eol));
  ctx.report(REPLACED_RULE, variable.nameStart, present.length > 0 ? `(${present.join(', ')} already in the file, so not added again)` : undefined);
}

export default transform;

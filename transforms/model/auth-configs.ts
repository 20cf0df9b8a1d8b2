import { Node, SyntaxKind, VariableDeclarationKind } from '../../src/ts-morph.js';
import type { Mappings } from '../../src/mappings/load.js';
import { declarationsOf } from './composio-bindings.js';

/**
 * Which toolkit a Composio auth config id belongs to. An id (`ac_...`) or the environment
 * variable holding it says nothing by itself: the user's `--mappings` file (`authConfigs`)
 * maps either to a toolkit, and a variable named after a known toolkit
 * (`GITHUB_AUTH_CONFIG_ID`, `COMPOSIO_GMAIL_AUTH_CONFIG`, `githubAuthConfigId`) names it.
 */
export interface ResolvedAuthConfig {
  toolkit: string;
  /** What it was resolved through, for the finding: the mapped key or the name read. */
  via: string;
}

/** Toolkit slugs of Composio's catalog that apps commonly connect (reference §5.2), lowercase. */
const KNOWN_TOOLKITS = [
  'github', 'gmail', 'slack', 'googlecalendar', 'notion', 'googlesheets', 'googledrive', 'linear', 'googledocs', 'hubspot',
  'outlook', 'jira', 'supabase', 'twitter', 'hackernews', 'composio_search', 'tavily', 'exa', 'firecrawl', 'serpapi',
  'shopify', 'airtable', 'asana', 'trello', 'clickup', 'discord', 'linkedin', 'youtube', 'reddit', 'salesforce', 'zoom',
  'googlemeet', 'calendly', 'stripe', 'perplexityai', 'microsoft_teams', 'dropbox', 'attio', 'mailchimp', 'confluence',
  'slackbot', 'codeinterpreter', 'text_to_pdf', 'peopledatalabs', 'figma', 'googlesuper', 'one_drive', 'gitlab', 'sentry',
  'apollo', 'discordbot', 'bitbucket', 'zendesk', 'intercom', 'pipedrive', 'freshdesk', 'monday', 'box', 'googletasks',
  'googlephotos', 'googlemaps', 'google_maps', 'googleads', 'google_analytics', 'onedrive', 'sharepoint', 'excel',
  'microsoft_outlook', 'todoist', 'typeform', 'webflow', 'wordpress', 'xero', 'quickbooks', 'zoho', 'zoho_crm', 'docusign',
  'dropbox_sign', 'miro', 'canva', 'spotify', 'twitch', 'instagram', 'facebook', 'whatsapp', 'telegram', 'resend', 'sendgrid',
];

const ENV_SUFFIX = /^(?:NEXT_PUBLIC_)?(?:COMPOSIO_)?(.+?)_(?:AUTH_?CONFIG(?:_?IDS?)?|INTEGRATION_?ID)$/;
const ENV_PREFIX = /^(?:NEXT_PUBLIC_)?(?:COMPOSIO_)?AUTH_?CONFIG(?:_?ID)?_(.+)$/;

/** The toolkit an auth config id expression names, or undefined when nothing says. */
export function resolveAuthConfig(expression: Node, mappings: Mappings): ResolvedAuthConfig | undefined {
  return resolve(expression, mappings, 0);
}

/** The toolkit a variable name (env var, constant, property) names, e.g. `GITHUB_AUTH_CONFIG_ID` → `github`. */
export function toolkitOfAuthConfigName(name: string, mappings: Mappings): string | undefined {
  const snake = upperSnake(name);
  const match = ENV_SUFFIX.exec(snake) ?? ENV_PREFIX.exec(snake);
  return match ? knownToolkit(match[1]!, mappings) : undefined;
}

function resolve(expression: Node, mappings: Mappings, depth: number): ResolvedAuthConfig | undefined {
  if (depth > 5) return undefined;
  const node = unwrapValue(expression);
  const mapped = (key: string): ResolvedAuthConfig | undefined => {
    const toolkit = mappings.authConfigs[key];
    return toolkit ? { toolkit: toolkit.toLowerCase(), via: key } : undefined;
  };
  const named = (name: string): ResolvedAuthConfig | undefined => {
    const toolkit = toolkitOfAuthConfigName(name, mappings);
    return toolkit ? { toolkit, via: name } : undefined;
  };

  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return mapped(node.getLiteralValue());

  const envName = processEnvName(node);
  if (envName) return mapped(envName) ?? named(envName);

  if (Node.isIdentifier(node)) {
    const declaration = declarationsOf(node).find((d) => Node.isVariableDeclaration(d));
    if (Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const) {
      const init = declaration.getInitializer();
      const viaValue = init ? resolve(init, mappings, depth + 1) : undefined;
      if (viaValue) return viaValue;
    }
    return mapped(node.getText()) ?? named(node.getText());
  }

  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const key = Node.isPropertyAccessExpression(node) ? node.getName() : literalText(node.getArgumentExpression());
    if (key === undefined) return undefined;
    const viaName = mapped(key) ?? named(key);
    if (viaName) return viaName;
    // `authConfigs.github`, `AUTH_CONFIG_IDS['gmail']`: a table of auth configs keyed by toolkit
    const holder = Node.isPropertyAccessExpression(node) ? node.getExpression() : node.getExpression();
    const holderName = Node.isPropertyAccessExpression(holder) ? holder.getName() : holder.getText();
    const toolkit = /auth_?configs?(_?ids?)?$/i.test(holderName) ? knownToolkit(upperSnake(key), mappings) : undefined;
    return toolkit ? { toolkit, via: node.getText() } : undefined;
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`: the variable's name. */
function processEnvName(node: Node): string | undefined {
  if (Node.isPropertyAccessExpression(node) && node.getExpression().getText().replace(/\s/g, '') === 'process.env') return node.getName();
  if (Node.isElementAccessExpression(node) && node.getExpression().getText().replace(/\s/g, '') === 'process.env') return literalText(node.getArgumentExpression());
  return undefined;
}

/** `x!`, `x as string`, `(x)`, `x ?? 'fallback'`, `x || ''`: the value that names the auth config is `x`. */
function unwrapValue(node: Node): Node {
  let current = node;
  for (;;) {
    if (Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current)) {
      current = current.getExpression();
    } else if (Node.isBinaryExpression(current) && [SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken].includes(current.compilerNode.operatorToken.kind)) {
      current = current.getLeft();
    } else {
      return current;
    }
  }
}

function literalText(node: Node | undefined): string | undefined {
  return node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) ? node.getLiteralValue() : undefined;
}

/** `githubAuthConfigId` → `GITHUB_AUTH_CONFIG_ID`; `GITHUB_AUTH_CONFIG_ID` stays. */
function upperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function knownToolkit(candidate: string, mappings: Mappings): string | undefined {
  const known = new Set<string>([
    ...KNOWN_TOOLKITS,
    ...Object.keys(mappings.toolkitConnectors).map((t) => t.toLowerCase()),
    ...mappings.multiWordToolkits.map((t) => t.toLowerCase()),
    ...Object.values(mappings.authConfigs).map((t) => t.toLowerCase()),
  ]);
  const lower = candidate.toLowerCase();
  if (known.has(lower)) return lower;
  // GOOGLE_CALENDAR_AUTH_CONFIG_ID names the toolkit `googlecalendar`
  const joined = lower.replace(/_/g, '');
  return known.has(joined) ? joined : undefined;
}

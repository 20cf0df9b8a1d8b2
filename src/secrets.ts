/**
 * Secret-looking values never leave the run: every message, report and diff line passes here.
 * Known key formats are caught anywhere; any quoted value is caught where its name says it is a secret.
 */
const KNOWN_TOKENS = [
  /\bak_[A-Za-z0-9_-]{8,}/g, // Composio API keys
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /\b(?:ghp|gho|ghs|ghu|github_pat)_[A-Za-z0-9_]{16,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, // JWTs
];
const BEARER = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/-]{8,}=*/g;

const SECRET_NAME = '[A-Za-z0-9_$.-]*(?:api[_-]?key|apikey|secret|token|password|passwd|credential|auth[_-]?key)[A-Za-z0-9_$-]*';
// a type annotation may stand between the name and its value: `composio_api_key: str = "..."`, `apiKey: string = '...'`
const QUOTED_AFTER_NAME = new RegExp(`(["']?${SECRET_NAME}["']?\\s*(?::\\s*[A-Za-z_][\\w.\\[\\]|, ]*?\\s*)?[:=]\\s*)(["'\`])([^"'\`\\n]{4,})\\2`, 'gi');
const DOTENV_LINE = /^([+\- ]?\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*)(.*?)(\r?)$/;
const DOTENV_COMMENT_OR_BLANK = /^[+\- ]?\s*(?:#.*)?\r?$/;

export const REDACTED = '***';

/** `GITHUB_DELETE_A_REPOSITORY_SECRET: 'github_repo_secret_delete'`: a tool slug and its Scalekit name, not a secret. */
const TOOL_NAME_ENTRY = /^["']?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+["']?\s*[:=]\s*$/;
const TOOL_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}$/;

function isToolNameEntry(head: string, value: string): boolean {
  if (!TOOL_NAME_ENTRY.test(head) || !TOOL_NAME.test(value)) return false;
  // the Scalekit name starts with the connector the slug starts with: GITHUB_… → github_…, MICROSOFT_TEAMS_… → microsoftteams_…
  const toolkit = /[A-Z][A-Z0-9]*/.exec(head)![0].toLowerCase();
  return value.startsWith(toolkit);
}

export function redactSecrets(text: string): string {
  let out = text.replace(QUOTED_AFTER_NAME, (match, head: string, quote: string, value: string) =>
    isToolNameEntry(head, value) ? match : `${head}${quote}${REDACTED}${quote}`,
  );
  for (const pattern of KNOWN_TOKENS) out = out.replace(pattern, REDACTED);
  return out.replace(BEARER, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

/** For .env files every value is treated as a secret: only names are shown. */
export function redactDotenvLine(line: string): string {
  const match = DOTENV_LINE.exec(line);
  if (match) return match[2]!.trim() === '' ? line : `${match[1]}${REDACTED}${match[3]}`;
  // a line that is neither an assignment nor a comment is the inside of a multi-line quoted value
  return DOTENV_COMMENT_OR_BLANK.test(line) ? redactSecrets(line) : REDACTED;
}

/** Whether a literal value looks like a hard-coded credential (used to report it, never to print it). */
const KNOWN_TOKEN_TESTS = KNOWN_TOKENS.map((pattern) => new RegExp(pattern.source));

export function looksLikeSecret(value: string): boolean {
  return KNOWN_TOKEN_TESTS.some((pattern) => pattern.test(value)) || (value.length >= 20 && /^[A-Za-z0-9_\-]+$/.test(value) && /\d/.test(value) && /[a-zA-Z]/.test(value));
}

/** Composio's API key format: `ak_` and the key. */
const COMPOSIO_KEY = /^ak_[A-Za-z0-9_-]{8,}$/;

/** Whether a literal value is in Composio's API key format. */
export function looksLikeComposioKey(value: string): boolean {
  return COMPOSIO_KEY.test(value);
}

/** Whether a name says it holds Composio's key: COMPOSIO_API_KEY, composioApiKey, composio_key, COMPOSIO_TOKEN... */
export function isComposioKeyName(name: string | undefined): boolean {
  return name !== undefined && /composio/i.test(name) && /api_?key|key|token|secret/i.test(name);
}

/** Composio's provider classes (from @composio/core and the @composio/<framework> packages). */
export const PROVIDER_CLASSES = new Set([
  'OpenAIProvider',
  'OpenAIResponsesProvider',
  'AnthropicProvider',
  'GoogleProvider',
  'VercelProvider',
  'LangchainProvider',
  'MastraProvider',
  'OpenAIAgentsProvider',
  'LlamaindexProvider',
  'ClaudeAgentSDKProvider',
  'CloudflareProvider',
]);

export function providerRule(name: string): 'provider-package' | undefined {
  return PROVIDER_CLASSES.has(name) ? 'provider-package' : undefined;
}

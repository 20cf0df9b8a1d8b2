import { z } from 'zod';

const severity = z.enum(['error', 'warning', 'info']);

const composioSlug = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a Composio tool slug is UPPER_SNAKE_CASE');
const scalekitToolName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a Scalekit tool name is lower_snake_case');
const parameterName = z.string().min(1);

/** The conversions of an argument's value that the run knows how to write (transforms/model/tool-arguments.ts). */
export const VALUE_RULES = ['is-html-to-content-type', 'is-html-to-body-type', 'join-with-commas', 'wrap-in-array', 'to-string', 'to-number', 'json-stringify'] as const;
export type ValueRule = (typeof VALUE_RULES)[number];

/**
 * What becomes of one Composio argument: a rename (`"recipient_email": "to"`), a rename with a value
 * rule, a restructure no rule can write (`shape`: the Scalekit shape, reported), or nothing Scalekit takes
 * (`drop`: why, reported). Keys equal on both sides, or equal but for case and underscores, need no entry.
 */
export const argumentRuleSchema = z.union([
  parameterName,
  z.strictObject({ to: parameterName, value: z.enum(VALUE_RULES).optional() }),
  z.strictObject({ shape: z.string().min(1) }),
  z.strictObject({ drop: z.string().min(1) }),
]);

/**
 * mappings/tools/<toolkit>.json: one Composio toolkit's crosswalk, written by hand from both catalogues
 * (mappings/SOURCES.md). `scalekit: null` records a Composio tool that has no Scalekit counterpart.
 */
export const toolTableSchema = z.strictObject({
  $comment: z.string().optional(),
  toolkit: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a Composio toolkit is UPPER_SNAKE_CASE'),
  connector: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a Scalekit connector slug is lowercase'),
  tools: z.record(
    composioSlug,
    z.strictObject({
      scalekit: scalekitToolName.nullable(),
      why: z.string().min(1),
      arguments: z.record(z.string().min(1), argumentRuleSchema).optional(),
    }),
  ),
});

/** mappings/toolkits.json: Composio toolkit slug → Scalekit connector, where the default rule (lowercase) is wrong. */
export const toolkitsSchema = z.strictObject({
  $comment: z.string().optional(),
  connectors: z.record(
    z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a Composio toolkit key is written UPPER_SNAKE_CASE'),
    z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a Scalekit connector slug is lowercase'),
  ),
  /** Toolkits whose slugs contain an underscore, so that `MICROSOFT_TEAMS_SEND` splits right. */
  multiWord: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)),
});

const perLanguage = z.strictObject({
  typescript: z.string().nullable(),
  python: z.string().nullable(),
  note: z.string().optional(),
});

/** mappings/statuses.json: Composio connected-account status → Scalekit status, per target language. */
export const statusesSchema = z.strictObject({
  $comment: z.string().optional(),
  statuses: z.record(z.string().regex(/^[A-Z_]+$/), perLanguage),
});

/** mappings/auth-schemes.json: Composio auth scheme → Scalekit connector type, per target language. */
export const authSchemesSchema = z.strictObject({
  $comment: z.string().optional(),
  helpers: z.record(z.string(), z.string().regex(/^[A-Z0-9_]+$/)),
  schemes: z.record(z.string().regex(/^[A-Z0-9_]+$/), perLanguage),
});

/** mappings/env-vars.json: variables replaced by others, and variables that are only reported. */
export const envVarsSchema = z.strictObject({
  $comment: z.string().optional(),
  replace: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).min(1)),
  report: z.array(z.strictObject({ pattern: z.string(), rule: z.string() })),
});

/** mappings/packages.json: what happens to each package in a dependency list. */
export const packagesSchema = z.strictObject({
  $comment: z.string().optional(),
  npm: z.record(
    z.string(),
    z.strictObject({
      action: z.enum(['replace', 'remove', 'report']),
      with: z.string().optional(),
      version: z.string().optional(),
      rule: z.string().optional(),
    }),
  ),
});

/** mappings/providers.json: what to do for a Composio provider with no generated adapter. */
export const providersSchema = z.strictObject({
  $comment: z.string().optional(),
  advice: z.record(z.string().regex(/^[A-Za-z]+Provider$/), z.string().min(1)),
});

/** mappings/client-calls.json: calls on the client with no Scalekit equivalent, by member path; `*` matches any one member. */
export const clientCallsSchema = z.strictObject({
  $comment: z.string().optional(),
  calls: z.array(z.strictObject({ path: z.string().regex(/^[A-Za-z_*][\w*]*(\.[A-Za-z_*][\w*]*)*$/), rule: z.string() })),
  /** The same for the Python SDK (snake_case paths). */
  pythonCalls: z.array(z.strictObject({ path: z.string().regex(/^[A-Za-z_*][\w*]*(\.[A-Za-z_*][\w*]*)*$/), rule: z.string() })),
  /** Scalekit's own calls: met on the Composio client only in code an earlier run (or a person) already migrated. */
  scalekitCalls: z.array(z.string().regex(/^[A-Za-z_*][\w*]*(\.[A-Za-z_*][\w*]*)*$/)),
});

/** mappings/legacy-calls.json: calls on a legacy composio-core toolset that are reported, not migrated. */
export const legacyCallsSchema = z.strictObject({
  $comment: z.string().optional(),
  calls: z.array(z.strictObject({ path: z.string().regex(/^[A-Za-z_*][\w*]*(\.[A-Za-z_*][\w*]*)*$/), rule: z.string() })),
});

/** mappings/findings/*.json: every reason the run reports, with one text each. */
export const rulesSchema = z.strictObject({
  $comment: z.string().optional(),
  rules: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a rule id is kebab-case'),
      severity,
      title: z.string().min(1),
      message: z.string().min(1),
      suggestion: z.string().optional(),
      todo: z.boolean(),
      /** The TODO comment carries the finding's detail too (the tool names it suggests, say). */
      todoDetail: z.boolean().optional(),
      /** A heading the Markdown report gathers this rule's findings under, across files, before the per-file list. */
      group: z.string().min(1).optional(),
    }),
  ),
});

/** The file given to --mappings: any part of any table, merged over the bundled ones. */
export const userMappingsSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Composio tool slug → Scalekit tool name (`null`: no Scalekit counterpart). Taken as given: a custom connector's tools are not in the catalogue. */
  toolNames: z.record(composioSlug, scalekitToolName.nullable()).optional(),
  /** Composio tool slug → its arguments' rules, as in mappings/tools/*.json. */
  toolArguments: z.record(composioSlug, z.record(z.string().min(1), argumentRuleSchema)).optional(),
  toolkits: toolkitsSchema.shape.connectors.optional(),
  /** connector slug → the connection name created in the Scalekit dashboard. */
  connections: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.string().min(1)).optional(),
  /** Composio auth config id (`ac_...`) or the environment variable holding it → toolkit slug. */
  authConfigs: z.record(z.string().min(1), z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/)).optional(),
  statuses: statusesSchema.shape.statuses.optional(),
  authSchemes: authSchemesSchema.shape.schemes.optional(),
});

export type UserMappings = z.infer<typeof userMappingsSchema>;

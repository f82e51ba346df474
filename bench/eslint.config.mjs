// ESLint 9 flat config equivalent to the built-in rules, as far as selectors can go: the usual way
// teams ban a pattern today. It sees only literal names (no constants, no data flow), and cannot
// follow createServiceRoleClient() to its queries. Used by bench/lint-tree.mjs only.
import tsParser from "@typescript-eslint/parser";

const STATUS = "/^integration_[a-z0-9_]+_(status|configured_at)$/";
const SAVE = "/^save[A-Za-z0-9_]*IntegrationStatus$/";

export default [
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(from|table)$/][arguments.0.value='cloud_provider_integrations']",
          message: "no-cloud-provider-integrations-table",
        },
        {
          selector: `CallExpression[callee.property.name=/^(update|insert|upsert)$/] > ObjectExpression > Property[key.name=${STATUS}]`,
          message: "no-integration-status-write",
        },
        {
          selector: `CallExpression[callee.property.name=/^(update|insert|upsert)$/] > ObjectExpression > Property[key.value=${STATUS}]`,
          message: "no-integration-status-write",
        },
        {
          selector: "CallExpression[callee.property.name='select'] > Literal[value=/integration_[a-z0-9_]+_(status|configured_at)/]",
          message: "no-integration-status-read",
        },
        { selector: `FunctionDeclaration[id.name=${SAVE}]`, message: "no-save-integration-status-function" },
        {
          selector: `VariableDeclarator[id.name=${SAVE}] > :matches(ArrowFunctionExpression, FunctionExpression)`,
          message: "no-save-integration-status-function",
        },
        { selector: `MethodDefinition[key.name=${SAVE}]`, message: "no-save-integration-status-function" },
        { selector: `CallExpression[callee.name=${SAVE}]`, message: "no-save-integration-status-function" },
      ],
    },
  },
];

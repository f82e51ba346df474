/**
 * integration-guard as a library: the engine, the rules, and the integrations API client.
 * The CLIs in src/cli/ are thin wrappers over these.
 */
export * from "./core/types.js";
export { checkDocument, findingsOf } from "./engine/check.js";
export { fingerprintOf } from "./engine/fingerprint.js";
export { languageOfPath, loadAdapter } from "./languages/registry.js";
export { type CompiledRule, compileRule, compileRules, factRequestOf, mayMatch, RuleCompileError } from "./rules/compile.js";
export { loadProjectRules, PROJECT_FOLDER, type ProjectRules } from "./rules/project.js";
export { loadBuiltinRules, loadRules } from "./rules/builtin.js";
export { loadRuleDirectory, parseRuleText, RuleFileError } from "./rules/load.js";
export type { Rule, RuleDefinition, Matcher } from "./rules/schema.js";

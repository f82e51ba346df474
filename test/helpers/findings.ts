/** Reading the guard's findings out of any reason text, by rule id and location (never by wording). */

/** `file:line  rule-id:` lines of any reason text (deny reason, agent_message, additionalContext). */
export function findingsIn(text: unknown): Array<{ location: string; ruleId: string }> {
  if (typeof text !== "string") return [];
  return [...text.matchAll(/^(\S+:\d+)(?: \([^)]*\))?\s+([a-z0-9-]+):/gm)].map((m) => ({ location: m[1]!, ruleId: m[2]! }));
}

export const TABLE = "no-cloud-provider-integrations-table";
export const WRITE = "no-integration-status-write";
export const READ = "no-integration-status-read";
export const SAVE = "no-save-integration-status-function";

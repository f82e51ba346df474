/**
 * The agents and events the hook speaks for. Their own module, with no imports, so that the hook
 * command (its flags), the agent table and the daemon (its request check) share one list without
 * the hook's start-up loading the agent table.
 */
export const AGENT_NAMES = ["claude", "codex", "gemini", "cursor"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
/** pre: before the tool runs (can deny); post: after it ran (Claude Code's PostToolUse backstop). */
export const HOOK_EVENTS = ["pre", "post"] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/**
 * The agents and events the hook speaks for. Their own module, with no imports, so that the hook
 * command (its flags), the agent table and the daemon (its request check) share one list without
 * the hook's start-up loading the agent table.
 */
export const AGENT_NAMES = ["claude", "codex", "gemini", "cursor"] as const;
export type AgentName = (typeof AGENT_NAMES)[number];
/**
 * pre: before the tool runs (can deny); post: after it ran (the after-the-call check);
 * session-start: records the working tree the session starts from; stop: the turn-end backstop
 * (the files the session changed, before the agent may finish).
 */
export const HOOK_EVENTS = ["pre", "post", "session-start", "stop"] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

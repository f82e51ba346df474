/** How one `integration-guard hook` call was asked to judge (its flags), shared by the CLI command, the in-process hook and the daemon. */
import type { AgentName, HookEvent } from "./names.js";

export interface HookOptions {
  failClosed: boolean;
  rules: string | undefined;
  /** A lint baseline (lint --update-baseline): findings recorded there do not block. */
  baseline?: string;
  /** Whose payload and output format (src/hook/agents.ts); detected from the payload when unset. */
  agent?: AgentName;
  /** pre (PreToolUse, BeforeTool...), post (PostToolUse, AfterTool), session-start or stop (Stop, AfterAgent); detected when unset. */
  event?: HookEvent;
}

/** `integration-guard install`: registers the Claude Code hook and the commit-time check. Logic in src/install/. */
import type { Command } from "../command.js";
import { runInstallCommand } from "../../install/cli.js";
import { DEFAULT_INSTALL_STEPS, runInstall } from "../../install/run.js";

const USAGE = `Usage: integration-guard install [--claude] [--git] [--lint-staged] [--pre-commit] [--codex] [--gemini] [--cursor] [--dry-run] [--json]

Registers the guard in the repository (the git root, or the current directory outside git).
Without a step flag: --claude --git.

  --claude       hooks in .claude/settings.json (exec form, 10 s): PreToolUse (Write|Edit|MultiEdit|NotebookEdit|Bash),
                 PostToolUse (the same and mcp__ tools), Stop and SubagentStop (the turn-end backstop),
                 SessionStart (the session's snapshot, the daemon's start)
  --git          pre-commit hook running 'integration-guard lint --staged' (follows core.hooksPath and husky)
  --lint-staged  add 'integration-guard lint' to the lint-staged config (printed when it is not JSON)
  --pre-commit   add a local hook to .pre-commit-config.yaml (pre-commit framework)
  --codex        Codex CLI hooks in .codex/hooks.json: PreToolUse (apply_patch|Bash), PostToolUse, Stop,
                 SessionStart (Codex runs them only once trusted: /hooks in codex)
  --gemini       Gemini CLI hooks in .gemini/settings.json: BeforeTool (write_file|replace|run_shell_command),
                 AfterTool, AfterAgent, SessionStart (loaded only in a trusted folder)
  --cursor       Cursor preToolUse and beforeShellExecution hooks in .cursor/hooks.json
  --dry-run      show what would change (new file contents on stdout), write nothing
  --json         the report as JSON on stdout

Running it twice changes nothing. A file that is not valid JSON/YAML is never touched (exit 2).
'integration-guard uninstall' removes exactly what install added.`;

const install: Command = (args) => runInstallCommand("install", args, DEFAULT_INSTALL_STEPS, USAGE, runInstall);
export default install;

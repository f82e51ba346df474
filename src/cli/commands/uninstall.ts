/** `integration-guard uninstall`: removes what install added, and nothing else. Logic in src/install/. */
import type { Command } from "../command.js";
import { runInstallCommand } from "../../install/cli.js";
import { ALL_STEPS, runUninstall } from "../../install/run.js";

const USAGE = `Usage: integration-guard uninstall [--claude] [--git] [--lint-staged] [--pre-commit] [--codex] [--gemini] [--cursor] [--dry-run] [--json]

Removes the guard's entries that 'integration-guard install' added: its agent hooks, its lines in
the pre-commit hook (or the hook file it created), its lint-staged entry, its pre-commit framework hook.
Other settings and other tools' hooks stay as they are. Without a step flag: all of them, including the
Codex, Gemini and Cursor hooks.`;

const uninstall: Command = (args) => runInstallCommand("uninstall", args, ALL_STEPS, USAGE, runUninstall);
export default uninstall;

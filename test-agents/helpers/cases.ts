/**
 * What every client's battery writes, and how its answers are read. The user project holds
 * src/settings.ts (committed, clean) for the edit cases; every case writes under src/ and the
 * project is reset between cases.
 */
import { findingsIn, TABLE } from "../../test/helpers/findings.js";
import type { ModelServer, RecordedRequest, ToolCall, Turn } from "./model-server.js";

export { TABLE };

/** The retired pattern: a provider credential read from the Supabase table. */
export const VIOLATION = 'const { data } = await supabase.from("cloud_provider_integrations").select("*");\n';
/** The way the guard asks for: the integrations API client. */
export const CLEAN = 'import { getIntegrations } from "integration-guard/client";\n\nexport const integrations = await getIntegrations("acme");\n';

/** Committed in the user project (global-setup.ts); line 2 is what the edit cases change. */
export const SETTINGS_FILE = "src/settings.ts";
export const SETTINGS = 'export async function loadSettings(orgId: string) {\n  return supabase.from("organization_settings").select("*").eq("org_id", orgId);\n}\n';
/** The edit that brings the retired table into line 2 of src/settings.ts. */
export const SETTINGS_EDIT = { old: '"organization_settings"', new: '"cloud_provider_integrations"' };

/**
 * Committed too: the table name in a comment on line 1, and in code on line 3. Replacing only the
 * first occurrence is harmless; replacing every one (Gemini's `allow_multiple`) is not.
 */
export const PREFERENCES_FILE = "src/preferences.ts";
export const PREFERENCES = '// organization_settings: the organization\'s preferences.\nexport async function loadPreferences(orgId: string) {\n  return supabase.from("organization_settings").select("*").eq("org_id", orgId);\n}\n';
export const PREFERENCES_EDIT = { old: "organization_settings", new: "cloud_provider_integrations" };

/** A shell heredoc writing the violation to `file`. */
export function heredoc(file: string): string {
  return `cat > ${file} <<'EOF'\n${VIOLATION}EOF`;
}

/**
 * A write no check can read before it runs: Python writes the violation. Only the after-the-call
 * check or the turn-end backstop can see it.
 */
export function pythonWrite(file: string): string {
  const code = VIOLATION.replace(/\n$/, "").replaceAll('"', '\\"');
  return `python3 -c "open('${file}', 'w').write('${code}\\n')"`;
}

/** The file a write only the backstop can see goes to. */
export const BACKSTOP_FILE = "src/backstop.ts";

/**
 * The backstop case's script, with the client's shell tool: Python writes the violation, the model
 * says it is done; told about it, it removes the file and says so again.
 */
export function backstopTurns(shell: (command: string) => ToolCall): Turn[] {
  return [{ tools: [shell(pythonWrite(BACKSTOP_FILE))] }, { text: "Finished." }, { tools: [shell(`rm ${BACKSTOP_FILE}`)] }, { text: "Removed the direct table access." }];
}

/** The findings (rule id and file:line) in everything the client sent back to the model, in every turn. */
export function findingsSentBack(model: ModelServer, textsSentBack: (request: RecordedRequest) => string[], fromTurn = 0): Array<{ location: string; ruleId: string }> {
  return model.turns.slice(fromTurn).flatMap((request) => textsSentBack(request).flatMap(findingsIn));
}

/** Every text sent back to the model from turn `fromTurn` on, in one string (to look for a file and a rule id). */
export function allSentBack(model: ModelServer, textsSentBack: (request: RecordedRequest) => string[], fromTurn = 0): string {
  return model.turns.slice(fromTurn).flatMap(textsSentBack).join("\n");
}

/** Did the text sent back name the file and the rule? (Compact, so a failure does not print whole prompts.) */
export function toldAbout(text: string, file: string): { file: boolean; rule: boolean } {
  return { file: text.includes(file), rule: text.includes(TABLE) };
}

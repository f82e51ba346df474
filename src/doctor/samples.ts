/** The two tool calls doctor sends every registered hook: one the guard must deny, one it must allow. */
import { join } from "node:path";

/** The retired pattern the guard exists for (rules/no-cloud-provider-integrations-table.yaml). */
const BLOCKED_SOURCE = `import { createClient } from "@supabase/supabase-js";

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);

export async function listProviders() {
  return supabase.from("cloud_provider_integrations").select("*");
}
`;

/** The same shape of code on an unrelated table: a guard that blocks this blocks everything. */
const CLEAN_SOURCE = `import { createClient } from "@supabase/supabase-js";

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!);

export async function listOrganizations() {
  return supabase.from("organizations").select("id, name");
}
`;

export interface Sample {
  name: "deny" | "allow";
  payload: Record<string, unknown>;
}

/** Writes of new files in `sampleDir` (a temp dir): nothing in the project is touched. */
export function samples(projectDir: string, sampleDir: string): Sample[] {
  const write = (file: string, content: string, id: string) => ({
    session_id: "integration-guard-doctor",
    transcript_path: join(sampleDir, "transcript.jsonl"),
    cwd: projectDir,
    permission_mode: "default",
    hook_event_name: "PreToolUse",
    tool_name: "Write",
    tool_input: { file_path: join(sampleDir, file), content },
    tool_use_id: `toolu_integration_guard_doctor_${id}`,
  });
  return [
    { name: "deny", payload: write("providers.ts", BLOCKED_SOURCE, "deny") },
    { name: "allow", payload: write("organizations.ts", CLEAN_SOURCE, "allow") },
  ];
}

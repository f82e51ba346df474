/**
 * Bash tool calls through the built hook: the files a command writes (heredoc, append, tee, echo,
 * printf, pipes) and the SQL it runs (psql -c / -f / stdin) are judged like a Write; commands that
 * only read, and shell that does not parse, are allowed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, TABLE, WRITE } from "../helpers/agent-hook.js";
import { payload, project } from "../helpers/hook.js";

const LEGACY_TS = 'export const legacy = () => supabase.from("cloud_provider_integrations").select("*");\n';

function bash(command: string, dir: string, args: string[] = []) {
  return runAgentHook(payload("Bash", { command, description: "test" }, dir), args);
}

function decision(run: ReturnType<typeof bash>): unknown {
  return (run.output?.hookSpecificOutput as Record<string, unknown> | undefined)?.permissionDecision;
}

describe("files written by a command", () => {
  it("denies a heredoc that writes the retired table into a new file, after mkdir &&", () => {
    const dir = project();
    const run = bash(`mkdir -p src/lib && cat > src/lib/a.ts <<'EOF'\nconst x = 1;\nawait supabase.from("cloud_provider_integrations").select("*");\nEOF`, dir);
    expect(run.status).toBe(0);
    expect(decision(run)).toBe("deny");
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "src/lib/a.ts:2", ruleId: TABLE }]);
  });

  it("reads an unquoted heredoc with shell expansions as placeholders (integration_${P}_status is still a status column)", () => {
    const dir = project();
    const run = bash(`cat <<EOF > save.ts\nawait supabase.from("organizations").update({ integration_\${P}_status: "VALID" }).eq("id", id);\nEOF`, dir);
    expect(decision(run)).toBe("deny");
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "save.ts:1", ruleId: WRITE }]);
  });

  it("appending clean code to a legacy file is allowed; appending a violation is denied at its line in the whole file", () => {
    const dir = project({ "lib/legacy.ts": LEGACY_TS });
    expect(bash(`cat >> lib/legacy.ts <<'EOF'\nexport const two = 2;\nEOF`, dir).stdout).toBe("");
    const run = bash(`cat >> lib/legacy.ts <<'EOF'\nexport const two = 2;\nexport const again = () => supabase.from("cloud_provider_integrations").select("id");\nEOF`, dir);
    expect(decision(run)).toBe("deny");
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "lib/legacy.ts:3", ruleId: TABLE }]);
  });

  it("rewriting a legacy file with the violations it already has is not introducing them", () => {
    const dir = project({ "lib/legacy.ts": LEGACY_TS });
    const run = bash(`cat > lib/legacy.ts <<'EOF'\n// touched\n${LEGACY_TS}EOF`, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("tee and tee -a with a heredoc or a here-string", () => {
    const dir = project({ "db/q.sql": "select 1;\n" });
    const py = bash(`tee app/store.py <<'EOF' >/dev/null\nrows = client.table("cloud_provider_integrations").select("*").execute()\nEOF`, dir);
    expect(findingsIn(reasonOf(py.output))).toEqual([{ location: "app/store.py:1", ruleId: TABLE }]);
    const sql = bash(`tee -a db/q.sql <<< "DELETE FROM cloud_provider_integrations;"`, dir);
    expect(findingsIn(reasonOf(sql.output))).toEqual([{ location: "db/q.sql:2", ruleId: TABLE }]);
  });

  it("echo and printf redirected into a file, and echo piped into tee", () => {
    const dir = project();
    const echo = bash(`echo 'await supabase.from("cloud_provider_integrations").delete();' > a.ts`, dir);
    expect(findingsIn(reasonOf(echo.output))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
    const printf = bash(`printf '%s\\n' 'const a = 1;' 'await supabase.from("cloud_provider_integrations").select();' > b.ts`, dir);
    expect(findingsIn(reasonOf(printf.output))).toEqual([{ location: "b.ts:2", ruleId: TABLE }]);
    const piped = bash(`echo "x = 1" && echo 'db.from("cloud_provider_integrations").select()' | tee c.js`, dir);
    expect(findingsIn(reasonOf(piped.output))).toEqual([{ location: "c.js:1", ruleId: TABLE }]);
  });

  it("follows cd and bash -c with a literal script", () => {
    const dir = project();
    const run = bash(`cd pkg && bash -c 'cat > a.ts <<EOF\nsupabase.from("cloud_provider_integrations");\nEOF'`, dir);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "pkg/a.ts:1", ruleId: TABLE }]);
  });

  it("does not block docs, targets only known at run time, or output it cannot know, and says so", () => {
    const dir = project();
    expect(bash(`echo 'supabase.from("cloud_provider_integrations")' > notes.md`, dir)).toMatchObject({ status: 0, stdout: "" });
    const dynamic = bash(`echo 'supabase.from("cloud_provider_integrations")' > "$OUT/a.ts"`, dir);
    expect(dynamic).toMatchObject({ status: 0, stdout: "" });
    expect(dynamic.stderr.trim().split("\n")).toHaveLength(1);
    const unknown = bash(`curl -s https://example.test/cloud_provider_integrations.ts > a.ts`, dir);
    expect(unknown).toMatchObject({ status: 0, stdout: "" });
    expect(unknown.stderr).toMatch(/a\.ts/);
  });
});

describe("SQL run with psql", () => {
  it("psql -c with SQL touching the table or writing a status column", () => {
    const dir = project();
    const table = bash(`psql "$DATABASE_URL" -c "SELECT * FROM cloud_provider_integrations WHERE org_id = 1"`, dir);
    expect(decision(table)).toBe("deny");
    expect(findingsIn(reasonOf(table.output))).toEqual([{ location: "psql-c:1", ruleId: TABLE }]);
    const column = bash(`PGPASSWORD=x psql -h db -U app --command="UPDATE organizations SET integration_openai_status = 'VALID' WHERE id = 1"`, dir);
    expect(findingsIn(reasonOf(column.output))).toEqual([{ location: "psql-c:1", ruleId: WRITE }]);
  });

  it("psql -f runs the file as a .sql document, also one written earlier in the same command", () => {
    const dir = project({ "migrations/007.sql": "-- clean up\nDROP TABLE cloud_provider_integrations;\n" });
    const onDisk = bash(`psql -v ON_ERROR_STOP=1 -f migrations/007.sql`, dir);
    expect(findingsIn(reasonOf(onDisk.output))).toEqual([{ location: "migrations/007.sql:2", ruleId: TABLE }]);
    const written = bash(`cat > /tmp/ig-q-${process.pid}.sql <<'EOF'\nselect 1;\nselect * from cloud_provider_integrations;\nEOF\npsql -f /tmp/ig-q-${process.pid}.sql`, dir);
    expect(findingsIn(reasonOf(written.output))).toContainEqual({ location: `/tmp/ig-q-${process.pid}.sql:2`, ruleId: TABLE });
  });

  it("psql reading a heredoc on stdin", () => {
    const dir = project();
    const run = bash(`psql "$DB" <<'SQL'\nBEGIN;\nINSERT INTO cloud_provider_integrations (org_id) VALUES (1);\nCOMMIT;\nSQL`, dir);
    expect(findingsIn(reasonOf(run.output))).toEqual([{ location: "psql-stdin:2", ruleId: TABLE }]);
  });

  it("SQL that touches nothing the rules care about is allowed", () => {
    const dir = project();
    expect(bash(`psql -c "SELECT count(*) FROM org_members"`, dir)).toMatchObject({ status: 0, stdout: "" });
  });
});

describe("commands that cannot write what the rules look for", () => {
  it.each([
    "grep -rn cloud_provider_integrations src",
    "cat src/legacy.ts",
    "git log -S cloud_provider_integrations --oneline",
    "ls -la > /dev/null",
    "rg 'integration_.*_status' | head -5",
    "git commit -m \"$(cat <<'EOF'\nDon't write cloud_provider_integrations -> use the API\nEOF\n)\"",
  ])("allows `%s` silently", (command) => {
    const dir = project({ "src/legacy.ts": LEGACY_TS });
    const run = bash(command, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
  });

  it("allows shell that does not parse, with one line on stderr", () => {
    const dir = project();
    const run = bash(`cat > a.ts <<'EOF'\nsupabase.from("cloud_provider_integrations")\nEOF\nif then fi (`, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/not valid shell/);
  });

  it("notes code run with python -c instead of judging it", () => {
    const dir = project();
    const run = bash(`python3 -c 'print("cloud_provider_integrations")' > out.txt`, dir);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/python3 -c/);
  });

  it("never touches the files it judges", () => {
    const dir = project({ "lib/legacy.ts": LEGACY_TS });
    bash(`cat > lib/legacy.ts <<'EOF'\nsupabase.from("cloud_provider_integrations");\nEOF`, dir);
    expect(readFileSync(join(dir, "lib/legacy.ts"), "utf8")).toBe(LEGACY_TS);
  });
});

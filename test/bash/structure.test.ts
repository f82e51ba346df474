/**
 * The shell structures read from the tree-sitter-bash tree, through the built hook: redirections
 * (`>|`, `&>`, `&>>`, fds, words after a redirection), heredocs (`<<-`, quoted delimiters mean no
 * expansion), here-strings, pipelines (`printf ... | tee f`, `cat <<EOF | psql`), lists (`&&`, `||`,
 * `;`), subshells, command substitutions, nested `bash -c` scripts and `cd`.
 */
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, TABLE } from "../helpers/agent-hook.js";
import { payload, project } from "../helpers/hook.js";

const BAD = 'await supabase.from("cloud_provider_integrations").select();';
const LEGACY_TS = 'export const legacy = () => supabase.from("cloud_provider_integrations").select("*");\n';

function bash(command: string, dir = project({ "pkg/.keep": "", "lib/legacy.ts": LEGACY_TS })) {
  const run = runAgentHook(payload("Bash", { command, description: "test" }, dir));
  return { ...run, findings: findingsIn(reasonOf(run.output)) };
}

describe("redirections", () => {
  it.each([
    [`echo '${BAD}' >| a.ts`, "a.ts:1"],
    [`echo '${BAD}' &> a.ts`, "a.ts:1"],
    [`echo '${BAD}' &>> lib/legacy.ts`, "lib/legacy.ts:2"],
    [`echo '${BAD}' 1> a.ts 2>&1`, "a.ts:1"],
    [`> a.ts echo '${BAD}'`, "a.ts:1"],
    // bash gives a redirection one word: the words after it are echo's.
    [`echo 'const a = 1;' > a.ts '${BAD}'`, "a.ts:1"],
  ])("`%s` writes the file", (command, location) => {
    expect(bash(command).findings).toEqual([{ location, ruleId: TABLE }]);
  });

  it("stderr and other fds are not the command's output", () => {
    expect(bash(`echo '${BAD}' 2> a.ts`)).toMatchObject({ status: 0, stdout: "" });
    expect(bash(`echo '${BAD}' 3> a.ts`)).toMatchObject({ status: 0, stdout: "" });
    // The last stdout redirection gets the output; the first file is only truncated.
    expect(bash(`echo '${BAD}' > a.ts > b.ts`).findings).toEqual([{ location: "b.ts:1", ruleId: TABLE }]);
  });
});

describe("heredocs and here-strings", () => {
  const TEMPLATE = "await supabase.from(`cloud_provider_integrations`).select();";

  it.each(["'EOF'", '"EOF"', "\\EOF"])("a quoted delimiter (<<%s) keeps the body as written: backquotes are text", (delimiter) => {
    expect(bash(`cat > a.ts <<${delimiter}\nconst a = 1;\n${TEMPLATE}\nEOF`).findings).toEqual([{ location: "a.ts:2", ruleId: TABLE }]);
  });

  it("an unquoted delimiter expands: backquotes run a command, \\` is a backquote", () => {
    expect(bash(`cat > a.ts <<EOF\n${TEMPLATE}\nEOF`)).toMatchObject({ status: 0, stdout: "" });
    const escaped = TEMPLATE.replaceAll("`", "\\`");
    expect(bash(`cat > a.ts <<EOF\n${escaped}\nEOF`).findings).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("<<- strips leading tabs, also from the closing delimiter's line; blank lines stay", () => {
    const run = bash(`if true; then\n\tcat > a.ts <<-'EOF'\n\t\n\t\t${BAD}\n\tEOF\nfi`);
    expect(run.findings).toEqual([{ location: "a.ts:2", ruleId: TABLE }]);
  });

  it("a here-string is psql's stdin; the command after the heredoc's line runs after it", () => {
    expect(bash(`psql "$DB" <<< "DELETE FROM cloud_provider_integrations"`).findings).toEqual([{ location: "psql-stdin:1", ruleId: TABLE }]);
    const run = bash(`cat > a.ts <<'EOF' && echo '${BAD}' >> a.ts\nconst a = 1;\nEOF`);
    expect(run.findings).toEqual([{ location: "a.ts:2", ruleId: TABLE }]);
  });
});

describe("pipelines and lists", () => {
  it("printf ... | tee f, and a heredoc piped into psql followed by a list", () => {
    expect(bash(`printf '%s\\n' 'const a = 1;' '${BAD}' | tee -a c.ts >/dev/null`).findings).toEqual([{ location: "c.ts:2", ruleId: TABLE }]);
    const psql = bash(`cat <<'SQL' | psql "$DB" && echo done\nSELECT 1;\nDELETE FROM cloud_provider_integrations;\nSQL`);
    expect(psql.findings).toEqual([{ location: "psql-stdin:2", ruleId: TABLE }]);
  });

  it("only the last command of a pipe writes its output; a stage that prints nothing known is not guessed", () => {
    const run = bash(`echo '${BAD}' | grep supabase > a.ts`);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/a\.ts.*grep/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a redirection after a list belongs to its last command (&&, ||, ;)", () => {
    expect(bash(`mkdir -p pkg || true; cd pkg && echo '${BAD}' > a.ts`).findings).toEqual([{ location: "pkg/a.ts:1", ruleId: TABLE }]);
    expect(bash(`test -f x || echo '${BAD}' > b.ts`).findings).toEqual([{ location: "b.ts:1", ruleId: TABLE }]);
  });
});

describe("subshells, substitutions and nested scripts", () => {
  it("a cd inside ( ... ) does not move the commands after it", () => {
    const run = bash(`(cd pkg && echo '${BAD}' > a.ts) && echo '${BAD}' > b.ts`);
    expect(run.findings).toEqual([
      { location: "pkg/a.ts:1", ruleId: TABLE },
      { location: "b.ts:1", ruleId: TABLE },
    ]);
  });

  it("a command substitution that writes a file is followed", () => {
    expect(bash(`out=$(echo '${BAD}' | tee a.ts) && echo "$out"`).findings).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("bash -c with a double-quoted script, and sh -c with a script only known at run time", () => {
    const single = BAD.replaceAll('"', "'");
    expect(bash(`bash -c "cd pkg; printf '%s\\n' \\"${single}\\" > a.ts"`).findings).toEqual([{ location: "pkg/a.ts:1", ruleId: TABLE }]);
    const dynamic = bash(`sh -c "$SCRIPT" > a.ts; echo '${BAD}' > notes.md`);
    expect(dynamic).toMatchObject({ status: 0, stdout: "" });
    expect(dynamic.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("the output of a group is not guessed, and a loop's target known only at run time is not either", () => {
    const group = bash(`{ echo 'const a = 1;'; echo '${BAD}'; } > a.ts`);
    expect(group).toMatchObject({ status: 0, stdout: "" });
    expect(group.stderr).toMatch(/a\.ts/);
    const loop = bash(`for f in a b; do echo '${BAD}' > "$f.ts"; done`);
    expect(loop).toMatchObject({ status: 0, stdout: "" });
    expect(loop.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a heredoc inside a loop body is read like any other", () => {
    expect(bash(`for i in 1; do\n  cat > a.ts <<'EOF'\n${BAD}\nEOF\ndone`).findings).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });
});

describe("text that is not valid shell", () => {
  it.each([`echo "${BAD.replaceAll('"', "'")} > a.ts`, `cat > a.ts <<'EOF'\n${BAD}\nEOF\nfi`, `echo '${BAD}' > a.ts; done`])("`%s` is allowed with one line on stderr", (command) => {
    const run = bash(command);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/not valid shell/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a line starting with a backslash (misread by the grammar as words of the line before) is allowed with one line", () => {
    const run = bash(`mkdir -p pkg\n\\echo '${BAD}' > a.ts`);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/could not be followed/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("nesting deeper than the reader follows is allowed with one line on stderr, not a crash", () => {
    const deep = `${"$(".repeat(3000)}x${")".repeat(3000)}`;
    const run = bash(`echo '${BAD}' > a.ts; echo ${deep}`);
    expect(run).toMatchObject({ status: 0, stdout: "" });
    expect(run.stderr).toMatch(/nested more than/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});

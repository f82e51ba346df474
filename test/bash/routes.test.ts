/**
 * Bash routes whose result is known before they run, through the built hook: cp / mv / install /
 * ln, sed with s/// scripts, patch and git apply, git show / checkout / restore (real temp git
 * repositories), and heredocs followed by more commands. Each is denied when it introduces a
 * violation, allowed when it does not, and the files on disk are never touched.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsIn, reasonOf, runAgentHook, SAVE, TABLE, WRITE } from "../helpers/agent-hook.js";
import { payload, project } from "../helpers/hook.js";

const BAD_TS = 'export const load = () => supabase.from("cloud_provider_integrations").select("*");\n';
const CLEAN_TS = "export const load = () => api.get(orgId);\n";
const LEGACY = `export const n = 1;\n${BAD_TS}`;

function bash(command: string, dir: string) {
  return runAgentHook(payload("Bash", { command, description: "test" }, dir));
}

function findings(run: ReturnType<typeof bash>) {
  return findingsIn(reasonOf(run.output));
}

function allowed(run: ReturnType<typeof bash>) {
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("");
}

function gitRepo(files: Record<string, string>): string {
  const dir = project(files);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("-c", "user.email=t@t", "-c", "user.name=t", "add", "-A");
  git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "legacy");
  return dir;
}

describe("cp, mv, install, ln", () => {
  it("cp of a file with a violation into a code file is denied at its line; the destination's extension decides the language", () => {
    const dir = project({ "tmp/snippet.txt": BAD_TS, "src/keep.ts": CLEAN_TS });
    expect(findings(bash("cp tmp/snippet.txt src/store.ts", dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    expect(findings(bash("mv tmp/snippet.txt src/store.ts", dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    // Over an existing clean file: still introduced.
    expect(findings(bash("cp -f tmp/snippet.txt src/keep.ts", dir))).toEqual([{ location: "src/keep.ts:1", ruleId: TABLE }]);
    // Into a .md: not code, allowed.
    allowed(bash("cp tmp/snippet.txt docs.md", dir));
    expect(readFileSync(join(dir, "src/keep.ts"), "utf8")).toBe(CLEAN_TS);
  });

  it("absolute sources (/tmp), cd, -t DIR, -T, --, into an existing directory, several sources", () => {
    const dir = project({ "legacy/store.ts": BAD_TS, "legacy/clean.ts": CLEAN_TS, "src/.keep": "" });
    const abs = join(dir, "legacy/store.ts");
    expect(findings(bash(`cp ${abs} src/`, dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cd src && cp ../legacy/store.ts ./copy.ts`, dir))).toEqual([{ location: "src/copy.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cp -t src -- legacy/clean.ts legacy/store.ts`, dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cp legacy/clean.ts legacy/store.ts src`, dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cp -T legacy/store.ts src/x.ts`, dir))).toEqual([{ location: "src/x.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`install -m 644 legacy/store.ts src/installed.ts`, dir))).toEqual([{ location: "src/installed.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`ln -s ../legacy/store.ts src/linked.ts`, dir))).toEqual([{ location: "src/linked.ts:1", ruleId: TABLE }]);
    allowed(bash(`cp legacy/clean.ts src/clean.ts`, dir));
  });

  it("directories are copied with what they hold (cp -r, cp -a, mv), into or as the destination", () => {
    const dir = project({ "old/pkg/a.ts": CLEAN_TS, "old/pkg/deep/b.py": 'rows = client.table("cloud_provider_integrations").select("*").execute()\n', "src/.keep": "" });
    expect(findings(bash("cp -r old/pkg src", dir))).toEqual([{ location: "src/pkg/deep/b.py:1", ruleId: TABLE }]);
    expect(findings(bash("cp -a old/pkg newpkg", dir))).toEqual([{ location: "newpkg/deep/b.py:1", ruleId: TABLE }]);
    expect(findings(bash("mv old/pkg src/", dir))).toEqual([{ location: "src/pkg/deep/b.py:1", ruleId: TABLE }]);
    expect(findings(bash("mkdir pkg2 && cp -R old/pkg/ pkg2", dir))).toEqual([{ location: "pkg2/pkg/deep/b.py:1", ruleId: TABLE }]);
    // cp without -r omits a directory: nothing is written.
    allowed(bash("cp old/pkg src", dir));
  });

  it("globs are expanded against the disk", () => {
    const dir = project({ "drafts/a.txt": CLEAN_TS, "drafts/b.txt": BAD_TS, "src/.keep": "" });
    const run = bash("for f in x; do :; done; cp drafts/*.txt src/ && mv src/b.txt src/b.ts", dir);
    expect(findings(run)).toEqual([{ location: "src/b.ts:1", ruleId: TABLE }]);
    expect(findings(bash("cp drafts/[b]?txt src/b.ts", dir))).toEqual([{ location: "src/b.ts:1", ruleId: TABLE }]);
    // Quoted, the star is a file name: no such file, allowed with a note.
    const quoted = bash("cp 'drafts/*.txt' src/b.ts", dir);
    allowed(quoted);
    expect(quoted.stderr).toMatch(/does not exist/);
  });

  it("a file written earlier in the same command, then copied or moved, is followed", () => {
    const dir = project();
    const run = bash(`cat > /tmp/ig-route-${process.pid}.txt <<'EOF'\n${BAD_TS}EOF\nmv /tmp/ig-route-${process.pid}.txt src/a.ts`, dir);
    expect(findings(run)).toEqual([{ location: "src/a.ts:1", ruleId: TABLE }]);
  });

  it("a legacy file copied or moved somewhere new brings its violations there: compared with the destination", () => {
    const dir = project({ "legacy/store.ts": LEGACY, "src/store.ts": LEGACY });
    expect(findings(bash("cp legacy/store.ts src/copy.ts", dir))).toEqual([{ location: "src/copy.ts:2", ruleId: TABLE }]);
    expect(findings(bash("mv legacy/store.ts src/moved.ts", dir))).toEqual([{ location: "src/moved.ts:2", ruleId: TABLE }]);
    // Over a file that already holds the same code: nothing new.
    allowed(bash("cp legacy/store.ts src/store.ts", dir));
  });

  it.each([
    // Chains, subshells, nested shells, wrappers.
    "(cd legacy && cp store.ts ../a.ts)",
    "bash -c 'cp legacy/store.ts a.ts'",
    "sudo cp legacy/store.ts a.ts",
    "false || cp legacy/store.ts a.ts",
    "echo start; command cp -- legacy/store.ts a.ts; echo done",
    "\\cp legacy/store.ts a.ts",
    // An agent's next tries after a deny: quoted names, paths, env, dd, git mv, cat and tee from a file.
    "c''p legacy/store.txt a.ts",
    '"cp" legacy/store.txt a.ts',
    "/bin/cp legacy/store.txt a.ts",
    "env LC_ALL=C cp legacy/store.txt a.ts",
    "dd if=legacy/store.txt of=a.ts status=none",
    "git mv -f legacy/store.txt a.ts",
    "cat legacy/store.txt > a.ts",
    "cat < legacy/store.txt > a.ts",
    "tee a.ts < legacy/store.txt > /dev/null",
    "cat legacy/store.txt | tee a.ts",
    "(umask 022; cp legacy/store.txt ./a.ts) && echo copied",
    'sh -c "cd legacy && cp store.txt ../a.ts"',
  ])("`%s` is denied", (command) => {
    const dir = project({ "legacy/store.ts": BAD_TS, "legacy/store.txt": BAD_TS });
    expect(findings(bash(command, dir))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
  });

  it("the same moves into a file that is not code are allowed", () => {
    const dir = project({ "legacy/store.txt": BAD_TS });
    allowed(bash("c''p legacy/store.txt notes.txt && dd if=legacy/store.txt of=copy.md", dir));
  });

  it("an unknown or missing source is allowed with a note for the after-the-call check", () => {
    const dir = project();
    const unknown = bash('cp "$SRC" a.ts', dir);
    allowed(unknown);
    expect(unknown.stderr).toMatch(/a\.ts|SRC/);
    const missing = bash("cp nowhere.ts a.ts", dir);
    allowed(missing);
    expect(missing.stderr).toMatch(/nowhere\.ts/);
  });
});

describe("sed", () => {
  const FILE = 'export const load = () => api.get("orgs");\nexport const keep = 1;\n';

  it("sed -i s/// is applied to the file on disk: GNU and BSD forms, several -e, flags, other delimiters", () => {
    const dir = project({ "src/a.ts": FILE });
    const expected = [{ location: "src/a.ts:1", ruleId: TABLE }];
    for (const command of [
      `sed -i 's/api.get("orgs")/supabase.from("cloud_provider_integrations").select()/' src/a.ts`,
      `sed -i '' 's|api\\.get("orgs")|supabase.from("cloud_provider_integrations").select()|g' src/a.ts`,
      `sed -i.bak -e 's/api/supabase/' -e 's/get("orgs")/from("cloud_provider_integrations").select()/' src/a.ts`,
      `sed -E -i 's#api\\.get\\("(orgs)"\\)#supabase.from("cloud_provider_integrations").select()#' src/a.ts`,
      `sed -i 's/API.GET/supabase.from/I; s/("orgs")/("cloud_provider_integrations").select()/' src/a.ts`,
      `sed --in-place --expression='s/api.get("orgs")/supabase.from("cloud_provider_integrations") \\/\\/ was: &/' src/*.ts`,
      `sed -i -e 's/\\(api\\)\\.get("\\(orgs\\)")/supabase.from("cloud_provider_integrations")/' src/a.ts`,
    ]) {
      expect(findings(bash(command, dir)), command).toEqual(expected);
    }
    expect(readFileSync(join(dir, "src/a.ts"), "utf8")).toBe(FILE);
  });

  it("the N flag replaces only the Nth match; a rename that introduces nothing is allowed", () => {
    const dir = project({ "src/a.ts": 'const a = "x"; const b = "x";\nexport const t = db.from(b);\n' });
    expect(findings(bash(`sed -i 's/"x"/"cloud_provider_integrations"/2' src/a.ts`, dir))).toEqual([{ location: "src/a.ts:2", ruleId: TABLE }]);
    allowed(bash(`sed -i 's/"x"/"cloud_provider_integrations"/1' src/a.ts`, dir));
    allowed(bash(`sed -i 's/keep/kept/g' src/a.ts`, dir));
  });

  it("a rename that makes an existing constant a violation is caught though the command has no rule word", () => {
    const dir = project({ "src/a.ts": 'const OLD = "cloud_provider_integrations";\nconst NEW = "orgs";\nexport const t = () => db.from(NEW).select();\n' });
    expect(findings(bash("sed -i 's/from(NEW)/from(OLD)/' src/a.ts", dir))).toEqual([{ location: "src/a.ts:3", ruleId: TABLE }]);
  });

  it("sed on a legacy file keeps old violations old; sed printing into a new file is followed", () => {
    const dir = project({ "src/legacy.ts": LEGACY });
    allowed(bash("sed -i 's/n = 1/n = 2/' src/legacy.ts", dir));
    expect(findings(bash("sed 's/n = 1/n = 2/' src/legacy.ts > src/new.ts", dir))).toEqual([{ location: "src/new.ts:2", ruleId: TABLE }]);
  });

  it("quoted sed names and scripts from a file (-f) are followed", () => {
    const dir = project({ "src/a.ts": FILE, "fix.sed": 's/api.get("orgs")/supabase.from("cloud_provider_integrations")/\n' });
    expect(findings(bash(`"sed" -i -f fix.sed src/a.ts`, dir))).toEqual([{ location: "src/a.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`s\\ed -i~ -f fix.sed -- src/a.ts`, dir))).toEqual([{ location: "src/a.ts:1", ruleId: TABLE }]);
  });

  it("other sed scripts are left for the after-the-call check, with a note", () => {
    const dir = project({ "src/a.ts": FILE });
    const run = bash(`sed -i '1i supabase.from("cloud_provider_integrations")' src/a.ts`, dir);
    allowed(run);
    expect(run.stderr).toMatch(/sed/);
  });
});

describe("patch and git apply", () => {
  const SOURCE = "export const a = 1;\n\nexport function load(orgId: string) {\n  return api.get(orgId);\n}\n";
  const DIFF = [
    "--- a/src/load.ts",
    "+++ b/src/load.ts",
    "@@ -3,3 +3,3 @@",
    " export function load(orgId: string) {",
    "-  return api.get(orgId);",
    '+  return supabase.from("cloud_provider_integrations").select("*");',
    " }",
    "",
  ].join("\n");

  it("patch -p1 from a heredoc, from -i FILE, from < FILE; -p0 with -d; the line in the rebuilt file", () => {
    const dir = project({ "src/load.ts": SOURCE, "fix.diff": DIFF });
    const expected = [{ location: "src/load.ts:4", ruleId: TABLE }];
    expect(findings(bash(`patch -p1 <<'EOF'\n${DIFF}EOF`, dir))).toEqual(expected);
    expect(findings(bash("patch -p1 -i fix.diff", dir))).toEqual(expected);
    expect(findings(bash("patch -p1 < fix.diff", dir))).toEqual(expected);
    expect(findings(bash("cd src && patch -p2 < ../fix.diff", dir))).toEqual([{ location: "src/load.ts:4", ruleId: TABLE }]);
    expect(findings(bash("patch --strip=1 --dry-run < fix.diff", dir))).toEqual([]);
    expect(readFileSync(join(dir, "src/load.ts"), "utf8")).toBe(SOURCE);
  });

  it("git apply in a real repository (paths from its top, -p1 by default), --check writes nothing, -R reverses", () => {
    const dir = gitRepo({ "src/load.ts": SOURCE, "src/legacy.ts": LEGACY });
    expect(findings(bash(`cd src && git apply <<'EOF'\n${DIFF}EOF`, dir))).toEqual([{ location: "src/load.ts:4", ruleId: TABLE }]);
    allowed(bash(`git apply --check <<'EOF'\n${DIFF}EOF`, dir));
    const removeLegacy = ["--- a/src/legacy.ts", "+++ b/src/legacy.ts", "@@ -2 +1,0 @@", `-${BAD_TS}`].join("\n");
    allowed(bash(`git apply <<'EOF'\n${removeLegacy}EOF`, dir));
    expect(findings(bash(`git apply -R <<'EOF'\n${removeLegacy}EOF`, project({ "src/legacy.ts": "export const n = 1;\n" })))).toEqual([{ location: "src/legacy.ts:2", ruleId: TABLE }]);
  });

  it("a new file in a git diff, and a diff with no rule word applied to a file that holds the constant", () => {
    const dir = project({ "src/t.ts": 'const OLD = "cloud_provider_integrations";\nexport const t = () => db.from(NEW);\n' });
    const newFile = ["diff --git a/src/n.ts b/src/n.ts", "new file mode 100644", "--- /dev/null", "+++ b/src/n.ts", "@@ -0,0 +1 @@", "+export async function saveIntegrationStatus() {}", ""].join("\n");
    expect(findings(bash(`git apply - <<'EOF'\n${newFile}EOF`, dir))).toEqual([{ location: "src/n.ts:1", ruleId: SAVE }]);
    const rename = ["--- src/t.ts", "+++ src/t.ts", "@@ -2 +2 @@", "-export const t = () => db.from(NEW);", "+export const t = () => db.from(OLD);", ""].join("\n");
    expect(findings(bash(`patch -p0 <<'EOF'\n${rename}EOF`, dir))).toEqual([{ location: "src/t.ts:2", ruleId: TABLE }]);
  });
});

describe("git show, checkout, restore", () => {
  it("read the blob with git: git show REV:path > f, git checkout REV -- path, git restore --source REV path", () => {
    const dir = gitRepo({ "src/store.ts": BAD_TS, "lib/old/x.py": 'def save_integration_status(org):\n    pass\n' });
    execFileSync("git", ["rm", "-rq", "src", "lib"], { cwd: dir });
    execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "clean"], { cwd: dir });
    expect(findings(bash("git show HEAD~1:src/store.ts > src/back.ts", dir))).toEqual([{ location: "src/back.ts:1", ruleId: TABLE }]);
    expect(findings(bash("git show HEAD~1:src/store.ts | tee restored.ts >/dev/null", dir))).toEqual([{ location: "restored.ts:1", ruleId: TABLE }]);
    expect(findings(bash("git checkout HEAD~1 -- src/store.ts", dir))).toEqual([{ location: "src/store.ts:1", ruleId: TABLE }]);
    expect(findings(bash("git restore --source=HEAD~1 -- lib", dir))).toEqual([{ location: "lib/old/x.py:1", ruleId: SAVE }]);
    expect(findings(bash("git -C lib restore -s HEAD~1 .", dir))).toEqual([]);
    expect(findings(bash("(git restore --source HEAD~1 --staged --worktree lib/old/x.py)", dir))).toEqual([{ location: "lib/old/x.py:1", ruleId: SAVE }]);
    expect(findings(bash("git checkout HEAD~1 src/store.ts lib/old/x.py", dir)).sort((a, b) => a.location.localeCompare(b.location))).toEqual([
      { location: "lib/old/x.py:1", ruleId: SAVE },
      { location: "src/store.ts:1", ruleId: TABLE },
    ]);
    // A branch switch or a rev that does not exist: allowed.
    allowed(bash("git checkout -b feature", dir));
    allowed(bash("git show nope:src/store.ts > a.ts", dir));
  });

  it("restoring a legacy file to what it already holds introduces nothing", () => {
    const dir = gitRepo({ "src/legacy.ts": LEGACY });
    allowed(bash("git checkout HEAD -- src/legacy.ts", dir));
    allowed(bash("git checkout -- src/legacy.ts", dir));
  });
});

describe("heredocs followed by more commands", () => {
  it("`cat > f <<'EOF'; next` and `<<EOF && a; b` on the operator's line, and commands on later lines", () => {
    const dir = project();
    expect(findings(bash(`cat > a.ts <<'EOF'; npm test\n${BAD_TS}EOF`, dir))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cat > a.ts <<EOF && echo ok; echo b\n${BAD_TS}EOF\necho after`, dir))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cat > a.md <<'EOF'; cp a.md a.ts\n${BAD_TS}EOF`, dir))).toEqual([{ location: "a.ts:1", ruleId: TABLE }]);
    expect(findings(bash(`cat > a.ts <<'EOF'\nconst x = 1;\nEOF\ncat >> a.ts <<'EOF'\n${BAD_TS}EOF\nnpm test`, dir))).toEqual([{ location: "a.ts:2", ruleId: TABLE }]);
  });

  it("clean look-alikes stay allowed: docs heredocs, legacy edits, read-only commands", () => {
    const dir = project({ "src/legacy.ts": LEGACY });
    allowed(bash(`cat > NOTES.md <<'EOF'; git add NOTES.md\nDo not use cloud_provider_integrations.\nEOF`, dir));
    allowed(bash(`cat >> src/legacy.ts <<'EOF'; npm test\nexport const two = 2;\nEOF`, dir));
    allowed(bash("grep -rn cloud_provider_integrations src; git diff --stat", dir));
    allowed(bash("cp src/legacy.ts /tmp/backup.txt", dir));
    allowed(bash('sed -n "1,5p" src/legacy.ts', dir));
  });

  it("writes to a status column through sed are denied too (integration_*_status)", () => {
    const dir = project({ "src/org.ts": 'await supabase.from("organizations").update({ name: "x" }).eq("id", id);\n' });
    expect(findings(bash(`sed -i 's/name: "x"/integration_openai_status: "VALID"/' src/org.ts`, dir))).toEqual([{ location: "src/org.ts:1", ruleId: WRITE }]);
  });
});

describe("appends to a code file", () => {
  it("a line appended with >> that uses a constant the file already holds is denied at the new line; a clean append is allowed", () => {
    const dir = project({ "src/a.ts": 'const TABLE = "cloud_provider_integrations";\n', "src/b.ts": "console.log(1);\n" });
    const run = bash(`echo 'export const load = () => supabase.from(TABLE).select("*");' >> src/a.ts`, dir);
    expect(findings(run)).toEqual([{ location: "src/a.ts:2", ruleId: TABLE }]);
    expect(readFileSync(join(dir, "src/a.ts"), "utf8")).toBe('const TABLE = "cloud_provider_integrations";\n');
    allowed(bash("echo 'export const load = () => api.get(orgId);' >> src/b.ts", dir));
  });
});

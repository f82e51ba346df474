/**
 * After the call, what counts as read-only ends at the fast path unchecked: every "yes" must be a
 * command that cannot have written a file, so the routes an agent tries after a deny are all "no".
 */
import { describe, expect, it } from "vitest";
import { isReadOnlyCommand, isReadOnlyMcpTool } from "../../src/hook/read-only-call.js";

describe("isReadOnlyCommand", () => {
  it.each([
    "ls -la",
    "git status && git diff HEAD~1 -- src | head -50",
    "cat src/a.ts | grep -n supabase 2>/dev/null",
    "rg -n 'cloud_provider_integrations' src > /dev/null 2>&1; echo $?",
    "sed -n '1,40p' src/a.ts",
    "find . -name '*.ts' -not -path './node_modules/*' | wc -l",
    "cd packages/app && git log --oneline -5",
    "git -C sub --no-pager show HEAD:src/a.ts",
    "sort a.txt | uniq -c | sort -rn | head",
  ])("reader: %s", (command) => expect(isReadOnlyCommand(command)).toBe(true));

  it.each([
    "cat > src/a.ts <<'EOF'\nx\nEOF",
    "echo x >> src/a.ts",
    "grep foo src | tee out.ts",
    "sed -i 's/a/b/' src/a.ts",
    "sed -n 'w out.ts' src/a.ts",
    "python3 -c \"open('a.ts','w').write('x')\"",
    "node -e \"require('fs').writeFileSync('a.ts','x')\"",
    "ls; python3 gen.py",
    "echo $(python3 gen.py)",
    "echo `python3 gen.py`",
    "find . -name '*.bak' -delete",
    "find . -name '*.ts' -exec sed -i s/a/b/ {} +",
    "git checkout HEAD~3 -- src/a.ts",
    "git apply patch.diff",
    "git diff --output=a.ts",
    "sort -o a.ts b.ts",
    "cp /tmp/x.ts src/x.ts",
    "npm test",
    "FOO=1 bash script.sh",
    "GIT_EXTERNAL_DIFF=./gen.sh git diff",
    "git -c diff.external=./gen.sh diff",
    "git grep -O./gen.sh foo",
    "sed 'e python3 gen.py' a.ts",
    "sed 's/a/b/w out.ts' a.ts",
    "rg --pre ./gen.sh foo",
    "fd -e ts -x sed -i s/a/b/",
    "tree -o out.ts",
    "uniq in.txt out.ts",
  ])("may write: %s", (command) => expect(isReadOnlyCommand(command)).toBe(false));
});

describe("isReadOnlyMcpTool", () => {
  it.each([
    ["mcp__filesystem__read_file", true],
    ["mcp__filesystem__list_directory", true],
    ["mcp__filesystem__search_files", true],
    ["mcp__filesystem__write_file", false],
    ["mcp__filesystem__edit_file", false],
    ["mcp__filesystem__move_file", false],
    ["mcp__files__get_and_write", false],
    ["mcp__x__create_directory", false],
    ["Bash", false],
  ])("%s: %s", (tool, expected) => expect(isReadOnlyMcpTool(tool)).toBe(expected));
});

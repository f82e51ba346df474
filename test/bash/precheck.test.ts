/**
 * The text pre-check decides which Bash commands load the shell parser at all: only those that
 * can write a file or run SQL and mention a rule's word (or run SQL from a file it cannot see).
 */
import { describe, expect, it } from "vitest";
import { loadBuiltinRules } from "../../src/rules/builtin.js";
import { mayWriteOrRunSql } from "../../src/sources/shell/precheck.js";

const rules = loadBuiltinRules();

describe("shell pre-check", () => {
  it.each([
    "grep -rn cloud_provider_integrations src",
    "git log -S saveIntegrationStatus",
    "cat lib/legacy.ts | head",
    "ls > /tmp/listing.txt",
    "echo done >> build.log",
    "npm test 2>&1 | tee test.log",
    "teeth --psql2",
    "npm install && npm test",
    "git checkout-index --help; git log --stat",
    "git show HEAD:src/a.ts",
    "sed -n '1,20p' src/a.ts",
    "grep -rn 'install the hook' docs | head",
    'rg -n "patch" src; git diff --stat',
    "git status && ls -la src | head -20 && grep -rn TODO src 2>/dev/null | wc -l",
    "cat src/a.ts 2>&1 | head; git show HEAD:src/a.ts &>/dev/null; sed -n 1p f >&2",
  ])("keeps `%s` away from the parser", (command) => {
    expect(mayWriteOrRunSql(command, rules)).toBe(false);
  });

  it.each([
    "cat > a.ts <<'EOF'\nsupabase.from('cloud_provider_integrations')\nEOF",
    "echo 'integration_openai_status' >> a.py",
    "tee q.sql <<< 'select * from cloud_provider_integrations'",
    'psql -c "select * from cloud_provider_integrations"',
    "psql -f migrations/007.sql",
    "psql \"$DB\" < dump.sql",
    // Copies, moves, in-place edits and patches: the content is in files, not in the command text.
    "cp /tmp/x.txt src/a.ts",
    "mkdir -p src && mv -f old/a.ts src/",
    "sudo install -m 644 a b",
    "ln -s ../legacy/a.ts src/a.ts",
    "dd if=a.txt of=b.ts",
    "sed -i 's/a/b/' src/a.ts",
    "sed -E -i.bak -e 's/a/b/' src/a.ts",
    "sed --in-place 's/a/b/' src/a.ts",
    "patch -p1 < fix.diff",
    "git apply fix.diff",
    "git -C pkg checkout HEAD~3 -- src",
    "git restore --source=v1 src/a.ts",
    "git mv a.txt b.ts",
    "cd pkg && apply_patch <<'EOF'\n*** Begin Patch\n*** End Patch\nEOF",
    "bash -c 'cp a b'",
    "c''p a.txt b.ts",
    '"sed" -i s/a/b/ f.ts',
    "\\cp a b",
    "echo done; /bin/cp a b",
    "git show HEAD~1:src/a.ts > src/a.ts",
    "cat legacy/a.txt > src/a.ts",
    "tee src/a.ts < /tmp/a.txt",
    // Only /dev/null and descriptor copies are no file: anything else after > still is.
    "cat legacy/a.txt 2>/dev/null > src/a.ts",
    "cat legacy/a.txt >/dev/null.ts",
    "git show HEAD:src/a.ts 2>&1 > src/a.ts",
    "cat legacy/a.txt >&2 > src/a.ts",
    // An append to a code file: the constant the new line uses may be in the file already.
    "echo 'export const load = () => db.from(TABLE);' >> src/a.ts",
    "printf 'rows = sb.table(T)\\n' >> 'app/x.py'",
  ])("lets `%s` through", (command) => {
    expect(mayWriteOrRunSql(command, rules)).toBe(true);
  });
});

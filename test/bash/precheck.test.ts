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
  ])("lets `%s` through", (command) => {
    expect(mayWriteOrRunSql(command, rules)).toBe(true);
  });
});

/**
 * UTF-16 (LE and BE, with a byte order mark) and UTF-8-with-BOM files are text wherever files are
 * read: lint, `lint --staged`, and the hook's read of the file a tool call edits. `supabase gen
 * types` redirected by Windows PowerShell writes UTF-16 LE; skipping it as binary hid its findings.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSourceBytes } from "../../src/sources/files/decode.js";
import { isDeny, payload, project, reasonFindings, runHook } from "../helpers/hook.js";
import { git, gitRepo, lintJson, tempDir, where } from "../lint/helpers.js";

const TABLE = "no-cloud-provider-integrations-table";
const WRITE = "no-integration-status-write";

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
const utf8bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);

const PY = "import os\n\n# héllo ✓\nrows = sb.table('cloud_provider_integrations').select('*').execute()\n";
const SQL = "-- migration\nUPDATE organizations SET integration_openai_status = 'x';\n";

describe("decodeSourceBytes", () => {
  it("decodes by the byte order mark, and drops it", () => {
    for (const encode of [utf16le, utf16be, utf8bom]) expect(decodeSourceBytes(encode(PY))).toEqual({ text: PY });
    expect(decodeSourceBytes(Buffer.from(PY))).toEqual({ text: PY });
  });

  it("NUL bytes without a UTF-16 BOM, or a NUL character inside UTF-16 text, are binary", () => {
    expect(decodeSourceBytes(new Uint8Array([0x53, 0, 0x4c]))).toEqual({ binary: true });
    expect(decodeSourceBytes(utf16le("a\u0000b"))).toEqual({ binary: true });
    // UTF-16 without a BOM is not guessed: binary, as before.
    expect(decodeSourceBytes(Buffer.from(PY, "utf16le"))).toEqual({ binary: true });
  });
});

describe("lint reads UTF-16 and UTF-8-BOM files", () => {
  it("reports findings at the same lines and columns as in the UTF-8 file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "plain.py"), PY);
    writeFileSync(join(dir, "le.py"), utf16le(PY));
    writeFileSync(join(dir, "be.py"), utf16be(PY));
    writeFileSync(join(dir, "bom.py"), utf8bom(PY));
    writeFileSync(join(dir, "le.sql"), utf16le(SQL));
    const out = lintJson(dir, ["."]);
    expect(out.errors).toEqual([]);
    expect(where(out)).toEqual(["be.py:4 " + TABLE, "bom.py:4 " + TABLE, "le.py:4 " + TABLE, "le.sql:2 " + WRITE, "plain.py:4 " + TABLE]);
    const columns = new Set(out.findings.filter((f) => f.file.endsWith(".py")).map((f) => `${f.column}-${f.endColumn}`));
    expect(columns.size).toBe(1);
  });

  it("lint --staged reads a staged UTF-16 blob", () => {
    const repo = gitRepo();
    writeFileSync(join(repo, "types.sql"), utf16le(SQL));
    git(repo, "add", ".");
    const out = lintJson(repo, ["--staged"]);
    expect(out.errors).toEqual([]);
    expect(where(out)).toEqual([`types.sql:2 ${WRITE}`]);
  });
});

describe("the hook reads a UTF-16 file on disk", () => {
  it("an Edit that adds a violation to a UTF-16 LE file is denied", () => {
    const dir = project();
    const file = join(dir, "db.py");
    writeFileSync(file, utf16le("import os\n\ndef load(sb):\n    return sb.table('org_members').select('*')\n"));
    const run = runHook(payload("Edit", { file_path: file, old_string: "'org_members'", new_string: "'cloud_provider_integrations'" }, dir));
    expect(isDeny(run)).toBe(true);
    expect(reasonFindings(run)).toEqual([{ location: "db.py:4", ruleId: TABLE }]);
  });

  it("an unrelated Edit to a UTF-16 file that already has the violation is allowed (pre-edit findings were read)", () => {
    const dir = project();
    const file = join(dir, "legacy.py");
    writeFileSync(file, utf16be(PY));
    const run = runHook(payload("Edit", { file_path: file, old_string: "import os", new_string: "import os\nimport sys" }, dir));
    expect(run.status).toBe(0);
    expect(isDeny(run)).toBe(false);
    expect(run.stderr).not.toMatch(/binary/);
  });
});

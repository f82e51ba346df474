/** SQL handed to query functions, as embedded texts with 1:1 offsets. */
import { describe, expect, test } from "vitest";
import { extract } from "./helpers.js";

describe("embedded SQL", () => {
  test("tagged template: interpolations become underscores of the same length", () => {
    const code = "const r = sql`UPDATE organizations SET integration_x_status = ${status} WHERE id = ${id}`;";
    const [part] = extract(code).embedded ?? [];
    expect(part?.language).toBe("sql");
    expect(part?.text).toBe("UPDATE organizations SET integration_x_status = _________ WHERE id = _____");
    expect(code.slice(part!.offset!, part!.offset! + part!.text.length)).toBe(
      "UPDATE organizations SET integration_x_status = ${status} WHERE id = ${id}",
    );
    // Offsets map 1:1: a word in the embedded text sits at the same place in the document.
    const at = part!.text.indexOf("integration_x_status");
    expect(code.slice(part!.offset! + at, part!.offset! + at + 20)).toBe("integration_x_status");
  });

  test("query/execute/unsafe/raw/sql calls carry the client's origin", () => {
    const code = `const pool = createPool();\nawait pool.query("select * from cloud_provider_integrations");\ndb.execute(\`  /* c */ delete from t\`);`;
    const parts = extract(code).embedded ?? [];
    expect(parts.map((p) => [p.text, p.clients ?? []])).toEqual([
      ["select * from cloud_provider_integrations", ["createPool"]],
      ["  /* c */ delete from t", []],
    ]);
  });

  test("a tag bound to a client factory carries its origin", () => {
    const code = "const sql = postgres(url);\nawait sql`delete from cloud_provider_integrations`;";
    expect((extract(code).embedded ?? []).map((p) => p.clients)).toEqual([["postgres", "key:url"]]);
  });

  test.each([
    ["text that is not SQL", `db.query("hello world");`],
    ["a non-literal argument", `db.query(text);`],
    ["another tag", "const s = html`select`;"],
    ["a log message", `console.log("select * from t failed");`],
    ["an error message", `throw new Error("update organizations failed: " + reason);`],
    ["a logger call", "logger.warn(`delete from t skipped for ${id}`);"],
  ])("none for %s", (_, code) => {
    expect(extract(code).embedded ?? []).toEqual([]);
  });

  test("SQL outside a query position is read only when it parses (requireParse)", () => {
    const parts = extract(`const LIST = "select * from t";\nconst heading = "Update the settings page";\nconst note = "select * from t";`).embedded ?? [];
    expect(parts.map((p) => [p.text, p.requireParse])).toEqual([
      ["select * from t", true],
      ["Update the settings page", true],
    ]);
  });

  test("a query config's text, a constant handed to query(), Prisma raw calls: query positions", () => {
    const code = [
      `pool.query({ text: "select 1 from t", values: [] });`,
      `const Q = "delete from t";`,
      `pool.query(Q);`,
      "prisma.$queryRaw`select * from t where id = ${id}`;",
      `prisma.$executeRawUnsafe("update t set a = 1");`,
    ].join("\n");
    const parts = extract(code).embedded ?? [];
    expect(parts.map((p) => [p.text, p.requireParse ?? false])).toEqual([
      ["select * from t where id = _____", false],
      ["select 1 from t", false],
      ["delete from t", false],
      ["update t set a = 1", false],
    ]);
  });

  test("a template of constants is read folded, its facts anchored at the template", () => {
    const code = "const T = 'cloud_provider_integrations';\nconst q = `select * from ${T} where id = 1`;";
    const [part] = extract(code).embedded ?? [];
    expect(part?.text).toBe("select * from cloud_provider_integrations where id = 1");
    expect(code.slice(part!.anchor!.start, part!.anchor!.end)).toBe("`select * from ${T} where id = 1`");
  });

  test("a concatenation with unknown operands is one text with holes, in place", () => {
    const code = `await db.query("DELETE FROM cloud_provider_integrations WHERE id = " + id + " AND org = " + (org));`;
    const [part, ...rest] = extract(code).embedded ?? [];
    expect(rest).toEqual([]);
    expect(part?.requireParse).toBeUndefined();
    // Quotes, `+` and parentheses become spaces, unknown operands `_` runs: offsets stay 1:1.
    expect(part?.text.replace(/ +/g, " ").trim()).toBe("DELETE FROM cloud_provider_integrations WHERE id = __ AND org = ___");
    expect(code.slice(part!.offset!, part!.offset! + part!.text.length)).toBe(`"DELETE FROM cloud_provider_integrations WHERE id = " + id + " AND org = " + (org)`);
    const at = part!.text.indexOf("cloud_provider_integrations");
    expect(code.slice(part!.offset! + at, part!.offset! + at + 27)).toBe("cloud_provider_integrations");
  });

  test("a concatenation outside a query position is SQL only when it parses; messages never are", () => {
    const code = [
      `const purge = "DELETE FROM t WHERE id = " + id;`,
      `console.log("DELETE FROM t WHERE id = " + id);`,
      `const status = "Deleting from t " + id;`,
      "const heading = `Update ${name}` + suffix;",
    ].join("\n");
    const parts = extract(code).embedded ?? [];
    expect(parts.map((p) => [p.text.replace(/ +/g, " ").trim(), p.requireParse])).toEqual([
      ["DELETE FROM t WHERE id = __", true],
      ["Update _______ ______", true],
    ]);
  });

  test("a concatenation with a known operand is read folded, every candidate, unknown parts as `_`", () => {
    const code = `const T = flag ? "cloud_provider_integrations" : "org_members";\npool.query("SELECT * FROM " + T + " WHERE id = " + id);`;
    const parts = extract(code).embedded ?? [];
    expect(parts.map((p) => p.text)).toEqual(["SELECT * FROM cloud_provider_integrations WHERE id = _", "SELECT * FROM org_members WHERE id = _"]);
    for (const p of parts) expect(code.slice(p.anchor!.start, p.anchor!.end)).toBe(`"SELECT * FROM " + T + " WHERE id = " + id`);
  });

  test("a chain that does not start as SQL still hands over its statement literal", () => {
    const code = `db.query(prefix + "DELETE FROM cloud_provider_integrations");`;
    expect((extract(code).embedded ?? []).map((p) => p.text)).toEqual(["DELETE FROM cloud_provider_integrations"]);
  });
});

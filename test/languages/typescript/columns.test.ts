/** Column facts: keys written by insert/update/upsert, names read by select text, filters and data. */
import { describe, expect, test } from "vitest";
import { extract, queryFacts, spanText } from "./helpers.js";

const columns = (code: string) => queryFacts(code).filter((f) => f.startsWith("column:"));

describe("writes", () => {
  test.each([
    ["identifier key", `sb.from("o").update({ integration_openai_status: "VALID" });`, ["column:write:integration_openai_status@1:23"]],
    ["quoted key", `sb.from("o").insert({ "integration_gcp_status": 1 });`, ["column:write:integration_gcp_status@1:23"]],
    ["computed constant key", `const K = "integration_aws_status";\nsb.from("o").upsert({ [K]: 1 });`, ["column:write:integration_aws_status@2:24"]],
    ["template with unknown part", "sb.from(\"o\").update({ [`integration_${p}_status`]: 1 });", ["column:write:integration_?_status@1:24"]],
    [
      "template over a const map",
      "const PREFIX = { a: \"integration_openai\", b: \"integration_gcp\" } as const;\nsb.from(\"o\").update({ [`${PREFIX[p]}_status`]: 1 });",
      ["column:write:integration_gcp_status|integration_openai_status@2:24"],
    ],
    ["array of rows", `sb.from("o").insert([{ a: 1 }, { b: 2 }]);`, ["column:write:a@1:24", "column:write:b@1:34"]],
    ["object built first", `const row = { a: 1 };\nsb.from("o").update(row);`, ["column:write:a@1:15"]],
    ["spread", `const base = { a: 1 };\nsb.from("o").update({ ...base, b: 2 });`, ["column:write:a@1:16", "column:write:b@2:32"]],
    ["Object.assign", `const row = { a: 1 };\nObject.assign(row, { b: 2 });\nsb.from("o").update(row);`, ["column:write:a@1:15", "column:write:b@2:22"]],
    ["mutation by key", "const row: Record<string, string> = {};\nrow[`integration_${p}_configured_at`] = now;\nsb.from(\"o\").update(row);", ["column:write:integration_?_configured_at@2:5"]],
    ["mutation by name", `const row = {};\nrow.integration_x_status = 1;\nsb.from("o").update(row);`, ["column:write:integration_x_status@2:5"]],
    ["receiver variable bound to a chain", `const q = sb.from("o");\nawait q.update({ a: 1 });`, ["column:write:a@2:18"]],
    ["helper building the row", `function rowOf() { return { a: 1 }; }\nsb.from("o").update(rowOf());`, ["column:write:a@1:29"]],
    ["computed key from a helper", "const columnOf = (p: string) => `integration_${p}_status`;\nsb.from(\"o\").update({ [columnOf(p)]: 1 });", ["column:write:integration_?_status@2:24"]],
    ["rows built by map", `sb.from("o").upsert(list.map((r) => ({ a: r.id })));`, ["column:write:a@1:40"]],
    ["parameter of a same-file function", `function save(v) { return sb.from("o").update(v); }\nsave({ a: 1 });`, ["column:write:a@2:8"]],
  ])("%s", (_, code, expected) => {
    expect(columns(code).filter((f) => f.includes(":write:"))).toEqual(expected);
  });

  test.each([
    ["type and interface members", `interface Org { integration_openai_status: string }\ntype Row = { integration_gcp_configured_at?: string };`],
    ["an object never written", `const row = { integration_openai_status: 1 };\nconsole.log(row);`],
    ["update without a query chain", `store.update({ integration_openai_status: 1 });`],
    ["unknown computed key", `sb.from("o").update({ [k]: 1 });`],
  ])("not a write: %s", (_, code) => {
    expect(columns(code).filter((f) => f.includes(":write:"))).toEqual([]);
  });

  test("the span of a computed key is the key expression", () => {
    const code = "sb.from(\"o\").update({ [`integration_${p}_status`]: 1 });";
    const fact = extract(code).facts.find((f) => f.kind === "column")!;
    expect(spanText(code, fact)).toBe("`integration_${p}_status`");
  });
});

describe("reads from select text and filters", () => {
  test("columns, aliases, casts, relations, star, json paths", () => {
    const code = `sb.from("o").select("id, alias:integration_openai_status, n::text, rel!inner(col, deep(x)), *, j->>k, count()");`;
    const facts = extract(code).facts.filter((f) => f.kind === "column" || f.kind === "table");
    expect(facts.map((f) => `${f.kind}:${spanText(code, f)}`)).toEqual([
      "table:from(\"o\")",
      "column:id",
      "column:integration_openai_status",
      "column:n",
      "table:rel",
      "column:col",
      "table:deep",
      "column:x",
      "column:j",
    ]);
    for (const fact of facts.slice(1)) expect(spanText(code, fact)).toBe((fact as { name: readonly string[] }).name[0]);
  });

  test("filters name columns", () => {
    const code = `sb.from("o").select().eq("a", 1).neq("b", 2).in("c", []).order("d->>e").match({ f: 1 }).is("rel.g", null);`;
    expect(columns(code)).toEqual([
      "column:read:a@1:27",
      "column:read:b@1:39",
      "column:read:c@1:50",
      "column:read:d@1:65",
      "column:read:f@1:81",
      "column:read:g@1:97",
    ]);
  });

  test("select text in a const", () => {
    const code = `const COLS = "id, integration_x_status";\nsb.from("o").select(COLS);`;
    expect(columns(code)).toEqual(["column:read:id@1:15", "column:read:integration_x_status@1:19"]);
  });

  test("eq outside a query chain is not a column", () => {
    expect(columns(`expect(x).eq("integration_x_status", 1);`)).toEqual([]);
  });
});

describe("reads through query data", () => {
  test.each([
    ["destructured data", `const { data } = await sb.from("o").select("*");\ndata.integration_a_status;`, "integration_a_status@2:6"],
    ["renamed data, optional member", `const { data: org } = await sb.from("o").select("*").single();\norg?.integration_a_status;`, "integration_a_status@2:6"],
    ["response variable", `const res = await sb.from("o").select("*");\nres.data.integration_a_status;`, "integration_a_status@2:10"],
    ["awaited member", `(await sb.from("o").select("*")).data.integration_a_status;`, "integration_a_status@1:39"],
    ["index", `const { data } = await sb.from("o").select("*");\ndata[0].integration_a_status;`, "integration_a_status@2:9"],
    ["for of", `const { data } = await sb.from("o").select("*");\nfor (const row of data ?? []) row.integration_a_status;`, "integration_a_status@2:35"],
    ["map callback", `const { data } = await sb.from("o").select("*");\ndata.map((row) => row.integration_a_status);`, "integration_a_status@2:23"],
    ["named callback", `function label(row) { return row.integration_a_status; }\nconst { data } = await sb.from("o").select("*");\ndata.map(label);`, "integration_a_status@1:34"],
    ["find result", `const { data } = await sb.from("o").select("*");\ndata.find((r) => r.id)?.integration_a_status;`, "integration_a_status@2:25"],
    ["destructured row", `const { data } = await sb.from("o").select("*").maybeSingle();\nconst { integration_a_status } = data!;`, "integration_a_status@2:9"],
    ["callback destructuring", `const { data } = await sb.from("o").select("*");\ndata?.forEach(({ integration_a_status }) => 1);`, "integration_a_status@2:18"],
    ["then callback", `sb.from("o").select("*").then(({ data }) => data.integration_a_status);`, "integration_a_status@1:50"],
    ["through a variable chain", `const q = sb.from("o").select("*");\nconst { data } = await q;\ndata.integration_a_status;`, "integration_a_status@3:6"],
    ["returned by a same-file function", `async function getOrg() {\n  const { data } = await sb.from("o").select("*").single();\n  return data;\n}\nconst org = await getOrg();\norg.integration_a_status;`, "integration_a_status@6:5"],
    ["passed to a same-file function", `function show(rows) { return rows[0].integration_a_status; }\nconst { data } = await sb.from("o").select("*");\nshow(data);`, "integration_a_status@1:38"],
  ])("%s", (_, code, expected) => {
    expect(columns(code).filter((f) => f.includes("integration_a_status"))).toEqual([`column:read:${expected}`]);
  });

  test.each([
    ["props", `function C(props) { return props.integration_a_status; }`],
    ["data from elsewhere", `const { data } = await fetchJson();\ndata.integration_a_status;`],
    ["array methods and length are not columns", `const { data } = await sb.from("o").select();\ndata.length; data.map(String);`],
    ["a shadowing parameter", `const { data } = await sb.from("o").select();\nfunction f(data) { return data.integration_a_status; }`],
  ])("not a read: %s", (_, code) => {
    expect(columns(code).filter((f) => !f.startsWith("column:read:id"))).toEqual([]);
  });
});

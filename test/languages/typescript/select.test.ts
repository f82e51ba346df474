/** The PostgREST select-list parser: names and their exact offsets. */
import { expect, test } from "vitest";
import { parseSelect } from "../../../src/languages/postgrest-select.js";

const names = (text: string) => parseSelect(text).map((n) => `${n.kind === "relation" ? "rel" : "col"}:${n.name}@${n.start}`);

test.each([
  ["plain list", "id, name", ["col:id@0", "col:name@4"]],
  ["star", "*", []],
  ["alias", "status:integration_openai_status", ["col:integration_openai_status@7"]],
  ["cast is not an alias", "n::text, m", ["col:n@0", "col:m@9"]],
  ["json path", "meta->>key, meta->a->b", ["col:meta@0", "col:meta@12"]],
  ["relation with hint and alias", "owner:users!owner_id(id, email)", ["rel:users@6", "col:id@21", "col:email@25"]],
  ["inner join and spread", "...orgs!inner(name), x", ["rel:orgs@3", "col:name@14", "col:x@21"]],
  ["nested relations", "a(b(c), d), e", ["rel:a@0", "rel:b@2", "col:c@4", "col:d@8", "col:e@12"]],
  ["aggregates are not columns", "count(), amount.sum()", ["col:amount@9"]],
  ["newlines and spaces", "\n  id,\n  integration_gcp_status\n", ["col:id@3", "col:integration_gcp_status@9"]],
])("%s", (_, text, expected) => {
  expect(names(text)).toEqual(expected);
});

test.each(["", "(((", ")))", ",,,", "a(b(c(d(e(", "::::", "!!!(", "a:b:c:d"])("never throws on %j", (text) => {
  expect(() => parseSelect(text)).not.toThrow();
});

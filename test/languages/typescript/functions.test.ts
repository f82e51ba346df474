/** Function definition and call facts: every form a function gets a name in, spans on the name. */
import { describe, expect, test } from "vitest";
import { described } from "./helpers.js";

const definitions = (code: string, path?: string) => described(code, ["function-definition"], path);
const calls = (code: string) => described(code, ["function-call"]);

describe("definitions", () => {
  test.each([
    ["declaration", "function saveA() {}", ["function-definition:saveA@1:10"]],
    ["async exported", "export async function saveA() {}", ["function-definition:saveA@1:23"]],
    ["default exported", "export default function saveA() {}", ["function-definition:saveA@1:25"]],
    ["arrow bound to a const", "const saveA = async (x: string) => {};", ["function-definition:saveA@1:7"]],
    ["function expression bound to a let", "let saveA = function () {};", ["function-definition:saveA@1:5"]],
    ["named function expression", "const a = function saveB() {};", ["function-definition:a@1:7", "function-definition:saveB@1:20"]],
    ["object method", "const api = { saveA() {} };", ["function-definition:saveA@1:15"]],
    ["object property function", "const api = { saveA: () => 1, 'saveB': function () {} };", ["function-definition:saveA@1:15", "function-definition:saveB@1:31"]],
    ["class method and property arrow", "class S { saveA() {} saveB = () => {}; constructor() {} }", ["function-definition:saveA@1:11", "function-definition:saveB@1:22"]],
    ["exports.x = function", "exports.saveA = function () {};", ["function-definition:saveA@1:9"]],
    ["module.exports.x = arrow", "module.exports.saveA = async () => {};", ["function-definition:saveA@1:16"]],
    ["inside a JS file with JSX", "export const saveA = () => <div />;", ["function-definition:saveA@1:14"]],
  ])("%s", (_, code, expected) => {
    const path = code.includes("<div") ? "a.jsx" : "a.ts";
    expect(definitions(code, path)).toEqual(expected);
  });

  test.each([
    ["an overload signature", "export function saveA(x: string): void;"],
    ["a type member", "interface I { saveA(): void; saveB: () => void }"],
    ["a value that is not a function", "const saveA = 1; const o = { saveB: 2 };"],
  ])("not a definition: %s", (_, code) => {
    expect(definitions(code)).toEqual([]);
  });
});

describe("calls", () => {
  test("by identifier and member name, optional and computed", () => {
    expect(calls(`saveA(); await api.saveB(1); a?.saveC?.(); a["saveD"]();`)).toEqual([
      "function-call:saveA@1:1",
      "function-call:saveB@1:20",
      "function-call:saveC@1:33",
      "function-call:saveD@1:46",
    ]);
  });

  test("a definition is not a call, `new` is not a call", () => {
    expect(calls("function saveA() {}\nconst b = () => {};\nnew Store();")).toEqual([]);
  });
});

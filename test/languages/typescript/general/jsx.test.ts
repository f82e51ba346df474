/** JsxAttributeFact: element, attribute, and the value folded with the calls that make it. */
import { describe as group, expect, test } from "vitest";
import type { JsxAttributeFact } from "../../../../src/core/types.js";
import { facts, generalFacts, shown } from "./helpers.js";

const attributes = (code: string) => generalFacts(code, ["jsx-attribute"], "example.tsx") as JsxAttributeFact[];

group("jsx-attribute facts", () => {
  test("names, elements and positions", () => {
    const code = [
      `const a = <div dangerouslySetInnerHTML={{ __html: html }} />;`,
      `const b = <Foo.Bar target="_blank" disabled />;`,
      `const c = <svg:path xlink:href={"#x"} {...rest} />;`,
    ].join("\n");
    expect(facts(code, ["jsx-attribute"])).toEqual([
      "jsx:div.dangerouslySetInnerHTML@1:16",
      "jsx:Foo.Bar.target@2:20",
      "jsx:Foo.Bar.disabled@2:36",
      "jsx:svg:path.xlink:href@3:21",
    ]);
    expect(attributes(code).map((a) => shown(a.value))).toEqual([
      { value: [], keys: { __html: [] } },
      { value: ["_blank"] },
      { value: ["true"] },
      { value: ["#x"] },
    ]);
  });

  test("plain: some candidate of the value is no call's result (one branch, a glued raw part, a parameter)", () => {
    const code = [
      `import DOMPurify from "dompurify";`,
      `const safe = DOMPurify.sanitize(body);`,
      `const a = <div dangerouslySetInnerHTML={{ __html: safe }} />;`,
      `const b = <div dangerouslySetInnerHTML={{ __html: preview ? html : sanitize(html) }} />;`,
      `const c = <div dangerouslySetInnerHTML={{ __html: sanitize(a) + html }} />;`,
      `const d = <div dangerouslySetInnerHTML={{ __html: ok && sanitize(html) }} />;`,
      `const e = <div dangerouslySetInnerHTML={{ __html: email.html }} />;`,
    ].join("\n");
    expect(attributes(code).map((a) => a.value.plain ?? false)).toEqual([false, true, true, false, true]);
  });

  test("calls inside the value: direct, in an object literal, through a constant, after aliases", () => {
    const code = [
      `import DOMPurify from "dompurify";`,
      `import { sanitize as clean } from "@/lib/html";`,
      `const safe = clean(html);`,
      `const props = { __html: DOMPurify.sanitize(raw) };`,
      `export const A = () => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(raw) }} />;`,
      `export const B = () => <div dangerouslySetInnerHTML={{ __html: safe }} />;`,
      `export const C = () => <div dangerouslySetInnerHTML={props} />;`,
      `export const D = () => <div dangerouslySetInnerHTML={{ __html: marked(DOMPurify.sanitize(raw)) }} />;`,
      `export const E = () => <div dangerouslySetInnerHTML={{ __html: raw }} />;`,
    ].join("\n");
    expect(attributes(code).map((a) => a.value.calls ?? [])).toEqual([
      ["DOMPurify.sanitize", "dompurify.sanitize"],
      ["clean", "sanitize"],
      ["DOMPurify.sanitize", "dompurify.sanitize"],
      ["marked"],
      [],
    ]);
  });

  test("a string value folds through constants", () => {
    const code = `const T = "_bl" + "ank";\nconst a = <a target={T} href={\`\${BASE}/x\`} />;`;
    expect(attributes(code).map((a) => shown(a.value))).toEqual([{ value: ["_blank"], paths: ["T"] }, { value: ["?/x"] }]);
  });
});

group("jsx-attribute facts given another way", () => {
  test("spread object literals, spread constants and createElement props are attributes too", () => {
    const code = [
      `import { createElement } from "react";`,
      `const props = { dangerouslySetInnerHTML: { __html: raw }, id: "x" };`,
      `export const A = () => <div {...{ dangerouslySetInnerHTML: { __html: raw } }} />;`,
      `export const B = () => <section {...props} />;`,
      `export const C = () => createElement("p", { dangerouslySetInnerHTML: { __html: sanitize(raw) } });`,
      `export const D = () => document.createElement("p", { is: "x" });`,
    ].join("\n");
    expect(facts(code, ["jsx-attribute"])).toEqual([
      "jsx:div.dangerouslySetInnerHTML@3:35",
      "jsx:section.dangerouslySetInnerHTML@4:37",
      "jsx:section.id@4:37",
      "jsx:p.dangerouslySetInnerHTML@5:45",
    ]);
    expect(attributes(code).at(-1)!.value.calls).toEqual(["sanitize"]);
  });
});

group("tagged templates", () => {
  test("a tagged template is a call of its tag with the template folded", () => {
    const code = "const T = \"users\";\nconst q = sql`select * from ${T}`;";
    expect(facts(code, ["call"])).toEqual(["call:sql@2:11"]);
  });
});

/** Fact helpers shared by the Python and SQL adapter tests: facts as short, readable tuples. */
import { type Fact, NAME_HOLE } from "../../../src/core/types.js";

/** `table read cloud_provider_integrations "public.cloud_provider_integrations"` style rows. */
export function describeFacts(text: string, facts: readonly Fact[], kinds: readonly Fact["kind"][] = ["table", "column"]): string[] {
  return facts
    .filter((f) => kinds.includes(f.kind))
    .map((f) => {
      const name = Array.isArray(f.name) ? f.name.map((n) => n.split(NAME_HOLE).join("*")).join("|") : f.name;
      const access = "access" in f ? ` ${f.access}` : "";
      return `${f.kind}${access} ${name} ${JSON.stringify(text.slice(f.span.start, f.span.end))}`;
    });
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
